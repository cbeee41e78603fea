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

    enum CodingKeys: String, CodingKey {
        case schema, controls
        case runReads = "run_reads"
        case sourceKinds = "source_kinds"
    }

    public struct Control: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var objective: String
        public var manualMinutes: Int
        public var frameworks: Frameworks
        public var evidence: [EvidenceItem]
        public var thresholds: [String: ThresholdValue]?
        public var managedControlPlaneNote: String?
        public var remediation: String
        /// Evidence items of other controls this control's evaluator reads: collected whenever this
        /// control is, so a control selected alone is judged as in a full run.
        public var requires: [String]?
        /// The rules the control's evaluator reports (see `Catalog+Rule.swift`).
        public var rules: [Rule]?

        enum CodingKeys: String, CodingKey {
            case id, title, objective, frameworks, evidence, thresholds, remediation, requires, rules
            case manualMinutes = "manual_minutes"
            case managedControlPlaneNote = "managed_control_plane_note"
        }
    }

    public struct Frameworks: Sendable, Codable, Equatable {
        public var soc2: [String]
        public var iso27001: [String]
        public var pciDSS: [String]
        /// NIST SP 800-53 Rev. 5 controls in the publication's notation (`SC-7`, `SC-7(5)`).
        public var nist80053: [String]

        enum CodingKeys: String, CodingKey {
            case soc2, iso27001
            case pciDSS = "pci_dss"
            case nist80053 = "nist_800_53"
        }
    }

    public struct EvidenceItem: Sendable, Codable, Equatable {
        public var id: String
        public var description: String
        public var file: String
        public var source: Source
    }

    /// Where an item comes from. `kind` names a collector in code; the other fields parameterise it.
    public struct Source: Sendable, Codable, Equatable {
        public var kind: String
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
        } catch {
            throw CatalogError.invalid(file: file, reason: "\(error)")
        }
        try catalog.validate(file: file)
        return catalog
    }

    /// Ids and file names must be unique, so manifests and packages are unambiguous.
    func validate(file: String) throws {
        var controlIDs = Set<String>()
        var itemIDs = Set<String>()
        var files = Set<String>()
        for control in controls {
            guard controlIDs.insert(control.id).inserted else {
                throw CatalogError.invalid(file: file, reason: "control id \(control.id) appears twice")
            }
            for nist in control.frameworks.nist80053 where !Self.isNIST80053ID(nist) {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(control.id) maps to \"\(nist)\", which is not a NIST SP 800-53 id "
                        + "(write it as the publication does: SC-7 or SC-7(5))"
                )
            }
            for item in control.evidence {
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

/// Problems with a catalog file.
public enum CatalogError: Error, CustomStringConvertible, Equatable {
    case missingResource
    case invalid(file: String, reason: String)

    public var description: String {
        switch self {
        case .missingResource:
            return "The built-in control catalog is missing from the AuditPack bundle; reinstall AuditPack."
        case .invalid(let file, let reason):
            return "Control catalog \(file) is invalid: \(reason). Fix the file."
        }
    }
}
