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

    /// image → ["namespace/pod/container", …]; digest from `imageID`, falling back to the spec's image.
    static func running(in pods: ListFileReader) -> [RunningImage: [String]] {
        var images: [RunningImage: [String]] = [:]
        var items = pods.makeIterator()
        while let bytes = items.nextBytes() {
            guard let pod = PodImageScan.scan(bytes) else { continue }
            let prefix = "\(pod.namespace ?? "")/\(pod.name ?? "")"
            let statuses = pod.initStatuses + pod.statuses
            if statuses.isEmpty {
                for container in pod.containers {
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
