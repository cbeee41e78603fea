import ClusterGenerator
import Foundation
import KubeEmulator
import Testing

@testable import Collection

/// The image inventory's byte scan must read exactly what a JSON decoder reads from a pod: checked against
/// `Decodable` on every pod of the sample and a generated cluster, and on shapes those do not have.
@Suite struct PodImageScanTests {
    /// The oracle: the same fields, decoded by JSONDecoder.
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
        struct Spec: Decodable { var containers: [Container]? }
        struct Status: Decodable {
            var initContainerStatuses: [Container]?
            var containerStatuses: [Container]?
        }
        var metadata: Metadata?
        var spec: Spec?
        var status: Status?
    }

    static func expectSame(_ bytes: Data, _ comment: Comment? = nil) throws {
        let oracle = try JSONDecoder().decode(Pod.self, from: bytes)
        let scan = try #require(PodImageScan.scan(bytes), comment)
        let convert = { (containers: [Pod.Container]?) in
            (containers ?? []).map { PodImageScan.Container(name: $0.name, image: $0.image, imageID: $0.imageID) }
        }
        #expect(scan.name == oracle.metadata?.name, comment)
        #expect(scan.namespace == oracle.metadata?.namespace, comment)
        #expect(scan.containers == convert(oracle.spec?.containers), comment)
        #expect(scan.initStatuses == convert(oracle.status?.initContainerStatuses), comment)
        #expect(scan.statuses == convert(oracle.status?.containerStatuses), comment)
    }

    @Test func everyPodOfTheSampleAndAGeneratedCluster() throws {
        let pods =
            try ClusterStore.sample().objects(kind: "Pod")
            + ClusterStore.generated(try GenerationSpec(parsing: "namespaces=20,seed=5")).objects(kind: "Pod")
        #expect(pods.count > 200)
        for pod in pods {
            try Self.expectSame(pod, "\(String(decoding: pod.prefix(120), as: UTF8.self))")
            // Compact, as an API server sends it.
            let object = try JSONSerialization.jsonObject(with: pod)
            try Self.expectSame(try JSONSerialization.data(withJSONObject: object))
        }
    }

    static let shapes: [String] = [
        // Escapes in names and images, init containers, literals and nested arrays before the fields.
        #"{"metadata":{"labels":{"name":"not-this"},"name":"p\u0031","namespace":"n\"s"},"#
            + #""spec":{"containers":[{"args":["a",1,true,null,[2,{"image":"no"}]],"name":"c","image":"r/i:1"}]},"#
            + #""status":{"initContainerStatuses":[{"image":"init:2","imageID":"x@sha256:1","name":"i"}],"#
            + #""containerStatuses":[{"restartCount":0,"name":"c","image":"r\/i:1","imageID":"r@sha256:2"},"#
            + #"{"name":"d","ready":false,"image":"d:3"}]}}"#,
        // Pretty-printed, no status at all.
        """
        {
          "metadata" : { "namespace" : "a", "name" : "b" },
          "spec" : { "containers" : [ { "image" : "x:1" , "name" : "x" } , { "name" : "y" } ] }
        }
        """,
        // A container list that is empty, and a status that is null.
        #"{"metadata":{"name":"e"},"spec":{"containers":[]},"status":null}"#,
    ]

    @Test(arguments: shapes)
    func unusualShapes(_ json: String) throws {
        try Self.expectSame(Data(json.utf8))
    }

    @Test func notAnObjectIsNil() {
        #expect(PodImageScan.scan(Data(#"{"metadata":{"name":"cut"#.utf8)) == nil)
        #expect(PodImageScan.scan(Data()) == nil)
    }
}
