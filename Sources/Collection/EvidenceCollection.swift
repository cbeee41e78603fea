import AuditPackCore
import Crypto
import Foundation
import KubeAPI

/// Collects the evidence of the selected controls concurrently. One item failing never loses the others:
/// each item ends with a status, and non-ok items get a small file saying why.
public enum EvidenceCollection {
    public static func collect(
        client: KubeClient,
        catalog: Catalog,
        options: CollectionOptions,
        workFolder: URL
    ) async throws -> CollectionRun {
        let known = catalog.controls.map(\.id)
        let selected = options.controls ?? Set(known)
        let unknown = selected.subtracting(known).sorted()
        guard unknown.isEmpty else { throw CollectionError.unknownControls(unknown, known: known) }
        guard !selected.isEmpty else { throw CollectionError.noControls(known: known) }

        let startedAt = options.clock()
        let wallStart = ContinuousClock.now
        // Who and where first: if the cluster cannot be reached at all, nothing is collected.
        // Discovery starts at once (its requests are shared with every item); who and where go side by side.
        async let discovery = try? client.apiGroups()
        async let identityAnswer = identity(client)
        async let clusterIDAnswer = try? clusterID(client)
        let version = try await client.serverVersion()
        let identity = try await identityAnswer
        let clusterID = await clusterIDAnswer
        _ = await discovery
        // Preflight's access reviews go alongside the lists (its answer does not depend on them); the manifest
        // records what it predicted next to what happened.
        async let preflightAnswer =
            options.preflight
            ? preflightRecord(client, catalog: catalog, controls: selected, username: identity.username) : nil

        let evidence = workFolder.appendingPathComponent("evidence")
        let cache = workFolder.appendingPathComponent("cache")
        for folder in [evidence, cache] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let redactor = Redactor(secretNamePatterns: secretPatterns(catalog))
        let lists = ListCache(client: client, redactor: redactor, folder: cache)
        let jobs = Self.jobs(catalog, selected: selected)
        let entries = await withTaskGroup(of: (Int, Manifest.Entry).self) { group in
            for (index, (control, item)) in jobs.enumerated() {
                let context = ItemContext(
                    item: item,
                    control: control,
                    reads: catalog.reads(of: item),
                    file: evidence.appendingPathComponent(item.file),
                    client: client,
                    lists: lists,
                    redactor: redactor,
                    options: options
                )
                group.addTask {
                    let entry = await run(context)
                    options.progress?(entry)
                    return (index, entry)
                }
            }
            var collected: [(Int, Manifest.Entry)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let preflight = await preflightAnswer
        try? FileManager.default.removeItem(at: cache)
        let finishedAt = options.clock()
        var manifest = Manifest(
            packageID: UUID().uuidString.lowercased(),
            auditDate: Timestamp.format(startedAt).prefix(10).description,
            run: Manifest.Run(
                startedAt: Timestamp.format(startedAt),
                finishedAt: Timestamp.format(finishedAt),
                wallMilliseconds: wallStart.duration(to: .now).inMilliseconds,
                itemMillisecondsSum: entries.reduce(0) { $0 + $1.elapsedMilliseconds },
                selectedControls: known.filter(selected.contains)
            ),
            cluster: Manifest.ClusterIdentity(
                server: client.config.server,
                context: client.config.contextName,
                serverVersion: version.gitVersion,
                clusterID: clusterID
            ),
            collector: Manifest.CollectorIdentity(
                username: identity.username,
                groups: identity.groups,
                host: options.host
            ),
            controls: entries
        )
        manifest.preflight = preflight
        return CollectionRun(manifest: manifest, evidenceFolder: evidence)
    }

    /// The items of the selected controls, plus the items of other controls they declare they read
    /// (`requires`), in catalog order.
    static func jobs(_ catalog: Catalog, selected: Set<String>) -> [(Catalog.Control, Catalog.EvidenceItem)] {
        let required = Set(catalog.controls.filter { selected.contains($0.id) }.flatMap { $0.requires ?? [] })
        return catalog.controls.flatMap { control in
            control.evidence.filter { selected.contains(control.id) || required.contains($0.id) }.map { (control, $0) }
        }
    }

    /// Runs one item and turns whatever happened into a manifest entry with a file.
    static func run(_ context: ItemContext) async -> Manifest.Entry {
        let collectedAt = context.options.clock()
        let start = ContinuousClock.now
        var outcome = await collect(context)
        if outcome.status != .ok {
            writeStatusFile(context, outcome: outcome)
        }
        // A collector's digest describes the file it wrote; a status file written over it is hashed here.
        let known = outcome.status == .ok ? outcome.digest : nil
        let (sha, size) = known.map { ($0.sha256, $0.size) } ?? (try? Hashing.sha256(file: context.file)) ?? ("", 0)
        if sha.isEmpty {
            outcome = .failed(.error, note: "the evidence file could not be written", command: outcome.command)
        }
        return Manifest.Entry(
            id: context.item.id,
            control: context.control.id,
            description: context.item.description,
            file: context.item.file,
            collectedAt: Timestamp.format(collectedAt),
            elapsedMilliseconds: start.duration(to: .now).inMilliseconds,
            sha256: sha,
            size: size,
            status: outcome.status,
            command: outcome.command,
            requests: outcome.requests,
            itemCount: outcome.itemCount,
            derivedFrom: outcome.derivedFrom,
            note: outcome.note
        )
    }

    static func collect(_ context: ItemContext) async -> ItemOutcome {
        do {
            switch context.item.source.kind {
            case .list: return try await ListEvidence.collect(context)
            case .apiserverPods: return try await APIServerEvidence.podList(context)
            case .apiserverFlags: return try await APIServerEvidence.flags(context)
            case .apiserverCommand: return try await APIServerEvidence.command(context)
            case .rbacDerived: return try await RBACEvidence.nonSystemBindings(context)
            case .rbacPermissions: return try await RBACEvidence.effectivePermissions(context)
            case .imageInventory: return try await ImageEvidence.inventory(context)
            case .trivy: return try await TrivyEvidence.collect(context)
            case .pssText: return try await PodSecurityEvidence.text(context)
            case .secretScan: return try await SecretScanEvidence.collect(context)
            case .podLog: return try await KubeBenchEvidence.log(context)
            case .podLogSummary: return try await KubeBenchEvidence.summary(context)
            case .groupLists: return try await GroupListEvidence.collect(context)
            case .pemCertificates: return try await CertificateEvidence.parsed(context)
            }
        } catch let failure as ItemFailure {
            return failure.outcome
        } catch {
            let (status, note) = ListCache.classify(error)
            return .failed(status, note: note, command: "")
        }
    }

    /// A non-ok item still gets a file (the brief's verification reads every entry's file).
    static func writeStatusFile(_ context: ItemContext, outcome: ItemOutcome) {
        let document: [String: Any] = [
            "id": context.item.id, "status": outcome.status.rawValue, "reason": outcome.note ?? "",
            "command": outcome.command, "remediation": context.control.remediation,
        ]
        try? context.writeJSON(document)
    }

    /// Preflight's prediction, or why it could not be made (collection goes on either way).
    static func preflightRecord(
        _ client: KubeClient,
        catalog: Catalog,
        controls: Set<String>,
        username: String
    ) async -> Manifest.Preflight {
        do {
            return try await Preflight.check(
                client: client,
                catalog: catalog,
                controls: controls,
                username: username,
                background: true
            )
            .manifestRecord
        } catch {
            return Manifest.Preflight(allowed: 0, gaps: [], error: "\(error)")
        }
    }

    static func identity(_ client: KubeClient) async throws -> UserIdentity {
        do {
            return try await client.whoAmI()
        } catch KubeAPIError.notFound, KubeAPIError.forbidden {
            // SelfSubjectReview needs Kubernetes 1.28+; older servers cannot say who we are.
            return UserIdentity(username: "unknown (SelfSubjectReview unavailable)", groups: [], uid: nil)
        }
    }

    public static func clusterID(_ client: KubeClient) async throws -> String? {
        let namespaces = APIResource(group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)
        let object = try await client.object(namespaces, namespace: nil, name: "kube-system")
        return (object["metadata"] as? [String: Any])?["uid"] as? String
    }

    static func secretPatterns(_ catalog: Catalog) -> [String] {
        catalog.names(.c06SecretNamePatterns)
    }
}
