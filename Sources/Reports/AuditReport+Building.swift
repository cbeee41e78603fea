import AuditPackCore
import Evaluation
import Foundation

extension AuditReport {
    public init(
        manifest: Manifest,
        findings: FindingsDocument,
        catalog: Catalog,
        policy: BacklogPolicy,
        framework: Framework? = nil
    ) {
        let results = Dictionary(uniqueKeysWithValues: findings.controls.map { ($0.id, $0) })
        let entries = Dictionary(grouping: manifest.controls, by: \.control)
        // Items a selected control requires from another control (catalog `requires`) do not make that
        // control part of the assessment.
        let selected = Set(manifest.run.selectedControls)
        let controls = catalog.controls.filter {
            entries[$0.id] != nil && (selected.isEmpty || selected.contains($0.id))
        }
        packageID = manifest.packageID
        cluster = manifest.cluster.clusterID.map { "\(manifest.cluster.server) (\($0))" } ?? manifest.cluster.server
        collectedAt = manifest.run.startedAt
        evaluatedAt = findings.evaluatedAt
        self.framework = framework?.name
        evidenceFiles = Dictionary(uniqueKeysWithValues: manifest.controls.map { ($0.id, $0.file) })

        let coveredIDs = Self.covered(manifest, catalog: catalog)
        timeToEvidence = controls.map { control in
            let items = entries[control.id] ?? []
            let collected = items.filter { $0.status == .ok || coveredIDs[$0.id] != nil }
            let status = collected.count == items.count ? "automated" : collected.isEmpty ? "manual" : "partial"
            return TimeRow(
                control: control.id,
                title: control.title,
                collectionMilliseconds: items.reduce(0) { $0 + $1.elapsedMilliseconds },
                manualMinutes: control.manualMinutes,
                status: status,
                verdict: results[control.id]?.verdict.rawValue ?? "not_evaluated"
            )
        }
        let manual = timeToEvidence.reduce(0) { $0 + $1.manualMinutes }
        let automated = timeToEvidence.filter { $0.status == "automated" }.reduce(0) { $0 + $1.manualMinutes }
        totals = Totals(
            wallMilliseconds: manifest.run.wallMilliseconds,
            itemMillisecondsSum: manifest.run.itemMillisecondsSum,
            manualMinutes: manual,
            manualIsEstimate: true,
            automationPercent: manual == 0 ? 0 : automated * 100 / manual
        )

        covered = manifest.controls.compactMap { entry in
            coveredIDs[entry.id].map { CoveredItem(item: entry.id, coveredBy: $0, reason: entry.note ?? "") }
        }
        gaps = manifest.controls.filter { $0.status != .ok && coveredIDs[$0.id] == nil }.map { entry in
            Gap(
                item: entry.id,
                control: entry.control,
                description: entry.description,
                status: entry.status.rawValue,
                reason: entry.note ?? "",
                fix: Self.fix(entry, catalog: catalog)
            )
        }
        failing = findings.controls.filter { $0.verdict == .fail || $0.verdict == .warn }
            .sorted {
                ($0.findings.map(\.severity).max() ?? .low, $1.id) > ($1.findings.map(\.severity).max() ?? .low, $0.id)
            }
        disabledRules = findings.controls.flatMap { result in
            (result.disabledRules ?? []).map {
                DisabledRuleRow(control: result.id, rule: $0.rule, reason: $0.reason, findings: $0.findings)
            }
        }
        slowest = manifest.controls.sorted { ($0.elapsedMilliseconds, $1.id) > ($1.elapsedMilliseconds, $0.id) }.prefix(
            5
        )
        .map { SlowItem(item: $0.id, description: $0.description, milliseconds: $0.elapsedMilliseconds) }
        backlog = Self.backlog(
            gaps: gaps,
            results: findings.controls,
            catalog: catalog,
            policy: policy,
            start: Timestamp.parse(manifest.run.startedAt) ?? Date()
        )
        frameworkView = framework.map { Self.view($0, controls: controls, results: results) } ?? []
    }

