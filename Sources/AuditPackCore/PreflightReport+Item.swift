import Foundation

extension PreflightReport {
    /// One evidence item's answer.
    public struct Item: Sendable, Codable, Equatable {
        public var id: String
        public var control: String
        public var description: String
        public var status: Status
        /// What is missing: `list secrets` (forbidden) or `vulnerabilityreports.aquasecurity.github.io` (not installed).
        public var missing: [String]

        public init(id: String, control: String, description: String, status: Status, missing: [String]) {
            self.id = id
            self.control = control
            self.description = description
            self.status = status
            self.missing = missing
        }
    }

    /// Will collection be able to read an item?
    public enum Status: String, Sendable, Codable, Equatable {
        case allowed
        /// The identity lacks a permission (`missing` names verb, resource and group).
        case forbidden
        /// A resource type the item reads is not served (its CRD is absent).
        case notInstalled = "not_installed"
    }
}
