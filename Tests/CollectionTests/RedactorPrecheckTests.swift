import Foundation
import Testing

@testable import Collection

/// The byte pre-check decides which items skip parsing; a wrong "no" would write a secret to disk. Every
/// case checks the pre-check's answer and that `redact` never changes an item the pre-check let through.
@Suite struct RedactorPrecheckTests {
    static let patterns = ["PASSWORD", "SECRET", "TOKEN", "API_KEY"]

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var json: String
        var mayHold: Bool
        var testDescription: String { name }
    }

    static func pod(env: String, annotations: String = "{}", managed: String = "[]") -> String {
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-password-rotator","namespace":"a","#
            + #""annotations":\#(annotations),"managedFields":\#(managed)},"#
            + #""spec":{"containers":[{"name":"app","image":"app:1","env":\#(env)}]}}"#
    }

    static let cases: [Case] = [
        Case(
            name: "secret name from a secretKeyRef",
            json: pod(env: #"[{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"key":"p","name":"db"}}}]"#),
            mayHold: false
        ),
        Case(name: "harmless literal", json: pod(env: #"[{"name":"LOG_LEVEL","value":"info"}]"#), mayHold: false),
        Case(name: "secret literal", json: pod(env: #"[{"name":"DB_PASSWORD","value":"hunter2"}]"#), mayHold: true),
        Case(name: "empty secret literal", json: pod(env: #"[{"name":"DB_PASSWORD","value":""}]"#), mayHold: false),
        Case(name: "value before name", json: pod(env: #"[{"value":"hunter2","name":"API_KEY"}]"#), mayHold: true),
        Case(
            name: "value after valueFrom",
            json: pod(env: #"[{"name":"API_TOKEN","valueFrom":{"fieldRef":{"fieldPath":"x"}},"value":"t0k"}]"#),
            mayHold: true
        ),
        Case(
            name: "spaced and lower-case with dashes",
            json: pod(env: #"[ { "name" : "db-password" , "value" : "hunter2" } ]"#),
            mayHold: true
        ),
        Case(
            name: "escaped name",
            json: pod(env: #"[{"name":"DB_\u0050ASSWORD","value":"hunter2"}]"#),
            mayHold: true
        ),
        Case(
            name: "secret literal in last-applied",
            json: pod(
                env: "[]",
                annotations:
                    #"{"kubectl.kubernetes.io/last-applied-configuration":"{\"spec\":{\"containers\":[{\"env\":"#
                    + #"[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"}],\"name\":\"app\"}]}}"}"#
            ),
            mayHold: true
        ),
        Case(
            name: "secretKeyRef in last-applied",
            json: pod(
                env: "[]",
                annotations:
                    #"{"kubectl.kubernetes.io/last-applied-configuration":"{\"spec\":{\"containers\":[{\"env\":"#
                    + #"[{\"name\":\"DB_PASSWORD\",\"valueFrom\":{\"secretKeyRef\":{\"key\":\"p\"}}}],"#
                    + #"\"name\":\"app\"}]}}"}"#
            ),
            mayHold: false
        ),
        Case(
            name: "data in last-applied",
            json:
                #"{"kind":"Widget","metadata":{"name":"w","annotations":{"kubectl.kubernetes.io/last-applied-"#
                + #"configuration":"{\"data\":{\"k\":\"v\"}}"}},"data":{"k":"v"}}"#,
            mayHold: true
        ),
        Case(
            name: "managedFields keyed by a secret name",
            json: pod(
                env: #"[{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"key":"p","name":"db"}}}]"#,
                managed: #"[{"fieldsV1":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{"f:env":"#
                    + #"{"k:{\"name\":\"DB_PASSWORD\"}":{".":{},"f:name":{},"f:valueFrom":{}}}}}}}}]"#
            ),
            mayHold: false
        ),
        Case(
            name: "deployment template literal",
            json:
                #"{"kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":"#
                + #"[{"name":"c","env":[{"name":"STRIPE_SECRET","value":"sk_live"}]}]}}}}"#,
            mayHold: true
        ),
        Case(
            name: "escaped value key",
            json: pod(env: #"[{"name":"DB_PASSWORD","v\u0061lue":"hunter2"}]"#),
            mayHold: true
        ),
        Case(
            name: "escaped name key",
            json: pod(env: #"[{"n\u0061me":"DB_PASSWORD","value":"hunter2"}]"#),
            mayHold: true
        ),
        Case(
            name: "private key under a harmless name",
            json: pod(
                env: #"[{"name":"SIGNING","value":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"}]"#
            ),
            mayHold: true
        ),
        Case(
            name: "bearer header",
            json: pod(env: #"[{"name":"AUTH_HEADER","value":"Bearer abcdefgh12345"}]"#),
            mayHold: true
        ),
        Case(
            name: "access key id in a URL variable",
            json: pod(env: #"[{"name":"DB_URL","value":"AKIAIOSFODNN7EXAMPLE"}]"#),
            mayHold: true
        ),
        Case(
            name: "url with password",
            json: pod(env: #"[{"name":"DATABASE","value":"postgres://app:pw@db:5432/app"}]"#),
            mayHold: true
        ),
        Case(
            name: "url without password",
            json: pod(env: #"[{"name":"DATABASE","value":"postgres://db:5432/app"}]"#),
            mayHold: false
        ),
        Case(
            name: "secret flag in command",
            json:
                #"{"kind":"Pod","metadata":{"name":"kube-apiserver"},"spec":{"containers":[{"name":"a","command":"#
                + #"["kube-apiserver","--oidc-client-secret=s3cr3t"]}]}}"#,
            mayHold: true
        ),
        Case(
            name: "flag then value in args",
            json:
                #"{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","args":["--token","t0k3n"]}]}}"#,
            mayHold: true
        ),
        Case(
            name: "harmless flags",
            json:
                #"{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","command":"#
                + #"["kube-apiserver","--audit-log-path=/var/log/a.log"]}]}}"#,
            mayHold: false
        ),
        Case(
            name: "jwt in an annotation",
            json: pod(
                env: "[]",
                annotations:
                    #"{"example.com/session":"eyJhbGciOiJIUzI1NiJ9abcdefgh.eyJzdWIiOiIxMjM0NTY3ODkwIn0abc.sig"}"#
            ),
            mayHold: true
        ),
        Case(
            name: "last-applied with trailing text",
            json: pod(
                env: "[]",
                annotations: #"{"kubectl.kubernetes.io/last-applied-configuration":"{} {\"spec\":1}"}"#
            ),
            mayHold: true
        ),
        Case(
            name: "last-applied with duplicate keys",
            json: pod(
                env: "[]",
                annotations: #"{"kubectl.kubernetes.io/last-applied-configuration":"{\"a\":1,\"a\":2}"}"#
            ),
            mayHold: true
        ),
        Case(
            name: "escaped last-applied key",
            json: pod(
                env: "[]",
                annotations: #"{"kubectl.kubernetes.io/last\u002dapplied-configuration":"{\"data\":{\"k\":\"v\"}}"}"#
            ),
            mayHold: true
        ),
    ]

    @Test(arguments: cases)
    func precheck(_ example: Case) throws {
        let redactor = Redactor(secretNamePatterns: Self.patterns)
        let data = Data(example.json.utf8)
        #expect(redactor.mayHoldSecret(data) == example.mayHold)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let redacted = redactor.redact(object)
        if !NSDictionary(dictionary: redacted).isEqual(to: object) {
            #expect(redactor.mayHoldSecret(data), "redact changed an item the pre-check would let through")
        }
    }
}
