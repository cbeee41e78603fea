import Foundation
import KubeEmulator
import TestSupport
import Testing

extension CLITests {
    /// `--controls C07` collects the C02 item C07's evaluator reads, yet judges and reports C07 only.
    @Suite("auditpack: a control's declared dependencies")
    struct ControlScopeTests {
        @Test func c07AloneIsJudgedAndReportedAlone() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                #expect(try await session.collect(["--controls", "C07"]).status == 0)
                let evaluate = try await CLIProcess.run(["evaluate", session.package])
                #expect(evaluate.status == 0, "C07 passes on the sample cluster: \(evaluate.stdoutText)")
                #expect(evaluate.stdoutText.contains("C07 PASS"))
                let report = try await CLIProcess.run(["report", session.package])
                #expect(report.status == 0)
                let rows = report.stdoutText.split(separator: "\n").filter { $0.hasPrefix("C0") && $0.contains("min") }
                #expect(rows.count == 1 && rows.first?.hasPrefix("C07") == true, "\(rows)")
            }
        }
    }
}