    /// Items `not_applicable` because the item the catalog says covers them (`covered_by`) was collected:
    /// item id → covering item id.
    static func covered(_ manifest: Manifest, catalog: Catalog) -> [String: String] {
        let status = Dictionary(manifest.controls.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        var covered: [String: String] = [:]
        for entry in manifest.controls where entry.status == .notApplicable {
            let item = catalog.controls.flatMap(\.evidence).first { $0.id == entry.id }
            if let other = item?.coveredBy, status[other] == .ok { covered[entry.id] = other }
        }
        return covered
    }

    /// What to do about an item that was not collected.
    static func fix(_ entry: Manifest.Entry, catalog: Catalog) -> String {
        let item = catalog.controls.flatMap(\.evidence).first { $0.id == entry.id }
        let qualified = [item?.source.resource, item?.source.group].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ".")
        switch entry.status {
        case .notInstalled:
            return qualified.isEmpty
                ? "Install the component that produces this evidence, then collect again."
                : "Install the \(qualified) CRDs (the operator that serves them), then collect again."
        case .forbidden:
            return
                "Grant the collecting identity list on \(qualified.isEmpty ? "the resource" : qualified) (read-only)."
        case .notApplicable:
            return catalog.control(entry.control)?.managedControlPlaneNote ?? "Attach this evidence by hand."
        case .error:
            return "Check the error, fix connectivity or the resource, and collect again."
        case .ok:
            return ""
        }
    }

    static func backlog(
        gaps: [Gap],
        results: [ControlResult],
        catalog: Catalog,
        policy: BacklogPolicy,
        start: Date
    ) -> [BacklogItem] {
        var items: [BacklogItem] = []
        func due(_ control: String, _ severity: String) -> String {
            if let fixed = policy.dueDates[control] { return fixed }
            let days = policy.dueDays[severity] ?? 30
            return ReportDates.day(start.addingTimeInterval(Double(days) * 86_400))
        }
        for gap in gaps where gap.status != ItemStatus.notApplicable.rawValue {
            items.append(
                BacklogItem(
                    id: "",
                    control: gap.control,
                    source: "gap",
                    rule: "\(gap.item).\(gap.status)",
                    severity: "gap",
                    action: "Collect \(gap.item) (\(gap.description)) automatically: \(gap.fix)",
                    objects: [],
                    detectors: [],
                    owner: policy.owner(for: gap.control),
                    priority: policy.priorities["gap"] ?? "P2",
                    due: due(gap.control, "gap")
                )
            )
        }
        for result in results {
            let byRule = Dictionary(grouping: result.findings, by: \.rule)
            for rule in byRule.keys.sorted() {
                let findings = byRule[rule] ?? []
                let severity = findings.map(\.severity).max() ?? .low
                let remediation = catalog.rule(rule)?.remediation ?? catalog.control(result.id)?.remediation ?? ""
                let first = findings.first?.message ?? ""
                let action =
                    findings.count == 1
                    ? "\(first) \(remediation)" : "\(findings.count)× \(rule): \(first) \(remediation)"
                items.append(
                    BacklogItem(
                        id: "",
                        control: result.id,
                        source: "finding",
                        rule: rule,
                        severity: severity.rawValue,
                        action: action,
                        objects: findings.map {
                            "\($0.object.kind) \($0.object.namespace.map { "\($0)/" } ?? "")\($0.object.name)"
                                + ($0.detector.map { " (\($0))" } ?? "")
                        },
                        detectors: Array(Set(findings.compactMap(\.detector))).sorted(),
                        owner: policy.owner(for: result.id),
                        priority: policy.priorities[severity.rawValue] ?? "P3",
                        due: due(result.id, severity.rawValue)
                    )
                )
            }
        }
        let rank = ["critical": 0, "high": 1, "gap": 2, "medium": 3, "low": 4]
        return items.sorted {
            ((rank[$0.severity] ?? 9), $0.control, $0.rule) < ((rank[$1.severity] ?? 9), $1.control, $1.rule)
        }
        .enumerated().map { index, item in
            var item = item
            item.id = String(format: "AP-%03d", index + 1)
            return item
        }
    }

    static func view(
        _ framework: Framework,
        controls: [Catalog.Control],
        results: [String: ControlResult]
    ) -> [FrameworkRow] {
        var rows: [String: [String]] = [:]
        for control in controls {
            for requirement in framework.requirements(control) { rows[requirement, default: []].append(control.id) }
        }
        return rows.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.map { requirement in
            let ids = rows[requirement] ?? []
            return FrameworkRow(
                requirement: requirement,
                controls: ids,
                verdicts: ids.map { results[$0]?.verdict.rawValue ?? "not_evaluated" }
            )
        }
    }
}
