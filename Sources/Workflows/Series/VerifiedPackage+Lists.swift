import AuditPackCore
import Foundation

extension VerifiedPackage {
    /// Whether evidence item `id` is a List written one object per line (collected lists, the API server
    /// pods, the derived bindings): read only as far as its first bytes.
    func isList(_ id: String) -> Bool {
        guard let file = manifest.controls.first(where: { $0.id == id })?.file, reader.contains(file) else {
            return false
        }
        struct Enough: Error {}
        let header = ListFileFormat.header
        var start = Data()
        do {
            _ = try reader.stream(file) { chunk in
                start.append(chunk.prefix(header.count - start.count))
                if start.count >= header.count { throw Enough() }
            }
        } catch {}
        return start.starts(with: header)
    }
}
