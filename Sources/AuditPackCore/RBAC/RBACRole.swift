import Foundation

/// The fields of a Role or ClusterRole that effective permissions read.
public struct RBACRole: Sendable, Codable, Equatable {
    public struct Metadata: Sendable, Codable, Equatable {
        public var name: String?
        public var namespace: String?
        public var labels: [String: String]?

        public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil) {
            self.name = name
            self.namespace = namespace
            self.labels = labels
        }
    }

    /// `clusterRoleSelectors` of an aggregated ClusterRole (matchLabels and matchExpressions).
    public struct AggregationRule: Sendable, Codable, Equatable {
        public struct Selector: Sendable, Codable, Equatable {
            public struct Expression: Sendable, Codable, Equatable {
                public var key: String
                public var `operator`: String
                public var values: [String]?

                public init(key: String, operator: String, values: [String]? = nil) {
                    self.key = key
                    self.operator = `operator`
                    self.values = values
                }
            }
            public var matchLabels: [String: String]?
            public var matchExpressions: [Expression]?

            /// Label-selector semantics: every label and every expression must hold; an empty selector
            /// selects nothing here (the aggregation controller ignores empty selectors).
            public func matches(_ labels: [String: String]) -> Bool {
                let pairs = matchLabels ?? [:]
                let expressions = matchExpressions ?? []
                guard !pairs.isEmpty || !expressions.isEmpty else { return false }
                guard pairs.allSatisfy({ labels[$0.key] == $0.value }) else { return false }
                return expressions.allSatisfy { expression in
                    let value = labels[expression.key]
                    let values = expression.values ?? []
                    switch expression.operator {
                    case "In": return value.map(values.contains) ?? false
                    case "NotIn": return value.map { !values.contains($0) } ?? true
                    case "Exists": return value != nil
                    case "DoesNotExist": return value == nil
                    default: return false
                    }
                }
            }

            public init(matchLabels: [String: String]? = nil, matchExpressions: [Expression]? = nil) {
                self.matchLabels = matchLabels
                self.matchExpressions = matchExpressions
            }
        }
        public var clusterRoleSelectors: [Selector]?

        public init(clusterRoleSelectors: [Selector]?) {
            self.clusterRoleSelectors = clusterRoleSelectors
        }
    }

    public var metadata: Metadata?
    public var rules: [RBACPolicyRule]?
    public var aggregationRule: AggregationRule?

    public init(metadata: Metadata?, rules: [RBACPolicyRule]?, aggregationRule: AggregationRule? = nil) {
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }

    public var name: String { metadata?.name ?? "" }
}
