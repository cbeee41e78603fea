import Foundation

extension OSCAL {
    /// `{"assessment-plan": …}`: what AuditPack assesses, on which subject, with which tool and method.
    public struct AssessmentPlanDocument: Codable, Equatable, Sendable {
        public var assessmentPlan: AssessmentPlan
    }

    public struct AssessmentPlan: Codable, Equatable, Sendable {
        public var uuid: String
        public var metadata: Metadata
        public var importSsp: Import
        public var localDefinitions: PlanLocalDefinitions?
        public var reviewedControls: ReviewedControls
        public var assessmentSubjects: [AssessmentSubject]?
        public var assessmentAssets: AssessmentAssets?
        public var backMatter: BackMatter?
    }

    public struct PlanLocalDefinitions: Codable, Equatable, Sendable {
        public var components: [Component]?
        public var inventoryItems: [InventoryItem]?
        public var objectivesAndMethods: [LocalObjective]?
    }

    /// One control's objective and method, as the plan defines them for the findings' targets.
    public struct LocalObjective: Codable, Equatable, Sendable {
        public var controlId: String
        public var description: String?
        public var parts: [Part]
    }

    public struct AssessmentSubject: Codable, Equatable, Sendable {
        public var type: String
        public var description: String?
        public var includeSubjects: [SelectSubject]?
    }

    /// A subject selected by UUID (unlike a `SubjectReference`, it has no title).
    public struct SelectSubject: Codable, Equatable, Sendable {
        public var subjectUuid: String
        public var type: String
    }
}
