import Foundation

/// The parts of the OSCAL 1.2 model AuditPack writes: assessment results and the assessment plan they import.
/// Property names are the model's names in camel case; `OSCAL.encode` writes them in kebab case
/// (`lastModified` → `last-modified`). Optional fields and empty lists are left out, as OSCAL requires.
public enum OSCAL {
    /// The OSCAL release the documents conform to (NIST's `oscal_complete_schema.json` of that release).
    public static let version = "1.2.3"
    /// The namespace of AuditPack's own properties (`prop/@ns`).
    public static let namespace = "https://auditpack.dev/ns/oscal"
    /// NIST's namespace, for the core facet names (severity).
    public static let nistNamespace = "http://csrc.nist.gov/ns/oscal"

    public struct Property: Codable, Equatable, Sendable {
        public var name: String
        public var value: String
        public var ns: String?

        /// An AuditPack property; nil when `value` is empty (OSCAL values must not be).
        static func auditPack(_ name: String, _ value: String?) -> Property? {
            guard let value else { return nil }
            let flat = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return flat.isEmpty ? nil : Property(name: name, value: flat, ns: OSCAL.namespace)
        }
    }

    /// The properties that have a value, or nil when none has (OSCAL lists must not be empty).
    static func props(_ properties: [Property?]) -> [Property]? {
        let present = properties.compactMap { $0 }
        return present.isEmpty ? nil : present
    }

    public struct Metadata: Codable, Equatable, Sendable {
        public var title: String
        public var lastModified: String
        public var version: String
        public var oscalVersion: String
        public var props: [Property]?
        public var roles: [Role]?
        public var parties: [Party]?
        public var responsibleParties: [ResponsibleParty]?
        public var remarks: String?
    }

    public struct Role: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var description: String?
    }

    public struct Party: Codable, Equatable, Sendable {
        public var uuid: String
        public var type: String
        public var name: String
        public var props: [Property]?
        public var remarks: String?
    }

    public struct ResponsibleParty: Codable, Equatable, Sendable {
        public var roleId: String
        public var partyUuids: [String]
    }

    public struct Component: Codable, Equatable, Sendable {
        public var uuid: String
        public var type: String
        public var title: String
        public var description: String
        public var props: [Property]?
        public var status: Status

        public struct Status: Codable, Equatable, Sendable {
            public var state: String
        }
    }

    public struct InventoryItem: Codable, Equatable, Sendable {
        public var uuid: String
        public var description: String
        public var props: [Property]?
        public var implementedComponents: [ComponentReference]?
    }

    public struct ComponentReference: Codable, Equatable, Sendable {
        public var componentUuid: String
    }

    public struct AssessmentAssets: Codable, Equatable, Sendable {
        public var components: [Component]?
        public var assessmentPlatforms: [AssessmentPlatform]
    }

    public struct AssessmentPlatform: Codable, Equatable, Sendable {
        public var uuid: String
        public var title: String?
        public var usesComponents: [ComponentReference]?
    }

    public struct ReviewedControls: Codable, Equatable, Sendable {
        public var description: String?
        public var controlSelections: [ControlSelection]
    }

    public struct ControlSelection: Codable, Equatable, Sendable {
        public var description: String?
        public var includeControls: [SelectControl]
    }

    public struct SelectControl: Codable, Equatable, Sendable {
        public var controlId: String
    }

    public struct SubjectReference: Codable, Equatable, Sendable {
        public var subjectUuid: String
        public var type: String
        public var title: String?
    }

    public struct Origin: Codable, Equatable, Sendable {
        public var actors: [Actor]
    }

    public struct Actor: Codable, Equatable, Sendable {
        public var type: String
        public var actorUuid: String
        public var roleId: String?
    }

    public struct RelevantEvidence: Codable, Equatable, Sendable {
        public var href: String?
        public var description: String
        public var props: [Property]?
    }

    public struct Observation: Codable, Equatable, Sendable {
        public var uuid: String
        public var title: String?
        public var description: String
        public var props: [Property]?
        public var methods: [String]
        public var origins: [Origin]?
        public var subjects: [SubjectReference]?
        public var relevantEvidence: [RelevantEvidence]?
        public var collected: String
        public var remarks: String?
    }

    public struct Facet: Codable, Equatable, Sendable {
        public var name: String
        public var system: String
        public var value: String
    }

    public struct Characterization: Codable, Equatable, Sendable {
        public var origin: Origin
        public var facets: [Facet]
    }

    public struct Response: Codable, Equatable, Sendable {
        public var uuid: String
        public var lifecycle: String
        public var title: String
        public var description: String
    }

    public struct Risk: Codable, Equatable, Sendable {
        public var uuid: String
        public var title: String
        public var description: String
        public var statement: String
        public var props: [Property]?
        public var status: String
        public var origins: [Origin]?
        public var characterizations: [Characterization]?
        public var remediations: [Response]?
        public var relatedObservations: [RelatedObservation]?
    }

    public struct RelatedObservation: Codable, Equatable, Sendable {
        public var observationUuid: String
    }

    public struct RelatedRisk: Codable, Equatable, Sendable {
        public var riskUuid: String
    }

    public struct Finding: Codable, Equatable, Sendable {
        public var uuid: String
        public var title: String
        public var description: String
        public var props: [Property]?
        public var origins: [Origin]?
        public var target: Target
        public var relatedObservations: [RelatedObservation]?
        public var relatedRisks: [RelatedRisk]?
        public var remarks: String?
    }

    public struct Target: Codable, Equatable, Sendable {
        public var type: String
        public var targetId: String
        public var title: String?
        public var status: ObjectiveStatus
    }

    public struct ObjectiveStatus: Codable, Equatable, Sendable {
        public var state: String
        public var reason: String?
        public var remarks: String?
    }

    public struct BackMatter: Codable, Equatable, Sendable {
        public var resources: [Resource]
    }

    public struct Resource: Codable, Equatable, Sendable {
        public var uuid: String
        public var title: String?
        public var description: String?
        public var props: [Property]?
        public var rlinks: [ResourceLink]?
        public var base64: Base64?
        public var remarks: String?
    }

    public struct ResourceLink: Codable, Equatable, Sendable {
        public var href: String
        public var mediaType: String?
        public var hashes: [Hash]?
    }

    public struct Hash: Codable, Equatable, Sendable {
        public var algorithm: String
        public var value: String
    }

    public struct Base64: Codable, Equatable, Sendable {
        public var filename: String?
        public var mediaType: String?
        public var value: String
    }

    public struct Part: Codable, Equatable, Sendable {
        public var id: String?
        public var name: String
        public var title: String?
        public var props: [Property]?
        public var prose: String?
        public var parts: [Part]?
    }

    public struct Import: Codable, Equatable, Sendable {
        public var href: String
    }
}
