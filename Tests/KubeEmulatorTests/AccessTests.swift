import Foundation
import KubeEmulator
import Testing

@Suite("authentication, authorization, reviews, refused writes")
struct AccessTests {
    @Test func missingOrUnknownCredentialsAre401() async throws {
        try await withHarness { harness in
            for token: String? in [nil, "wrong-token"] {
                let reply = try await harness.send("/api/v1/namespaces", token: token)
                #expect(reply.status == 401)
                #expect(reply.json["kind"] as? String == "Status")
                #expect(reply.json["status"] as? String == "Failure")
                #expect(reply.json["message"] as? String == "Unauthorized")
                #expect(reply.json["reason"] as? String == "Unauthorized")
                #expect(reply.json["code"] as? Int == 401)
            }
            #expect(try await harness.send("/version", token: "wrong-token").status == 401)
            #expect(try await harness.send("/version", token: nil).status == 200)
            let log = harness.emulator.requestLog
            #expect(log.first?.status == 401)
            #expect(log.first?.user == nil)
        }
    }

    @Test func denialGives403WithTheRealMessage() async throws {
        let denials = [
            Denial(verb: "list", group: "networking.k8s.io", resource: "networkpolicies"),
            Denial(user: "auditpack-demo", verb: "get", group: "", resource: "secrets", namespace: "team-a"),
            Denial(verb: "get", group: "", resource: "pods/log"),
        ]
        try await withHarness(denials: denials) { harness in
            let cluster = try await harness.send("/apis/networking.k8s.io/v1/networkpolicies")
            #expect(cluster.status == 403)
            #expect(
                cluster.json["message"] as? String
                    == "networkpolicies.networking.k8s.io is forbidden: User \"auditpack-demo\" cannot list resource "
                    + "\"networkpolicies\" in API group \"networking.k8s.io\" at the cluster scope"
            )
            #expect(cluster.json["reason"] as? String == "Forbidden")
            #expect(
                cluster.json["details"] as? [String: String] == [
                    "group": "networking.k8s.io", "kind": "networkpolicies",
                ]
            )
            let namespaced = try await harness.send("/apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies")
            #expect(
                namespaced.json["message"] as? String
                    == "networkpolicies.networking.k8s.io is forbidden: User \"auditpack-demo\" cannot list resource "
                    + "\"networkpolicies\" in API group \"networking.k8s.io\" in the namespace \"team-a\""
            )
            let secret = try await harness.send("/api/v1/namespaces/team-a/secrets/db-password")
            #expect(
                secret.json["message"] as? String
                    == "secrets \"db-password\" is forbidden: User \"auditpack-demo\" cannot get resource \"secrets\" "
                    + "in API group \"\" in the namespace \"team-a\""
            )
            #expect(try await harness.send("/api/v1/namespaces/team-a/secrets").status == 200, "list is not denied")
            let log = try await harness.send("/api/v1/namespaces/team-a/pods/web-1/log?container=web")
            #expect(log.status == 403)
            #expect((log.json["message"] as? String)?.contains("cannot get resource \"pods/log\"") == true)
        }
    }

    @Test func selfSubjectReviewNamesTheUser() async throws {
        let tokens = ["auditor-token": UserInfo(username: "auditor", groups: ["auditors"])]
        try await withHarness(extraTokens: tokens) { harness in
            let body = Data(#"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#.utf8)
            let reply = try await harness.send(
                "POST",
                "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                token: "auditor-token",
                body: body
            )
            #expect(reply.status == 201)
            #expect(reply.json["kind"] as? String == "SelfSubjectReview")
            let userInfo = (reply.json["status"] as? [String: Any])?["userInfo"] as? [String: Any]
            #expect(userInfo?["username"] as? String == "auditor")
            #expect(userInfo?["groups"] as? [String] == ["auditors", "system:authenticated"])
            #expect(harness.emulator.requestLog.last?.user == "auditor")
        }
    }

    @Test func selfSubjectAccessReviewFollowsDenials() async throws {
        try await withHarness(denials: [Denial(verb: "list", group: "", resource: "secrets")]) { harness in
            func canI(_ verb: String, _ resource: String, namespace: String = "") async throws -> Bool? {
                let body = TestCluster.json([
                    "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                    "spec": [
                        "resourceAttributes": ["verb": verb, "group": "", "resource": resource, "namespace": namespace]
                    ],
                ])
                let reply = try await harness.send(
                    "POST",
                    "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                    body: body
                )
                #expect(reply.status == 201)
                #expect((reply.json["spec"] as? [String: Any])?["resourceAttributes"] != nil)
                return (reply.json["status"] as? [String: Any])?["allowed"] as? Bool
            }
            let answers = [
                try await canI("list", "secrets"), try await canI("list", "secrets", namespace: "team-a"),
                try await canI("get", "secrets"), try await canI("list", "pods"),
            ]
            #expect(answers == [false, false, true, true])
        }
    }

    @Test func accessReviewOfASubresourceAgreesWithTheRequest() async throws {
        let denials = [Denial(verb: "get", group: "", resource: "pods/log")]
        try await withHarness(store: try ClusterStore.sample(), denials: denials) { harness in
            let body = TestCluster.json([
                "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                "spec": [
                    "resourceAttributes": [
                        "verb": "get", "group": "", "resource": "pods", "subresource": "log", "namespace": "kube-bench",
                    ]
                ],
            ])
            let review = try await harness.send(
                "POST",
                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                body: body
            )
            #expect((review.json["status"] as? [String: Any])?["allowed"] as? Bool == false)
            let log = try await harness.send("/api/v1/namespaces/kube-bench/pods/kube-bench-8jm9z/log")
            #expect(log.status == 403)
        }
    }

    @Test func deniedReviewsAreRefusedAndRevokedTokensRejected() async throws {
        let denials = [Denial(verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews")]
        try await withHarness(denials: denials) { harness in
            let body = TestCluster.json(["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview"])
            let review = try await harness.send(
                "POST",
                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                body: body
            )
            #expect(review.status == 403)
            #expect(
                (review.json["message"] as? String)?.contains("cannot create resource \"selfsubjectaccessreviews\"")
                    == true
            )
            let whoAmI = try await harness.send(
                "POST",
                "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                body: TestCluster.json(["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"])
            )
            #expect(whoAmI.status == 201, "only the denied review is refused")
            harness.emulator.revokeToken(EmulatorHarness.token)
            #expect(try await harness.send("/api/v1/namespaces").status == 401)
        }
    }

    @Test func writeVerbsAre405AndLogged() async throws {
        try await withHarness { harness in
            let body = TestCluster.namespace("new")
            let attempts: [(String, String)] = [
                ("POST", "/api/v1/namespaces"), ("PUT", "/api/v1/namespaces/default"),
                ("PATCH", "/api/v1/namespaces/default"), ("DELETE", "/api/v1/namespaces/default"),
            ]
            for (method, path) in attempts {
                let reply = try await harness.send(method, path, body: method == "DELETE" ? nil : body)
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.json["reason"] as? String == "MethodNotAllowed")
            }
            let log = harness.emulator.requestLog
            #expect(log.map(\.method) == ["POST", "PUT", "PATCH", "DELETE"])
            #expect(log.allSatisfy { $0.status == 405 && $0.user == "auditpack-demo" })
            #expect(harness.emulator.store.objectNames(kind: "Namespace").contains("new") == false)
            harness.emulator.resetRequestLog()
            #expect(harness.emulator.requestLog.isEmpty)
        }
    }
}
