import AuditPackCore
import Evaluation
import Foundation
import TestSupport
import Testing
import Yams

/// One evaluator test case: `Fixtures/<control>/<case>/input/` holds evidence files named as in the catalog,
/// and `expected.json` the verdict and findings.
///
/// `input/policy.yaml` (optional) is a policy file the case is evaluated under (thresholds, rule severities,
/// disabled rules); `expected.json` then lists the `disabled_rules` it records.
/// `input/statuses.json` (optional) marks items as not collected: `{"C02": {"status": "not_applicable", "note": "…"}}`.
/// `input/upstream.json` (optional) builds evidence files from the real upstream samples in
/// `Tests/Fixtures/upstream/` (``UpstreamSamples``): `{"C10-certificates.json": {"list": ["cert-manager/a.yaml", …]}, "C08-kube-bench.txt": {"raw": "kube-bench/x.txt"}}`.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    let control: String
    let name: String
    let folder: URL

    var testDescription: String { "\(control)/\(name)" }

    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func all() -> [FixtureCase] {
        let manager = FileManager.default
        let controls = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
        return controls.sorted().flatMap { control in
            ((try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(control).path)) ?? []).sorted().map {
                FixtureCase(
                    control: control,
                    name: $0,
                    folder: root.appendingPathComponent(control).appendingPathComponent($0)
                )
            }
        }
    }

    struct Expected: Decodable {
        var now: String
        var verdict: String
        var findings: [ExpectedFinding]
        /// For `not_assessed`: words the reason must contain.
        var reasonContains: String?
        /// Rules `input/policy.yaml` disabled, as findings.json records them.
        var disabledRules: [DisabledRule]?

        enum CodingKeys: String, CodingKey {
            case now, verdict, findings
            case reasonContains = "reason_contains"
            case disabledRules = "disabled_rules"
        }
    }

    struct ExpectedFinding: Decodable, Equatable, CustomStringConvertible {
        var rule: String
        var severity: String
        var object: ExpectedObject
        /// The secret scan's detector (C06), when the finding has one.
        var detector: String?
        /// The catalog's severity, when `input/policy.yaml` changed it.
        var originalSeverity: String?

        enum CodingKeys: String, CodingKey {
            case rule, severity, object, detector
            case originalSeverity = "original_severity"
        }

        var description: String {
            "\(rule) \(severity)\(originalSeverity.map { " (was \($0))" } ?? "") \(object.kind) "
                + "\(object.namespace ?? "-")/\(object.name)\(detector.map { " [\($0)]" } ?? "")"
        }
    }

    struct ExpectedObject: Decodable, Equatable {
        var kind: String
        var namespace: String?
        var name: String
    }

    func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    /// The case's policy: `input/policy.yaml` applied to the catalog, else the catalog alone.
    func policy(catalog: Catalog) throws -> EvaluationPolicy {
        let file = folder.appendingPathComponent("input/policy.yaml")
        guard FileManager.default.fileExists(atPath: file.path) else { return EvaluationPolicy(catalog: catalog) }
        return try EvaluationPolicy(catalog: catalog, file: PolicyFile.load(path: file.path))
    }

    /// Whether the case assembles evidence from upstream samples.
    var usesUpstream: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("input/upstream.json").path)
    }

    /// The evidence: the input files, plus files assembled from upstream samples, in a scratch folder.
    func evidence(catalog: Catalog, scratch: TestFolder) throws -> EvidenceSet {
        let input = folder.appendingPathComponent("input")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: input.path)) ?? []
        where !["statuses.json", "upstream.json", "policy.yaml"].contains(file) {
            try FileManager.default.copyItem(
                at: input.appendingPathComponent(file),
                to: scratch.url.appendingPathComponent(file)
            )
        }
        if usesUpstream {
            let plan =
                try JSONSerialization.jsonObject(with: Data(contentsOf: input.appendingPathComponent("upstream.json")))
                as? [String: [String: Any]] ?? [:]
            for (file, source) in plan {
                let data: Data
                if let raw = source["raw"] as? String {
                    data = try Data(contentsOf: UpstreamSamples.url(raw))
                } else {
                    let items = try (source["list"] as? [String] ?? []).flatMap(Self.objects(in:))
                    data = try JSONSerialization.data(withJSONObject: [
                        "apiVersion": "v1", "kind": "List", "items": items,
                    ])
                }
                try data.write(to: scratch.url.appendingPathComponent(file))
            }
        }
        var states: [String: EvidenceSet.ItemState] = [:]
        let statusFile = input.appendingPathComponent("statuses.json")
        if let data = FileManager.default.contents(atPath: statusFile.path),
            let entries = try JSONSerialization.jsonObject(with: data) as? [String: [String: String]]
        {
            for (id, entry) in entries {
                states[id] = .init(status: ItemStatus(rawValue: entry["status"] ?? "") ?? .error, note: entry["note"])
            }
        }
        return EvidenceSet.folder(scratch.url, catalog: catalog, states: states)
    }

    /// Objects in an upstream YAML or JSON file; `List` documents are expanded, bare arrays too.
    static func objects(in relative: String) throws -> [Any] {
        let text = try String(contentsOf: UpstreamSamples.url(relative), encoding: .utf8)
        var documents: [Any] = []
        if relative.hasSuffix(".json") {
            documents = [try JSONSerialization.jsonObject(with: Data(text.utf8))]
        } else {
            for document in try Yams.load_all(yaml: text) { documents.append(jsonSafe(document)) }
        }
        return documents.flatMap { document -> [Any] in
            if let array = document as? [Any] { return array }
            if let object = document as? [String: Any], object["kind"] as? String == "List" {
                return object["items"] as? [Any] ?? []
            }
            return [document]
        }
    }

    /// Yams gives Dates and Ints where JSON wants strings; keep what JSONSerialization can write.
    static func jsonSafe(_ value: Any) -> Any {
        switch value {
        case let map as [String: Any]: return map.mapValues(jsonSafe)
        case let map as [AnyHashable: Any]:
            return Dictionary(uniqueKeysWithValues: map.map { ("\($0.key)", jsonSafe($0.value)) })
        case let list as [Any]: return list.map(jsonSafe)
        case let date as Date: return Timestamp.format(date)
        case is NSNull, is String, is Bool, is Int, is Double: return value
        default: return "\(value)"
        }
    }
}
