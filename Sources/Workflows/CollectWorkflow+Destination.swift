import Foundation

extension CollectWorkflow {
    /// The default package name, made unique: two runs in the same second for the same cluster (a chained
    /// collection right after another, a retry) get `…Z-2.zip`, `…Z-3.zip` instead of refusing or replacing
    /// the earlier package. Only for names AuditPack chose; a named `--output` is never renamed.
    static func freeDefaultName(in directory: URL, _ name: String) -> URL {
        let first = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: first.path) else { return first }
        let stem = (name as NSString).deletingPathExtension
        for number in 2...999 {
            let candidate = directory.appendingPathComponent("\(stem)-\(number).zip")
            if !FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return first
    }
}
