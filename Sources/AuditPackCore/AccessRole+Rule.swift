import Foundation

extension AccessRole {
    /// One PolicyRule, with what it serves (its comment).
    public struct Rule: Sendable, Equatable {
        /// One API group (empty for a non-resource rule).
        public var apiGroups: [String]
        public var resources: [String]
        public var resourceNames: [String]?
        public var nonResourceURLs: [String]?
        public var verbs: [String]
        /// One line per evidence item served (`C01  Network Policies (all namespaces)`), or what a run read is for.
        public var serves: [String]
        /// Set when every read behind the rule is narrower than a ClusterRole can say (one namespace, a label).
        public var narrowerThanRule: String?

        public init(
            apiGroups: [String],
            resources: [String],
            resourceNames: [String]? = nil,
            nonResourceURLs: [String]? = nil,
            verbs: [String],
            serves: [String],
            narrowerThanRule: String? = nil
        ) {
            self.apiGroups = apiGroups
            self.resources = resources
            self.resourceNames = resourceNames
            self.nonResourceURLs = nonResourceURLs
            self.verbs = verbs
            self.serves = serves
            self.narrowerThanRule = narrowerThanRule
        }

        /// The rule as Kubernetes stores it (a PolicyRule object).
        public var policyRule: [String: Any] {
            if let nonResourceURLs { return ["nonResourceURLs": nonResourceURLs, "verbs": verbs] }
            var rule: [String: Any] = ["apiGroups": apiGroups, "resources": resources, "verbs": verbs]
            if let resourceNames { rule["resourceNames"] = resourceNames }
            return rule
        }
    }
}
