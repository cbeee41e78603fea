import Foundation
import KubeAPI

/// SelfSubjectAccessReview answers, each permission asked once however many items need it.
actor AccessAnswers {
    private let client: KubeClient
    private var answers: [Permission: Task<Bool, Error>] = [:]

    init(client: KubeClient) {
        self.client = client
    }

    func allowed(_ permission: Permission) async throws -> Bool {
        if let task = answers[permission] { return try await task.value }
        let client = self.client
        let task = Task {
            let parts = permission.resource.split(separator: "/", maxSplits: 1).map(String.init)
            return try await client.canI(
                verb: permission.verb,
                group: permission.group,
                resource: parts[0],
                subresource: parts.count == 2 ? parts[1] : nil,
                namespace: permission.namespace
            )
        }
        answers[permission] = task
        return try await task.value
    }
}
