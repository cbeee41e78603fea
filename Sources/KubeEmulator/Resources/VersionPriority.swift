import Foundation

/// Kubernetes' version ordering: GA before beta before alpha, higher numbers first, others last by name.
enum VersionPriority {
    static func sorted(_ versions: [String]) -> [String] {
        versions.sorted { rank($0) < rank($1) }
    }

    private static func rank(_ version: String) -> (Int, Int, Int, String) {
        let pattern = #/^v(\d+)(?:(alpha|beta)(\d+))?$/#
        guard let match = version.wholeMatch(of: pattern), let major = Int(match.1) else {
            return (3, 0, 0, version)
        }
        let level: Int
        switch match.2 {
        case "beta": level = 1
        case "alpha": level = 2
        default: level = 0
        }
        let minor = match.3.flatMap { Int($0) } ?? 0
        return (level, -major, -minor, version)
    }
}
