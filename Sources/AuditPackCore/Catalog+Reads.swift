import Foundation

extension Catalog {
    /// The API reads behind one evidence item, with the source's group, resource and versions filled in.
    public func reads(of item: EvidenceItem) -> [APIRead] {
        (sourceKinds?[item.source.kind.rawValue]?.reads ?? []).map { declared in
            var read = declared
            if read.group == nil { read.group = item.source.group ?? "" }
            if read.resource == nil {
                read.resource = item.source.resource
                read.versions = read.versions ?? item.source.versions
                read.namespace = read.namespace ?? item.source.namespace
                read.labelSelector = read.labelSelector ?? item.source.labelSelector
            }
            return read
        }
    }

    /// The evidence items of `controls` (all when nil), in catalog order, with their control.
    public func items(of controls: Set<String>?) -> [(control: Control, item: EvidenceItem)] {
        self.controls.filter { controls?.contains($0.id) ?? true }.flatMap { control in
            control.evidence.map { (control, $0) }
        }
    }

    /// Every item's source kind must say what it reads, and every read must name a resource (or URLs).
    func validateReads(of item: EvidenceItem, file: String) throws {
        guard let sourceKinds else { return }
        guard sourceKinds[item.source.kind.rawValue] != nil else {
            throw CatalogError.invalid(
                file: file,
                reason: "evidence \(item.id) has source kind \(item.source.kind.rawValue), which source_kinds does not "
                    + "declare; add what it reads under source_kinds"
            )
        }
        for read in reads(of: item) where read.nonResourceURLs == nil {
            guard read.group != nil, let resource = read.resource, !resource.isEmpty, !read.verbs.isEmpty else {
                throw CatalogError.invalid(
                    file: file,
                    reason: "evidence \(item.id) reads nothing nameable (\(item.source.kind.rawValue) needs a group, "
                        + "resource and verbs, from the read or from the item's source)"
                )
            }
        }
    }
}
