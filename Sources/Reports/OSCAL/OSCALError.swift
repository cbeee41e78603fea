/// Problems making an OSCAL document.
public enum OSCALError: Error, CustomStringConvertible, Equatable {
    /// OSCAL findings target controls of a published OSCAL catalog; only NIST SP 800-53 has one among ours.
    case frameworkWithoutCatalog(String)
    /// `ReportFormat.render` was asked for OSCAL, which needs the package, not only the report.
    case needsPackage

    public var description: String {
        switch self {
        case .frameworkWithoutCatalog(let framework):
            return "The OSCAL export names AuditPack's controls (no --framework) or NIST SP 800-53 controls "
                + "(--framework nist-800-53); \(framework) has no OSCAL catalog to name. Drop --framework or use "
                + "nist-800-53, and use --format markdown/html/json for a \(framework) view."
        case .needsPackage:
            return "OSCAL documents are made from a package: run `auditpack report PKG --format oscal` "
                + "(ReportWorkflow), not ReportFormat.render."
        }
    }
}
