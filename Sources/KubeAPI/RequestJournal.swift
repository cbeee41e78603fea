/// Records every request a client completed: method, path, status, time. Provenance and tests read it.
public actor RequestJournal {
    public struct Entry: Sendable, Equatable {
        public var method: String
        public var path: String
        public var status: Int
        public var milliseconds: Int
    }

    public private(set) var entries: [Entry] = []

    func record(request: APIRequest, status: Int, milliseconds: Int) {
        entries.append(
            Entry(method: request.verb.rawValue, path: request.pathAndQuery, status: status, milliseconds: milliseconds)
        )
    }
}
