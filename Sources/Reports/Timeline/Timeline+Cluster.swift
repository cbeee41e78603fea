extension Timeline {
    /// The cluster the series is about: its id (kube-system uid) and the server of the latest run.
    public struct Cluster: Sendable, Codable, Equatable {
        public var id: String?
        public var server: String
        public var context: String

        public init(id: String?, server: String, context: String) {
            self.id = id
            self.server = server
            self.context = context
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(server, forKey: .server)
            try container.encode(context, forKey: .context)
        }

        enum CodingKeys: String, CodingKey { case id, server, context }
    }
}
