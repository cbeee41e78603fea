import AuditPackCore
import Foundation

/// `auditpack rbac`: the ClusterRole the selected controls need (and, with a namespace, the ServiceAccount
/// and ClusterRoleBinding), generated from the catalog.
public enum RbacWorkflow {
    public static func render(
        controls: Set<String>? = nil,
        namespace: String? = nil,
        format: AccessRole.Format = .yaml
    ) throws -> String {
        let catalog = try Catalog.builtIn()
        let selected = try validated(controls, catalog: catalog)
        if let namespace, !isDNSLabel(namespace) { throw AccessError.invalidNamespace(namespace) }
        return try AccessRole(catalog: catalog, controls: selected).rendered(format, namespace: namespace)
    }

    /// Upper-cased ids, every one in the catalog.
    static func validated(_ controls: Set<String>?, catalog: Catalog) throws -> Set<String>? {
        guard let controls else { return nil }
        let known = catalog.controls.map(\.id)
        let ids = Set(controls.map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        let unknown = ids.subtracting(known).sorted()
        guard unknown.isEmpty else { throw AccessError.unknownControls(unknown, known: known) }
        return ids
    }

    /// RFC 1123 label: what a namespace name must be.
    static func isDNSLabel(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
    }
}
