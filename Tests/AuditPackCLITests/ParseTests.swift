import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import AuditPackCLI

/// Every command's flags, parsed the way `auditpack` parses them (`AuditPack.parseAsRoot`, which also runs
/// each `validate()`): what each flag sets, and which combinations are refused before anything runs.
@Suite("auditpack: every command's flags parse")
struct ParseTests {
    static let fingerprint = String(repeating: "ab", count: 32)

    /// Parses `arguments` and returns the command as `T`, failing the test when it is another command.
    static func parse<T>(_ arguments: [String], as type: T.Type) throws -> T {
        let command = try AuditPack.parseAsRoot(arguments)
        return try #require(command as? T, "\(arguments) parsed as \(Swift.type(of: command))")
    }

    @Test func everyCommandIsReachable() throws {
        let names = AuditPack.configuration.subcommands.map { $0._commandName }
        #expect(
            Set(names) == [
                "collect", "verify", "evaluate", "report", "keygen", "controls", "demo", "probe", "rbac", "preflight",
                "sandbox", "upload", "fleet", "diff", "timeline",
            ]
        )
    }

    @Test func collectTakesEveryFlag() throws {
        let folder = TestFolder()
        let trivy = try folder.write("trivy.json", "{}")
        let previous = try folder.write("previous.zip", "")
        let collect = try Self.parse(
            [
                "collect", "--kubeconfig", "kc.yaml", "--context", "prod", "--timeout", "2.5", "--concurrency", "3",
                "--output", "p.zip", "--controls", "c01, C05", "--kube-bench-job", "cis-bench", "--trivy-report",
                trivy, "--signing-key", "team.key", "--previous", previous, "--force", "--quiet", "--verbose",
                "--upload", "s3://bucket/prefix", "--endpoint", "http://127.0.0.1:9000", "--region", "eu-west-1",
                "--path-style", "--lock-mode", "compliance", "--retain-days", "30",
            ],
            as: AuditPack.Collect.self
        )
        #expect(collect.global.verbose)
        #expect(collect.connection.kubeconfig == "kc.yaml")
        #expect(collect.connection.context == "prod")
        #expect(collect.connection.clientOptions.requestTimeout == .milliseconds(2_500))
        #expect(collect.connection.clientOptions.concurrency == 3)
        #expect(collect.options.output == "p.zip")
        #expect(collect.options.controlIDs == ["C01", "C05"])
        #expect(collect.options.kubeBenchJob == "cis-bench")
        #expect(collect.options.trivyReport == [trivy])
        #expect(collect.options.signingKey == "team.key")
        #expect(collect.options.previous == previous)
        #expect(collect.options.force && collect.options.quiet && !collect.options.json)
        #expect(collect.upload == "s3://bucket/prefix")
        #expect(collect.uploadOptions.endpoint == "http://127.0.0.1:9000")
        #expect(collect.uploadOptions.region == "eu-west-1")
        #expect(collect.uploadOptions.pathStyle)
        #expect(collect.uploadOptions.lockMode == "compliance")
        #expect(collect.uploadOptions.retainDays == 30)
        #expect(!collect.isFleet)
    }

    @Test func collectDefaults() throws {
        let collect = try Self.parse(["collect"], as: AuditPack.Collect.self)
        #expect(collect.connection.clientOptions.requestTimeout == .seconds(60))
        #expect(collect.connection.clientOptions.concurrency == 8)
        #expect(collect.options.kubeBenchJob == "kube-bench")
        #expect(collect.options.controlIDs == nil)
        #expect(!collect.global.verbose && !collect.options.quiet && !collect.options.json)
    }

    @Test func collectForAFleet() throws {
        let folder = TestFolder()
        let collect = try Self.parse(
            [
                "collect", "--context", "a", "--context", "b", "--parallel-clusters", "2", "--output-dir",
                folder.path(""),
                "--chain-from", folder.path(""), "--json",
            ],
            as: AuditPack.Collect.self
        )
        #expect(collect.isFleet)
        #expect(collect.connection.contexts == ["a", "b"])
        #expect(collect.fleet.parallelClusters == 2)
        #expect(collect.options.json)
        let all = try Self.parse(["collect", "--all-contexts"], as: AuditPack.Collect.self)
        #expect(all.isFleet && all.fleet.allContexts)
    }

    @Test func readCommandsTakeEveryFlag() throws {
        let verify = try Self.parse(
            ["verify", "a.zip", "b.zip", "--chain", "--json", "--trusted-fingerprint", Self.fingerprint],
            as: AuditPack.Verify.self
        )
        #expect(verify.packages == ["a.zip", "b.zip"] && verify.chain && verify.json)
        #expect(verify.trust.trustedFingerprint == Self.fingerprint)

        let evaluate = try Self.parse(
            [
                "evaluate", "p.zip", "--at", "2026-12-01T00:00:00Z", "--policy", "policy.yaml", "--json",
                "--public-key", "team.pub.pem",
            ],
            as: AuditPack.Evaluate.self
        )
        #expect(evaluate.package == "p.zip" && evaluate.at == "2026-12-01T00:00:00Z" && evaluate.json)
        #expect(evaluate.policy == "policy.yaml" && evaluate.trust.publicKey == "team.pub.pem")

        let report = try Self.parse(
            [
                "report", "p.zip", "--format", "markdown", "--policy", "policy.yaml", "--framework", "nist-800-53",
                "--output", "report.md", "--force",
            ],
            as: AuditPack.Report.self
        )
        #expect(report.format.rawValue == "markdown" && report.framework == "nist-800-53")
        #expect(report.output == "report.md" && report.force && report.policy == "policy.yaml")

        let diff = try Self.parse(
            [
                "diff", "old.zip", "new.zip", "--format", "json", "--fail-on", "any-change", "--output", "d.json",
                "--force",
            ],
            as: AuditPack.Diff.self
        )
        #expect(diff.old == "old.zip" && diff.new == "new.zip" && diff.format.rawValue == "json")
        #expect(diff.failOn.rawValue == "any-change" && diff.output == "d.json" && diff.force)

        let timeline = try Self.parse(
            [
                "timeline", "a.zip", "b.zip", "--expect-every", "12h", "--from", "2026-01-01T00:00:00Z", "--to",
                "2026-12-31T00:00:00Z", "--format", "html", "--output", "t.html", "--force",
            ],
            as: AuditPack.Timeline.self
        )
        #expect(timeline.packages == ["a.zip", "b.zip"] && timeline.expectEvery == "12h")
        #expect(timeline.format.rawValue == "html" && timeline.output == "t.html" && timeline.force)

        let fleet = try Self.parse(
            ["fleet", "a.zip", "b.zip", "--format", "json", "--output", "fleet.json"],
            as: AuditPack.Fleet.self
        )
        #expect(fleet.packages == ["a.zip", "b.zip"] && fleet.format == "json" && fleet.output == "fleet.json")
    }

    @Test func clusterAndToolCommandsTakeEveryFlag() throws {
        let probe = try Self.parse(
            ["probe", "--kubeconfig", "kc", "--context", "c", "--timeout", "5", "--output", "out", "-v"],
            as: AuditPack.Probe.self
        )
        #expect(probe.output == "out" && probe.connection.context == "c" && probe.global.verbose)

        let preflight = try Self.parse(
            ["preflight", "--controls", "C01,C06", "--json", "--concurrency", "2"],
            as: AuditPack.Preflight.self
        )
        #expect(preflight.controls == "C01,C06" && preflight.json)
        #expect(preflight.connection.clientOptions.concurrency == 2)

        let rbac = try Self.parse(
            ["rbac", "--controls", "C03", "--namespace", "audit", "--format", "json"],
            as: AuditPack.Rbac.self
        )
        #expect(rbac.controls == "C03" && rbac.namespace == "audit" && rbac.format.rawValue == "json")

        let controls = try Self.parse(["controls", "--framework", "soc2", "--json"], as: AuditPack.Controls.self)
        #expect(controls.framework == "soc2" && controls.json)

        let keygen = try Self.parse(["keygen", "--output", "keys", "--name", "team"], as: AuditPack.Keygen.self)
        #expect(keygen.output == "keys" && keygen.name == "team")

        let demo = try Self.parse(["demo", "--directory", "d", "--verbose"], as: AuditPack.Demo.self)
        #expect(demo.directory == "d" && demo.global.verbose)

        let serve = try Self.parse(
            [
                "sandbox", "serve", "--port", "8443", "--kubeconfig-out", "k.yaml", "--no-tls", "--request-log",
                "requests.log", "--generate", "namespaces=20,seed=7",
            ],
            as: AuditPack.Sandbox.Serve.self
        )
        #expect(serve.port == 8443 && serve.kubeconfigOut == "k.yaml" && !serve.tls)
        #expect(serve.requestLog == "requests.log" && serve.generateSpec == "namespaces=20,seed=7")

        let upload = try Self.parse(
            [
                "upload", "a.zip", "--to", "s3://bucket/p", "--region", "us-east-2", "--lock-mode", "governance",
                "--retain-until", "2099-01-01", "--trusted-fingerprint", Self.fingerprint,
            ],
            as: AuditPack.Upload.self
        )
        #expect(upload.packages == ["a.zip"] && upload.to == "s3://bucket/p")
        #expect(upload.upload.lockMode == "governance" && upload.upload.retainUntil == "2099-01-01")
    }

    /// Flags each command refuses before doing anything (the binary exits 2 on these).
    static let refused: [[String]] = [
        ["collect", "--timeout", "nan"], ["collect", "--timeout", "0"], ["collect", "--timeout", "86401"],
        ["collect", "--concurrency", "0"], ["collect", "--concurrency", "65"], ["collect", "--controls", ","],
        ["collect", "--controls", "C99"], ["collect", "--quiet", "--json"],
        ["collect", "--trivy-report", "/nonexistent/trivy.json"], ["collect", "--previous", "/nonexistent/p.zip"],
        ["collect", "--context", "a", "--context", "b", "--output", "p.zip"],
        ["collect", "--all-contexts", "--upload", "s3://b/p"], ["collect", "--parallel-clusters", "33"],
        ["collect", "--output-dir", "/nonexistent"], ["collect", "--upload", "http://not-s3"],
        ["collect", "--lock-mode", "forever", "--retain-days", "1"], ["collect", "--retain-days", "1"],
        ["collect", "--lock-mode", "compliance"], ["collect", "--lock-mode", "compliance", "--retain-days", "0"],
        ["collect", "--lock-mode", "compliance", "--retain-days", "1", "--retain-until", "2099-01-01"],
        ["collect", "--lock-mode", "compliance", "--retain-until", "2001-01-01"], ["collect", "--no-such-flag"],
        ["probe", "--context", "a", "--context", "b"], ["verify"], ["verify", "a.zip", "--chain"],
        ["verify", "a.zip", "--trusted-fingerprint", "abc"],
        ["verify", "a.zip", "--public-key", "k.pem", "--trusted-fingerprint", String(repeating: "ab", count: 32)],
        ["evaluate", "p.zip", "--at", "yesterday"], ["report", "p.zip", "--format", "pdf"],
        ["keygen", "--name", "a/b"], ["keygen", "--name", ""],
        ["fleet"], ["fleet", "a.zip", "--format", "xml"], ["upload", "--to", "s3://b/p"],
        ["diff", "a.zip"], ["diff", "a.zip", "b.zip", "--fail-on", "sometimes"],
        ["timeline"], ["timeline", "a.zip", "--directory", "d"], ["timeline", "a.zip", "--expect-every", "daily"],
        ["timeline", "a.zip", "--from", "2026-12-31T00:00:00Z", "--to", "2026-01-01T00:00:00Z"],
        ["timeline", "a.zip", "--from", "soon"], ["sandbox", "serve", "--port", "70000"],
        ["sandbox", "serve", "--generate", "namespaces=lots"], ["rbac", "--format", "toml"],
    ]

    @Test(arguments: refused)
    func refusedBeforeRunning(_ arguments: [String]) {
        #expect(throws: (any Error).self, "\(arguments)") { try AuditPack.parseAsRoot(arguments) }
    }

    /// What a refusal says names the flag: the message a user sees on stderr.
    @Test func refusalsNameTheFlag() {
        for (arguments, flag) in [
            (["collect", "--concurrency", "65"], "--concurrency"), (["collect", "--timeout", "0"], "--timeout"),
            (["collect", "--controls", "C99"], "C99"), (["collect", "--quiet", "--json"], "--quiet"),
            (["verify", "a.zip", "--chain"], "--chain"), (["keygen", "--name", "a/b"], "--name"),
            (["collect", "--upload", "http://not-s3"], "--upload"), (["upload", "a.zip", "--to", "bucket"], "--to"),
        ] {
            do {
                _ = try AuditPack.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(AuditPack.fullMessage(for: error).contains(flag), "\(arguments): \(error)")
                #expect(AuditPack.exitCode(for: error) == .validationFailure)
            }
        }
    }
}
