import Foundation

/// Finds an executable on PATH, as a shell would, without running one.
public enum Executables {
    /// The first `folder/name` on `environment`'s PATH that is an executable file; PATH unset means the usual
    /// `/usr/local/bin:/usr/bin:/bin`.
    public static func find(
        _ name: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
