import Evaluation
import Foundation

extension PackageDiff {
    /// One Kubernetes object (or, for evidence that is a document, the file) that was added, removed or changed.
    public struct ObjectChange: Sendable, Codable, Equatable {
        public var kind: String
        public var namespace: String?
        public var name: String
        /// What an auditor wants to read first, e.g. "binds ClusterRole/cluster-admin to Group/ci" or
        /// "pod-security.kubernetes.io/enforce: restricted → privileged"; `null` when nothing specific.
        public var detail: String?

        public init(kind: String, namespace: String?, name: String, detail: String? = nil) {
            self.kind = kind
            self.namespace = namespace
            self.name = name
            self.detail = detail
        }

        /// `kind namespace/name` (or `kind name` when cluster-scoped).
        public var label: String {
            "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
        }

        enum CodingKeys: String, CodingKey { case kind, namespace, name, detail }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(namespace, forKey: .namespace)
            try container.encode(name, forKey: .name)
            try container.encode(detail, forKey: .detail)
        }
    }
}
