import AuditPackCore
import Evaluation
import Foundation
import TestSupport
import Testing

@Suite("evaluators: fixture cases")
struct EvaluatorFixtureTests {
    @Test(arguments: FixtureCase.all())
    func fixture(_ testCase: FixtureCase) throws {
        let catalog = try Catalog.builtIn()
        let expected = try testCase.expected()
        let evidence = try testCase.evidence(catalog: catalog, scratch: TestFolder())
        #expect(Evaluators.evaluator(for: testCase.control) != nil)
        let now = try #require(Timestamp.parse(expected.now))
        // As `auditpack evaluate` does: the evaluator, then the policy's disabled rules.
        let document = Evaluators.evaluate(
            evidence,
            catalog: catalog,
            policy: try testCase.policy(catalog: catalog),
            now: now,
            controls: [testCase.control]
        )
        let result = try #require(document.controls.first)

        #expect(result.verdict.rawValue == expected.verdict, "\(result.reason ?? "")")
        let actual = result.findings.map {
            FixtureCase.ExpectedFinding(
                rule: $0.rule,
                severity: $0.severity.rawValue,
                object: .init(kind: $0.object.kind, namespace: $0.object.namespace, name: $0.object.name),
                detector: $0.detector,
                originalSeverity: $0.originalSeverity?.rawValue
            )
        }
        let missing = expected.findings.filter { !actual.contains($0) }
        let unexpected = actual.filter { !expected.findings.contains($0) }
        #expect(missing.isEmpty, "expected but not found: \(missing)")
        #expect(unexpected.isEmpty, "found but not expected: \(unexpected)")
        if let words = expected.reasonContains {
            #expect(result.reason?.contains(words) == true, "reason: \(result.reason ?? "none")")
        }
        #expect(result.disabledRules == expected.disabledRules)
        #expect(result.findings.allSatisfy { !$0.message.isEmpty })
        for finding in result.findings {
            #expect(catalog.rule(finding.rule) != nil, "\(finding.rule) is not declared in the catalog")
            #expect(finding.rule.hasPrefix(testCase.control + "."), "\(finding.rule) reported by \(testCase.control)")
        }
    }

    /// Adding a control = catalog entry + evaluator file + fixture folder; this fails when one is missing.
    @Test func everyControlHasAnEvaluatorAndFixtures() throws {
        let catalog = try Catalog.builtIn()
        let cases = FixtureCase.all()
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Evaluation")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        for control in catalog.controls {
            #expect(Evaluators.evaluator(for: control.id) != nil, "\(control.id) has no evaluator")
            #expect(
                files.contains { $0.hasPrefix(control.id) },
                "\(control.id) has no evaluator file \(control.id)*.swift"
            )
            let own = cases.filter { $0.control == control.id }
            #expect(own.count >= 2, "\(control.id) needs at least two fixture cases, has \(own.count)")
            let verdicts = Set(try own.map { try $0.expected().verdict })
            #expect(verdicts.contains("pass") || verdicts.contains("warn"), "\(control.id) has no passing case")
            #expect(verdicts.contains("fail") || verdicts.contains("warn"), "\(control.id) has no failing case")
        }
        #expect(Set(Evaluators.all.map(\.controlID)) == Set(catalog.controls.map(\.id)))
    }

    /// Every rule the catalog declares is exercised: some fixture case expects a finding of it.
    @Test func everyCatalogRuleHasAFixtureCase() throws {
        let catalog = try Catalog.builtIn()
        let exercised = Set(try FixtureCase.all().flatMap { try $0.expected().findings.map(\.rule) })
        let unexercised = catalog.rules.map(\.id).filter { !exercised.contains($0) }
        #expect(unexercised.isEmpty, "no fixture case expects a finding of \(unexercised)")
    }

    /// Every rule id written in the evaluators and collectors (`"C06.literal-secret-env"`) is declared in the
    /// catalog, so no code path can report a rule without a catalog severity, title and remediation.
    @Test func everyRuleNamedInCodeIsDeclared() throws {
        let catalog = try Catalog.builtIn()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var named: Set<String> = []
        for folder in ["Evaluation", "Collection"] {
            let directory = root.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: /"(C[0-9]{2}\.[a-z0-9-]+)"/) { named.insert(String(match.1)) }
            }
        }
        #expect(named.count >= catalog.controls.count, "the scan finds the rule literals")
        let undeclared = named.filter { catalog.rule($0) == nil }.sorted()
        #expect(undeclared.isEmpty, "named in code but not declared in the catalog: \(undeclared)")
    }

    /// The policy a case applies is the one findings.json records.
    @Test func aPolicyIsRecordedInTheFindings() throws {
        let catalog = try Catalog.builtIn()
        let testCase = try #require(FixtureCase.all().first { $0.name == "policy-egress-rule-disabled-pass" })
        let document = Evaluators.evaluate(
            try testCase.evidence(catalog: catalog, scratch: TestFolder()),
            catalog: catalog,
            policy: try testCase.policy(catalog: catalog),
            now: Date(timeIntervalSince1970: 1_800_000_000),
            controls: ["C01"]
        )
        let record = try #require(document.policy)
        #expect(record.file == "policy.yaml")
        #expect(record.rules.first?.rule == "C01.no-default-deny-egress" && record.rules.first?.disabled == true)
        let json = String(decoding: try document.encoded(), as: UTF8.self)
        #expect(json.contains("\"disabled_rules\""))
        #expect(json.contains("Egress is filtered by the VPC firewall (SEC-7)"))
        #expect(try JSONDecoder().decode(FindingsDocument.self, from: document.encoded()) == document)
    }
}
