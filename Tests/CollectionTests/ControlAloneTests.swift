import AuditPackCore
import Foundation
import Testing

/// An evaluator reads only its own control's evidence or evidence its control declares (`requires` in
/// the catalog, collected with it): so each control collected alone gets the verdict and findings of a
/// full run.
@Suite("collect: each control alone is judged as in a full run")
struct ControlAloneTests {
    @Test func everyControlAloneMatchesTheFullRun() async throws {
        let full = try await CollectedPackage.collect()
        let catalog = try Catalog.builtIn()
        #expect(full.result.findings.controls.count == catalog.controls.count)
        for control in catalog.controls {
            let alone = try await CollectedPackage.collect(controls: [control.id])
            let expected = try #require(full.result.findings.controls.first { $0.id == control.id })
            let result = try #require(alone.result.findings.controls.first { $0.id == control.id })
            #expect(alone.result.findings.controls.count == 1)
            #expect(result.verdict == expected.verdict, "\(control.id): \(result.reason ?? "")")
            // Messages carry run-keyed fingerprints; what was found, where, and how bad must match.
            let found = result.findings.map { "\($0.rule) \($0.severity) \($0.object)" }
            #expect(found == expected.findings.map { "\($0.rule) \($0.severity) \($0.object)" }, "\(control.id)")
            #expect(alone.manifest.run.selectedControls == [control.id])
        }
    }

    @Test func catalogDependenciesAreCollected() async throws {
        let alone = try await CollectedPackage.collect(controls: ["C07"])
        #expect(alone.entry("C02")?.status == .ok, "C07 declares it reads C02")
        #expect(alone.entry("C02b") == nil, "only the declared item")
    }

    @Test func emptySelectionIsRefused() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await CollectedPackage.collect(controls: [])
        }
    }
}
