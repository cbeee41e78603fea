import Foundation
import Testing

@testable import KubeAPI

/// A failing exec plugin's stderr is shown only as a short first line with token-like runs masked.
@Suite("exec plugins: stderr in errors never carries a credential")
struct PluginStderrTests {
    @Test func tokensAreMaskedAndTheMessageKept() {
        let stderr = Data(
            "error: token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl expired for AKIAIOSFODNN7EXAMPLE\nsecond line"
                .utf8
        )
        let summary = PluginStderr.summary(stderr)
        #expect(summary == "error: token […] expired for […]")
        #expect(!summary.contains("eyJ"))
        #expect(!summary.contains("second line"))
    }

    @Test func longLinesAreCut() {
        let summary = PluginStderr.summary(Data(String(repeating: "no such profile, ", count: 40).utf8))
        #expect(summary.count <= 201)
    }
}
