import Foundation
import KubeAPI

/// SelfSubjectAccessReview answers, each permission asked once however many items need it.
actor AccessAnswers {
    private let client: KubeClient
    private let background: Bool
    private var answers: [Permission: Task<Bool, Error>] = [:]

    init(client: KubeClient, background: Bool = false) {
        self.client = client
        self.background = background
    }

    func allowed(_ permission: Permission) async throws -> Bool {
        if let task = answers[permission] { return try await task.value }
        let client = self.client
        let background = self.background
        let task = Task {
            let parts = permission.resource.split(separator: "/", maxSplits: 1).map(String.init)
            return try await client.canI(
                verb: permission.verb,
                group: permission.group,
                resource: parts[0],
                subresource: parts.count == 2 ? parts[1] : nil,
                namespace: permission.namespace,
                background: background
            )
        }
        answers[permission] = task
        return try await task.value
    }
}
