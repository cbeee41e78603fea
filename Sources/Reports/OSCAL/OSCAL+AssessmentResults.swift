import Foundation

extension OSCAL {
    /// `{"assessment-results": …}`: what was assessed, what was observed, and what was found.
    public struct AssessmentResultsDocument: Codable, Equatable, Sendable {
        public var assessmentResults: AssessmentResults
    }

    public struct AssessmentResults: Codable, Equatable, Sendable {
        public var uuid: String
        public var metadata: Metadata
        public var importAp: Import
        public var results: [Result]
        public var backMatter: BackMatter?
    }

    public struct Result: Codable, Equatable, Sendable {
        public var uuid: String
        public var title: String
        public var description: String
        public var props: [Property]?
        public var start: String
        public var end: String?
        public var localDefinitions: ResultLocalDefinitions?
        public var reviewedControls: ReviewedControls
        public var observations: [Observation]?
        public var risks: [Risk]?
        public var findings: [Finding]?
        public var remarks: String?
    }

    public struct ResultLocalDefinitions: Codable, Equatable, Sendable {
        public var components: [Component]?
        public var inventoryItems: [InventoryItem]?
        public var assessmentAssets: AssessmentAssets?
    }
}
