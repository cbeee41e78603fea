import Foundation

/// Runs Tests/OSCAL/validate_oscal.py (NIST's OSCAL schema with `jsonschema` + `regex`, and compliance-trestle)
/// with the Python of `.venv-oscal`, which `bash Tests/OSCAL/install-validators` (and .ci/run) installs.
public enum OSCALValidator {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The validators' Python: `AUDITPACK_OSCAL_PYTHON`, else `.venv-oscal/bin/python`; nil when not installed.
    public static var python: String? {
        let environment = ProcessInfo.processInfo.environment
        let candidate =
            environment["AUDITPACK_OSCAL_PYTHON"] ?? root.appendingPathComponent(".venv-oscal/bin/python").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    public static let missing =
        "needs the OSCAL validators (.venv-oscal): run `bash Tests/OSCAL/install-validators`; .ci/run installs them"

    /// Validates every file against NIST's schema and with trestle; the exit status and the report.
    public static func validate(_ files: [String], python: String) throws -> (status: Int32, output: String) {
        let script = root.appendingPathComponent("Tests/OSCAL/validate_oscal.py").path
        let result = try Tools.runCapturing(python, [script] + files)
        return (result.status, result.stdout + result.stderr)
    }
}
