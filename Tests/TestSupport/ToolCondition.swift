import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only where every one of `tools` is on PATH, and says which are missing and how to install
    /// them. `.ci/run` installs them all and fails on any skip, so in CI this never hides a test.
    public static func requires(_ tools: String..., install: String) -> Self {
        let missing = tools.filter { Tools.find($0) == nil }
        return .enabled(
            if: missing.isEmpty,
            Comment(rawValue: "needs \(missing.joined(separator: ", ")) on PATH (\(install)); .ci/run installs it")
        )
    }
}
