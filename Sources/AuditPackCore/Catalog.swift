import Foundation
import Yams

/// The control catalog: what each control asserts, the evidence that proves it, framework mappings,
/// manual-effort baselines, thresholds and remediation. Loaded from `Resources/catalog.yaml`.
public struct Catalog: Sendable, Codable, Equatable {
    public var schema: String
    public var controls: [Control]
    /// Reads every run makes besides its items' evidence (discovery, identity, cluster id, preflight).
    public var runReads: [APIRead]?
    /// The API reads of each source kind (see `Catalog+Reads.swift`).
    public var sourceKinds: [String: SourceKind]?
    /// The frameworks controls map to (see `Catalog+Framework.swift`).
    public var frameworks: [Framework]

    enum CodingKeys: String, CodingKey {
        case schema, controls, frameworks
        case runReads = "run_reads"
        case sourceKinds = "source_kinds"
    }

    public struct Control: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var objective: String
        public var manualMinutes: Int
        /// Requirements per framework id (`soc2`, `iso27001`, `pci_dss`, `nist_800_53`).
        public var frameworks: [String: [String]]
        public var evidence: [EvidenceItem]
        /// What the evaluator reports, each with its severity (see `Catalog+Rule.swift`).
        public var rules: [Rule]
        public var thresholds: [String: ThresholdValue]?
        public var managedControlPlaneNote: String?
        public var remediation: String
        /// Evidence items of other controls this control's evaluator reads: collected whenever this
        /// control is, so a control selected alone is judged as in a full run.
        public var requires: [String]?

        enum CodingKeys: String, CodingKey {
            case id, title, objective, frameworks, evidence, rules, thresholds, remediation, requires
            case manualMinutes = "manual_minutes"
            case managedControlPlaneNote = "managed_control_plane_note"
        }
    }

    public struct EvidenceItem: Sendable, Codable, Equatable {
        public var id: String
        public var description: String
        public var file: String
        public var source: Source
        /// Another item that carries this item's evidence when it is collected: this item is then
        /// `not_applicable` by design, not a gap (C04c, when trivy-operator's reports are in C04b).
        public var coveredBy: String?

        enum CodingKeys: String, CodingKey {
            case id, description, file, source
            case coveredBy = "covered_by"
        }
    }

    /// Where an item comes from. `kind` names a collector in code; the other fields parameterise it.
    public struct Source: Sendable, Codable, Equatable {
        public var kind: Kind
        public var group: String?
        public var resource: String?
        public var versions: [String]?
        public var namespace: String?
        public var labelSelector: String?
        public var flags: [String]?
        public var jobLabel: String?

        enum CodingKeys: String, CodingKey {
            case kind, group, resource, versions, namespace, flags
            case labelSelector = "label_selector"
            case jobLabel = "job_label"
        }
    }

    /// A threshold: a number, a flag, or a list of names.
    public enum ThresholdValue: Sendable, Codable, Equatable {
        case number(Double)
        case flag(Bool)
        case names([String])

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .names(try container.decode([String].self))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            case .names(let value): try container.encode(value)
            }
        }
    }
}

extension Catalog {
    /// The catalog shipped with AuditPack.
    public static func builtIn() throws -> Catalog {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "yaml") else {
            throw CatalogError.missingResource
        }
        return try load(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    public static func load(yaml: String, file: String) throws -> Catalog {
        let catalog: Catalog
        do {
            catalog = try YAMLDecoder().decode(Catalog.self, from: yaml)
        } catch let error as DecodingError {
            throw CatalogError.invalid(file: file, reason: describe(error))
        } catch {
            throw CatalogError.invalid(file: file, reason: "\(error)")
        }
        try catalog.validate(file: file)
        return catalog
    }

    /// Ids and file names must be unique, so manifests and packages are unambiguous; rules, thresholds and
    /// frameworks must be complete, so nothing fails half-way through a collection or an evaluation.
    func validate(file: String) throws {
        for kind in (sourceKinds ?? [:]).keys.sorted() where Source.Kind(rawValue: kind) == nil {
            throw CatalogError.invalid(
                file: file,
                reason: "source_kinds declares \(kind), which no collector implements (known: \(Source.Kind.names))"
            )
        }
        var controlIDs = Set<String>()
        var itemIDs = Set<String>()
        var files = Set<String>()
        for control in controls {
            guard controlIDs.insert(control.id).inserted else {
                throw CatalogError.invalid(file: file, reason: "control id \(control.id) appears twice")
            }
            for item in control.evidence {
                guard !item.file.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw CatalogError.invalid(
                        file: file,
                        reason: "evidence \(item.id) has no file name; add file: <id>-<what>.json"
                    )
                }
                guard itemIDs.insert(item.id).inserted, files.insert(item.file).inserted else {
                    throw CatalogError.invalid(
                        file: file,
                        reason: "evidence \(item.id) (\(item.file)) repeats an id or file name"
                    )
                }
                try validateReads(of: item, file: file)
            }
        }
        for control in controls {
            for required in control.requires ?? [] where !itemIDs.contains(required) {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(control.id) requires evidence \(required), which no control collects"
                )
            }
            for item in control.evidence {
                if let other = item.coveredBy, !itemIDs.contains(other) || other == item.id {
                    throw CatalogError.invalid(
                        file: file,
                        reason: "evidence \(item.id) is covered_by \(other), which is not another evidence item"
                    )
                }
            }
        }
        try validateFrameworks(file: file)
        try validateRules(file: file)
        try validateThresholds(file: file)
    }

    /// `controls[3].evidence[1].source.kind: unknown source kind …`: where in the file, and what is wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
                .trimmingPrefix(".").description
        }
        switch error {
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "\(at.isEmpty ? "the top level" : at) has no \(key.stringValue); add it"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found nothing"
        @unknown default:
            return "\(error)"
        }
    }

    /// `AC-6` or `AC-6(5)`: two capital letters, a hyphen, a number, optionally an enhancement in parentheses.
    static func isNIST80053ID(_ id: String) -> Bool {
        id.wholeMatch(of: /[A-Z]{2}-[1-9][0-9]*(\([1-9][0-9]*\))?/) != nil
    }

    public func control(_ id: String) -> Control? {
        controls.first { $0.id == id }
    }
}
