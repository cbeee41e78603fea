import AuditPackCore
import Foundation

/// C04: every running image has a recent scan; none has CRITICAL vulnerabilities or too many HIGH ones.
struct ImageScanning: ControlEvaluator {
    let controlID = "C04"

    /// One scan: what it covers and what it found.
    struct Scan {
        var ref: ObjectRef
        var repository: String
        var tag: String?
        var digest: String?
        var critical: Int
        var high: Int
        var updated: Date?
    }

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C04"]) { return .notAssessed(controlID, reason: missing) }
        var scans: [Scan] = []
        evidence.forEachItem("C04b", as: VulnerabilityReport.self) { scans.append(Self.operatorScan($0)) }
        scans += Self.trivyScans(evidence.json("C04c"))
        if scans.isEmpty && evidence.state("C04b").status != .ok && evidence.state("C04c").status != .ok {
            return .notAssessed(
                controlID,
                reason: "no scan results: trivy-operator is not installed and no Trivy report was imported"
            )
        }
        let maxAge = policy.number(.c04MaxReportAgeDays)
        let maxHigh = Int(policy.number(.c04MaxHigh))
        var findings: [Finding] = []
        // Index the scans once: by digest and by repository:tag (matching each image against every report
        // is quadratic — minutes on a cluster with thousands of reports).
        let byDigest = Set(scans.compactMap(\.digest))
        let byName = Set(scans.map { "\($0.repository):\($0.tag ?? "latest")" })
        for image in evidence.json("C04")?["images"] as? [[String: Any]] ?? [] {
            let name = image["image"] as? String ?? ""
            let digest = image["digest"] as? String
            let parsed = Self.repository(name)
            let covered =
                digest.map(byDigest.contains) == true
                || byName.contains("\(parsed.repository):\(parsed.tag ?? "latest")")
            guard covered else {
                findings.append(
                    policy.finding(
                        "C04.image-not-scanned",
                        object: ObjectRef(kind: "Image", name: name),
                        message:
                            "\(name) runs (\((image["containers"] as? [String] ?? []).prefix(5).joined(separator: ", "))) "
                            + "but has no vulnerability scan."
                    )
                )
                continue
            }
        }
        for scan in scans {
            if scan.critical > 0 {
                findings.append(
                    policy.finding(
                        "C04.critical-vulnerabilities",
                        object: scan.ref,
                        message: "\(scan.repository):\(scan.tag ?? "?") has \(scan.critical) CRITICAL vulnerabilities."
                    )
                )
            }
            if scan.high > maxHigh {
                findings.append(
                    policy.finding(
                        "C04.too-many-high-vulnerabilities",
                        object: scan.ref,
                        message:
                            "\(scan.repository):\(scan.tag ?? "?") has \(scan.high) HIGH vulnerabilities (limit \(maxHigh))."
                    )
                )
            }
            if let updated = scan.updated, now.timeIntervalSince(updated) > maxAge * 86_400 {
                findings.append(
                    policy.finding(
                        "C04.stale-scan-report",
                        object: scan.ref,
                        message:
                            "The scan of \(scan.repository):\(scan.tag ?? "?") is from \(Timestamp.format(updated)), "
                            + "older than \(Int(maxAge)) days."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// `docker.io/library/nginx:1.25` → `nginx`; `ghcr.io/org/app` stays whole.
    static func repository(_ image: String) -> (repository: String, tag: String?) {
        var reference = image
        if let at = reference.firstIndex(of: "@") { reference = String(reference[..<at]) }
        var tag: String?
        if let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") {
            tag = String(reference[reference.index(after: colon)...])
            reference = String(reference[..<colon])
        }
        for prefix in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] where reference.hasPrefix(prefix) {
            reference = String(reference.dropFirst(prefix.count))
        }
        if reference.hasPrefix("library/") { reference = String(reference.dropFirst("library/".count)) }
        return (reference, tag)
    }

    static func covers(_ scan: Scan, image: String, digest: String?) -> Bool {
        if let digest, let scanned = scan.digest, scanned == digest { return true }
        let parsed = repository(image)
        return parsed.repository == scan.repository && (parsed.tag ?? "latest") == (scan.tag ?? "latest")
    }

    /// The fields of a trivy-operator VulnerabilityReport the rules read (not its vulnerability list).
    struct VulnerabilityReport: Decodable {
        struct Metadata: Decodable {
            var name: String?
            var namespace: String?
        }
        struct Body: Decodable {
            struct Artifact: Decodable {
                var repository: String?
                var tag: String?
                var digest: String?
            }
            struct Registry: Decodable { var server: String? }
            struct Summary: Decodable {
                var criticalCount: Int?
                var highCount: Int?
            }
            var artifact: Artifact?
            var registry: Registry?
            var summary: Summary?
            var updateTimestamp: String?
        }
        var metadata: Metadata?
        var report: Body?
    }

    static func operatorScan(_ report: VulnerabilityReport) -> Scan {
        let body = report.report
        let repo = body?.artifact?.repository ?? ""
        let full = body?.registry?.server.map { "\($0)/\(repo)" } ?? repo
        return Scan(
            ref: ObjectRef(
                kind: "VulnerabilityReport",
                namespace: report.metadata?.namespace,
                name: report.metadata?.name ?? ""
            ),
            repository: repository(full).repository,
            tag: body?.artifact?.tag,
            digest: body?.artifact?.digest,
            critical: body?.summary?.criticalCount ?? 0,
            high: body?.summary?.highCount ?? 0,
            updated: body?.updateTimestamp.flatMap(Timestamp.parse)
        )
    }

    static func trivyScans(_ document: [String: Any]?) -> [Scan] {
        (document?["reports"] as? [[String: Any]] ?? []).map { entry in
            let report = entry["report"] as? [String: Any] ?? [:]
            let artifact = report["ArtifactName"] as? String ?? entry["artifact"] as? String ?? ""
            let vulnerabilities = (report["Results"] as? [[String: Any]] ?? [])
                .flatMap { $0["Vulnerabilities"] as? [[String: Any]] ?? [] }
            let severities = vulnerabilities.compactMap { $0["Severity"] as? String }
            let digest = ((report["Metadata"] as? [String: Any])?["RepoDigests"] as? [String])?.first
                .flatMap { $0.split(separator: "@").last.map(String.init) }
            let parsed = repository(artifact)
            return Scan(
                ref: ObjectRef(kind: "TrivyReport", name: artifact),
                repository: parsed.repository,
                tag: parsed.tag,
                digest: digest,
                critical: severities.filter { $0 == "CRITICAL" }.count,
                high: severities.filter { $0 == "HIGH" }.count,
                updated: (report["CreatedAt"] as? String).flatMap(Timestamp.parse)
            )
        }
    }
}
