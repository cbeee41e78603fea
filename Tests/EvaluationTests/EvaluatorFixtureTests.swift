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
        let evaluator = try #require(Evaluators.evaluator(for: testCase.control))
        let now = try #require(Timestamp.parse(expected.now))
        let result = evaluator.evaluate(evidence, policy: EvaluationPolicy(catalog: catalog), now: now)

        #expect(result.verdict.rawValue == expected.verdict, "\(result.reason ?? "")")
        let actual = result.findings.map {
            FixtureCase.ExpectedFinding(
                rule: $0.rule,
                severity: $0.severity.rawValue,
                object: .init(kind: $0.object.kind, namespace: $0.object.namespace, name: $0.object.name)
            )
        }
        let missing = expected.findings.filter { !actual.contains($0) }
        let unexpected = actual.filter { !expected.findings.contains($0) }
        #expect(missing.isEmpty, "expected but not found: \(missing)")
        #expect(unexpected.isEmpty, "found but not expected: \(unexpected)")
        if let words = expected.reasonContains {
            #expect(result.reason?.contains(words) == true, "reason: \(result.reason ?? "none")")
        }
        #expect(result.findings.allSatisfy { !$0.message.isEmpty })
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
}
