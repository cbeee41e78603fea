import AuditPackCore
import Foundation
import KubeAPI

/// The images actually running: unique image + digest from pod status, with the pods that run them.
enum ImageEvidence {
    struct RunningImage: Hashable, Comparable {
        var image: String
        var digest: String?

        static func < (lhs: RunningImage, rhs: RunningImage) -> Bool {
            (lhs.image, lhs.digest ?? "") < (rhs.image, rhs.digest ?? "")
        }
    }

    static func inventory(_ context: ItemContext) async throws -> ItemOutcome {
        let pods = try await context.fetch(ListKey(group: "", resource: "pods")).get()
        let images = running(in: ListFileReader(url: pods.file))
        let records = images.keys.sorted().map { image -> [String: Any] in
            [
                "image": image.image, "digest": image.digest ?? NSNull(),
                "containers": images[image, default: []].sorted(),
            ]
        }
        try context.writeJSON(["source": "status.containerStatuses of every pod", "images": records])
        return ItemOutcome(
            status: .ok,
            command:
                "kubectl get pods -A -o jsonpath={range .items[*].status.containerStatuses[*]}{.image}{\"\\t\"}{.imageID}{\"\\n\"}{end}",
            requests: [ItemOutcome.request(pods.summary)],
            itemCount: records.count
        )
    }

    /// The fields of a pod the inventory reads; JSONDecoder materialises nothing else.
    struct Pod: Decodable {
        struct Metadata: Decodable {
            var name: String?
            var namespace: String?
        }
        struct Container: Decodable {
            var name: String?
            var image: String?
            var imageID: String?
        }
        struct Spec: Decodable {
            var containers: [Container]?
        }
        struct Status: Decodable {
            var initContainerStatuses: [Container]?
            var containerStatuses: [Container]?
        }
        var metadata: Metadata?
        var spec: Spec?
        var status: Status?
    }

    /// image → ["namespace/pod/container", …]; digest from `imageID`, falling back to the spec's image.
    static func running(in pods: ListFileReader) -> [RunningImage: [String]] {
        var images: [RunningImage: [String]] = [:]
        pods.forEach(decoding: Pod.self) { pod in
            let prefix = "\(pod.metadata?.namespace ?? "")/\(pod.metadata?.name ?? "")"
            let statuses = (pod.status?.initContainerStatuses ?? []) + (pod.status?.containerStatuses ?? [])
            if statuses.isEmpty {
                for container in pod.spec?.containers ?? [] {
                    guard let image = container.image else { continue }
                    images[RunningImage(image: image, digest: nil), default: []]
                        .append("\(prefix)/\(container.name ?? "")")
                }
            }
            for container in statuses {
                guard let image = container.image else { continue }
                images[RunningImage(image: image, digest: digest(container.imageID)), default: []]
                    .append("\(prefix)/\(container.name ?? "")")
            }
        }
        return images
    }

    static func digest(_ imageID: String?) -> String? {
        guard let imageID, let at = imageID.range(of: "@") else { return nil }
        return String(imageID[at.upperBound...])
    }
}
