import Foundation

/// `manifest.json` at the root of every package: a superset of the brief's manifest
/// (`audit_date`, `collector_version`, `controls[]` with `id`, `description`, `file`, `collected_at`,
/// `elapsed_ms`, `sha256`, `status`, `command`), plus provenance for each item and the run.
public struct Manifest: Sendable, Codable, Equatable {
    public static let currentSchema = "auditpack.dev/manifest/v1"

    public var schema: String
    public var packageID: String
    public var auditDate: String
    public var collectorVersion: String
    public var run: Run
    public var cluster: ClusterIdentity
    public var collector: CollectorIdentity
    /// One entry per evidence item, in catalog order.
    public var controls: [Entry]
    /// Files that are not evidence but belong to the package (findings.json, report.html).
    public var artifacts: [Artifact]
    /// The previous package in a series (hash chain), when one was given.
    public var previous: PreviousPackage?
    /// What preflight predicted before collection, when it ran.
    public var preflight: Preflight?

    public init(
        packageID: String,
        auditDate: String,
        run: Run,
        cluster: ClusterIdentity,
        collector: CollectorIdentity,
        controls: [Entry],
        artifacts: [Artifact] = [],
        previous: PreviousPackage? = nil
    ) {
        self.schema = Self.currentSchema
        self.packageID = packageID
        self.auditDate = auditDate
        self.collectorVersion = "auditpack \(ToolVersion.current)"
        self.run = run
        self.cluster = cluster
        self.collector = collector
        self.controls = controls
        self.artifacts = artifacts
        self.previous = previous
    }

    enum CodingKeys: String, CodingKey {
        case schema, run, cluster, collector, controls, artifacts, previous, preflight
        case packageID = "package_id"
        case auditDate = "audit_date"
        case collectorVersion = "collector_version"
    }

    public struct Run: Sendable, Codable, Equatable {
        public var startedAt: String
        public var finishedAt: String
        public var wallMilliseconds: Int
        /// Sum of the items' elapsed times (what a sequential collector would have taken).
        public var itemMillisecondsSum: Int
        public var tool: String
        public var toolVersion: String
        public var selectedControls: [String]

        public init(
            startedAt: String,
            finishedAt: String,
            wallMilliseconds: Int,
            itemMillisecondsSum: Int,
            selectedControls: [String]
        ) {
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.wallMilliseconds = wallMilliseconds
            self.itemMillisecondsSum = itemMillisecondsSum
            self.tool = "auditpack"
            self.toolVersion = ToolVersion.current
            self.selectedControls = selectedControls
        }

        enum CodingKeys: String, CodingKey {
            case tool
            case startedAt = "started_at"
            case finishedAt = "finished_at"
            case wallMilliseconds = "wall_ms"
            case itemMillisecondsSum = "items_ms_sum"
            case toolVersion = "tool_version"
            case selectedControls = "selected_controls"
        }
    }

    public struct ClusterIdentity: Sendable, Codable, Equatable {
        public var server: String
        public var context: String
        public var serverVersion: String
        /// The kube-system namespace's UID: stable for the cluster's lifetime.
        public var clusterID: String?

        public init(server: String, context: String, serverVersion: String, clusterID: String?) {
            self.server = server
            self.context = context
            self.serverVersion = serverVersion
            self.clusterID = clusterID
        }

        enum CodingKeys: String, CodingKey {
            case server, context
            case serverVersion = "server_version"
            case clusterID = "cluster_id"
        }
    }

    public struct CollectorIdentity: Sendable, Codable, Equatable {
        public var username: String
        public var groups: [String]
        public var host: String?

        public init(username: String, groups: [String], host: String?) {
            self.username = username
            self.groups = groups
            self.host = host
        }
    }

    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var control: String
        public var description: String
        public var file: String
        public var collectedAt: String
        public var elapsedMilliseconds: Int
        public var sha256: String
        public var size: Int
        public var status: ItemStatus
        /// The equivalent kubectl command, so an auditor can re-perform the collection.
        public var command: String
        public var requests: [RequestRecord]
        public var itemCount: Int?
        /// Set when the file is computed from other items rather than fetched.
        public var derivedFrom: [String]?
        /// Why the status is not `ok`, or what to know about the item.
        public var note: String?

        public init(
            id: String,
            control: String,
            description: String,
            file: String,
            collectedAt: String,
            elapsedMilliseconds: Int,
            sha256: String,
            size: Int,
            status: ItemStatus,
            command: String,
            requests: [RequestRecord] = [],
            itemCount: Int? = nil,
            derivedFrom: [String]? = nil,
            note: String? = nil
        ) {
            self.id = id
            self.control = control
            self.description = description
            self.file = file
            self.collectedAt = collectedAt
            self.elapsedMilliseconds = elapsedMilliseconds
            self.sha256 = sha256
            self.size = size
            self.status = status
            self.command = command
            self.requests = requests
            self.itemCount = itemCount
            self.derivedFrom = derivedFrom
            self.note = note
        }

        enum CodingKeys: String, CodingKey {
            case id, control, description, file, sha256, size, status, command, requests, note
            case collectedAt = "collected_at"
            case elapsedMilliseconds = "elapsed_ms"
            case itemCount = "item_count"
            case derivedFrom = "derived_from"
        }
    }

    /// One API request behind an item.
    public struct RequestRecord: Sendable, Codable, Equatable {
        public var path: String
        public var pages: Int
        public var items: Int
        public var resourceVersion: String?

        public init(path: String, pages: Int, items: Int, resourceVersion: String?) {
            self.path = path
            self.pages = pages
            self.items = items
            self.resourceVersion = resourceVersion
        }

        enum CodingKeys: String, CodingKey {
            case path, pages, items
            case resourceVersion = "resource_version"
        }
    }

    public struct Artifact: Sendable, Codable, Equatable {
        public var file: String
        public var sha256: String
        public var size: Int
        public var kind: String

        public init(file: String, sha256: String, size: Int, kind: String) {
            self.file = file
            self.sha256 = sha256
            self.size = size
            self.kind = kind
        }
    }

    public struct PreviousPackage: Sendable, Codable, Equatable {
        public var packageID: String
        public var manifestSHA256: String

        public init(packageID: String, manifestSHA256: String) {
            self.packageID = packageID
            self.manifestSHA256 = manifestSHA256
        }

        enum CodingKeys: String, CodingKey {
            case packageID = "package_id"
            case manifestSHA256 = "manifest_sha256"
        }
    }
}

extension Manifest {
    /// The manifest's bytes as written into packages: sorted keys, two-space indent, trailing newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
