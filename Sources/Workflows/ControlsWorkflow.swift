import AuditPackCore
import Foundation
import Reports

/// `auditpack controls`: the built-in catalog, as text (optionally one framework's mapping) or JSON.
public enum ControlsWorkflow {
    public static func run(framework: String?, json: Bool) throws -> String {
        let catalog = try Catalog.builtIn()
        let framework = try framework.map { try catalog.framework(named: $0) }
        return json ? try CatalogListing.json(catalog) : CatalogListing.text(catalog, framework: framework)
    }
}
