import AuditPackCore
import Evaluation
import Foundation
import KubeEmulator
import Packaging
import Reports
import TestSupport
import Testing
import Workflows

/// The OSCAL assessment results and plan of real packages (the sample cluster, and one with forbidden and
/// not_installed items): valid against NIST's schema and trestle, every evidence file and control accounted for,
/// and the same package always gives the same bytes.
@Suite("OSCAL: assessment results and plan of collected packages")
struct OSCALExportTests {
    /// The sample cluster, signed, as `auditpack demo` collects it.
    static func demoPackage() async throws -> CollectedPackage {
        try await demo.value
    }

    /// Each package is collected once for the whole suite: the tests read them, none changes them, and a dozen
    /// collections beside the validators overload a 2-core machine.
    private static let demo = Task { try await CollectedPackage.collect(signingKey: SigningKey()) }
    private static let gaps = Task {
        let store = try ClusterStore.sample().removingGroup("external-secrets.io")
        let options = EmulatorOptions.configured {
            $0.denials = [Denial(user: nil, verb: "list", group: "networking.k8s.io", resource: "networkpolicies")]
        }
        return try await CollectedPackage.collect(store: store, options: options)
    }

    /// The sample cluster without the external-secrets CRDs (not_installed) and with NetworkPolicies denied
    /// (forbidden).
    static func packageWithGaps() async throws -> CollectedPackage {
        try await gaps.value
    }

    static func export(
        _ package: CollectedPackage,
        _ format: ReportFormat = .oscal,
        framework: String? = nil
    ) throws -> String {
        try ReportWorkflow.run(package: package.result.package, format: format, policyFile: nil, framework: framework)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func result(_ text: String) throws -> [String: Any] {
        let document = try json(text)["assessment-results"] as? [String: Any]
        return try #require((document?["results"] as? [[String: Any]])?.first)
    }

    /// Validates the exports (results and plan, with `nist80053` also the 800-53 view) and the results inside the
    /// package, in one run of the validators. The plan inside the package is the exported plan, byte for byte.
    static func expectValid(_ package: CollectedPackage, name: String, nist80053: Bool) throws {
        #expect(try package.reader.data(OSCALExport.planFileName) == Data(try export(package, .oscalPlan).utf8))
        let python = try #require(OSCALValidator.python, "\(OSCALValidator.missing)")
        var files = [
            try package.folder.write("\(name)-results.json", export(package)),
            try package.folder.write("\(name)-plan.json", export(package, .oscalPlan)),
            try package.folder.write(
                "\(name)-embedded-results.json",
                String(decoding: try package.reader.data(OSCALExport.resultsFileName), as: UTF8.self)
            ),
        ]
        if nist80053 {
            files += [
                try package.folder.write("\(name)-results-nist.json", export(package, framework: "nist-800-53")),
                try package.folder.write(
                    "\(name)-plan-nist.json",
                    export(package, .oscalPlan, framework: "nist-800-53")
                ),
            ]
        }
        let (status, output) = try OSCALValidator.validate(files, python: python)
        #expect(status == 0, "\(output)")
        #expect(output.components(separatedBy: "\n").filter { $0.hasPrefix("valid ") }.count == files.count * 2)
    }

    @Test(.enabled(if: OSCALValidator.python != nil, Comment(rawValue: OSCALValidator.missing)))
    func demoPackageValidatesAgainstNISTSchemaAndTrestle() async throws {
        try Self.expectValid(try await Self.demoPackage(), name: "demo", nist80053: true)
    }

    /// The validators are not a rubber stamp: a pattern the schema forbids and a duplicate UUID (which only
    /// trestle can see) are each caught by the validator that should catch them.
    @Test(.enabled(if: OSCALValidator.python != nil, Comment(rawValue: OSCALValidator.missing)))
    func validatorsRejectBrokenDocuments() async throws {
        let package = try await Self.demoPackage()
        let python = try #require(OSCALValidator.python, "\(OSCALValidator.missing)")
        let plan = try Self.export(package, .oscalPlan)
        let component =
            try #require(
                ((try Self.json(plan)["assessment-plan"] as? [String: Any])?["local-definitions"] as? [String: Any])?[
                    "components"
                ] as? [[String: Any]]
            ).first?["uuid"] as? String
        let inventory =
            try #require(
                ((try Self.json(plan)["assessment-plan"] as? [String: Any])?["local-definitions"] as? [String: Any])?[
                    "inventory-items"
                ] as? [[String: Any]]
            ).first?["uuid"] as? String
        let badPattern = try package.folder.write(
            "bad-pattern.json",
            plan.replacingOccurrences(of: #""oscal-version":"1.2.3""#, with: #""oscal-version":"1.2 .3 ""#)
        )
        let duplicate = try package.folder.write(
            "duplicate-uuid.json",
            plan.replacingOccurrences(of: try #require(inventory), with: try #require(component))
        )
        let (status, output) = try OSCALValidator.validate([badPattern, duplicate], python: python)
        #expect(status == 1)
        #expect(output.contains("INVALID \(badPattern) (assessment-plan) — NIST schema"), "\(output)")
        #expect(output.contains("valid \(duplicate) (assessment-plan) — NIST schema"), "\(output)")
        #expect(output.contains("INVALID \(duplicate) (assessment-plan) — trestle"), "\(output)")
    }

    @Test(.enabled(if: OSCALValidator.python != nil, Comment(rawValue: OSCALValidator.missing)))
    func packageWithGapsValidatesAgainstNISTSchemaAndTrestle() async throws {
        let package = try await Self.packageWithGaps()
        #expect(package.entry("C01")?.status == .forbidden)
        #expect(package.entry("C06")?.status == .notInstalled)
        try Self.expectValid(package, name: "gaps", nist80053: false)

        // Each gap is an open risk with the fix, related to its observation and to its control's finding.
        let result = try Self.result(try Self.export(package))
        let risks = result["risks"] as? [[String: Any]] ?? []
        let gap = try #require(
            risks.first { ($0["title"] as? String)?.hasPrefix("Evidence C01 not collected") == true }
        )
        #expect(gap["status"] as? String == "open")
        let remediation = (gap["remediations"] as? [[String: Any]])?.first?["description"] as? String
        #expect(
            remediation?.contains("Grant the collecting identity list on networkpolicies.networking.k8s.io") == true
        )
        let c01 = try #require(Self.findings(result)["C01_obj"])
        let related = (c01["related-risks"] as? [[String: Any]] ?? []).compactMap { $0["risk-uuid"] as? String }
        #expect(related.contains(gap["uuid"] as? String ?? ""))
    }

    static func findings(_ result: [String: Any]) -> [String: [String: Any]] {
        var byTarget: [String: [String: Any]] = [:]
        for finding in result["findings"] as? [[String: Any]] ?? [] {
            let target = finding["target"] as? [String: Any] ?? [:]
            byTarget[target["target-id"] as? String ?? ""] = finding
        }
        return byTarget
    }

    static func state(_ finding: [String: Any]?) -> (state: String?, reason: String?) {
        let status = (finding?["target"] as? [String: Any])?["status"] as? [String: Any]
        return (status?["state"] as? String, status?["reason"] as? String)
    }

    @Test func everyEvidenceFileIsRelevantEvidenceWithTheManifestsHash() async throws {
        for package in [try await Self.demoPackage(), try await Self.packageWithGaps()] {
            for text in [
                try Self.export(package),
                String(decoding: try package.reader.data(OSCALExport.resultsFileName), as: UTF8.self),
            ] {
                let observations = try Self.result(text)["observations"] as? [[String: Any]] ?? []
                #expect(observations.count == package.manifest.controls.count)
                var evidence: [String: [String: String]] = [:]
                for observation in observations {
                    #expect(observation["methods"] as? [String] == ["TEST"])
                    #expect(observation["collected"] as? String != nil)
                    #expect((observation["subjects"] as? [[String: Any]])?.count == 1)
                    for item in observation["relevant-evidence"] as? [[String: Any]] ?? [] {
                        var props: [String: String] = [:]
                        for prop in item["props"] as? [[String: Any]] ?? [] {
                            props[prop["name"] as? String ?? ""] = prop["value"] as? String
                        }
                        evidence[item["href"] as? String ?? ""] = props
                    }
                }
                for entry in package.manifest.controls {
                    let props = evidence[entry.file]
                    #expect(props?["sha256"] == entry.sha256, "\(entry.file)")
                    #expect(try package.reader.digest(entry.file).sha256 == entry.sha256)
                    #expect(props?["item-count"] == entry.itemCount.map(String.init), "\(entry.file)")
                    let command = entry.command.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    #expect(props?["kubectl-command"] == (command.isEmpty ? nil : command), "\(entry.file)")
                }
            }
        }
    }

    @Test func everyControlHasExactlyOneFindingWhoseStateMatchesItsVerdict() async throws {
        for package in [try await Self.demoPackage(), try await Self.packageWithGaps()] {
            let result = try Self.result(try Self.export(package))
            let findings = result["findings"] as? [[String: Any]] ?? []
            #expect(findings.count == package.result.findings.controls.count)
            let byTarget = Self.findings(result)
            var verdicts = Set<Verdict>()
            for control in package.result.findings.controls {
                let (state, reason) = Self.state(byTarget["\(control.id)_obj"])
                verdicts.insert(control.verdict)
                switch control.verdict {
                case .pass: #expect(state == "satisfied" && reason == "pass", "\(control.id)")
                case .fail, .warn: #expect(state == "not-satisfied" && reason == "fail", "\(control.id)")
                case .notAssessed: #expect(state == "not-satisfied" && reason == "other", "\(control.id)")
                }
                let risks = (byTarget["\(control.id)_obj"]?["related-risks"] as? [[String: Any]])?.count ?? 0
                #expect(risks >= control.findings.count, "\(control.id): each AuditPack finding is a risk")
            }
            #expect(verdicts.contains(.fail) && verdicts.contains(.pass), "the sample plants failures and passes")
        }
        let gaps = try await Self.packageWithGaps()
        #expect(gaps.result.findings.controls.first { $0.id == "C01" }?.verdict == .notAssessed)
    }

    @Test func nistViewHasOneFindingPer80053ControlFromItsMappedControls() async throws {
        let package = try await Self.demoPackage()
        let catalog = try Catalog.builtIn()
        let result = try Self.result(try Self.export(package, framework: "nist-800-53"))
        let byTarget = Self.findings(result)
        let verdicts = Dictionary(uniqueKeysWithValues: package.result.findings.controls.map { ($0.id, $0.verdict) })
        let mapped = Set(catalog.controls.flatMap { $0.frameworks["nist_800_53"] ?? [] })
        #expect(byTarget.count == mapped.count)
        #expect(byTarget["sc-7.5_smt"] != nil && byTarget["ac-6_smt"] != nil)
        for nist in mapped {
            let controls = catalog.controls.filter { ($0.frameworks["nist_800_53"] ?? []).contains(nist) }
            let allPass = controls.allSatisfy { verdicts[$0.id] == .pass }
            let id = OSCALExport.oscalControlID(nist)
            #expect(Self.state(byTarget["\(id)_smt"]).state == (allPass ? "satisfied" : "not-satisfied"), "\(nist)")
        }
        let selected =
            ((result["reviewed-controls"] as? [String: Any])?["control-selections"] as? [[String: Any]])?
            .first?["include-controls"] as? [[String: Any]]
        #expect(
            Set(selected?.compactMap { $0["control-id"] as? String } ?? [])
                == Set(mapped.map(OSCALExport.oscalControlID))
        )
    }

    @Test func samePackageGivesByteIdenticalDocuments() async throws {
        let package = try await Self.demoPackage()
        #expect(try Self.export(package) == Self.export(package))
        #expect(try Self.export(package, .oscalPlan) == Self.export(package, .oscalPlan))
        #expect(try Self.export(package, framework: "nist-800-53") == Self.export(package, framework: "nist-800-53"))

        // The copy inside the package is what the package's own manifest and findings give again.
        var manifest = package.manifest
        manifest.artifacts = manifest.artifacts.filter { ["findings.json", "report.html"].contains($0.file) }
        let again = try OSCALExport(
            manifest: manifest,
            findings: package.result.findings,
            catalog: try Catalog.builtIn(),
            signed: true
        )
        #expect(try again.assessmentResults() == package.reader.data(OSCALExport.resultsFileName))
        #expect(try again.assessmentPlan() == package.reader.data(OSCALExport.planFileName))
    }

    @Test func exportNamesThePackageAndItsSignaturesWithHashes() async throws {
        let package = try await Self.demoPackage()
        let document = try Self.json(try Self.export(package))["assessment-results"] as? [String: Any]
        let resources = (document?["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]] ?? []
        func hash(_ href: String) -> String? {
            for resource in resources {
                for link in resource["rlinks"] as? [[String: Any]] ?? [] where link["href"] as? String == href {
                    return (link["hashes"] as? [[String: Any]])?.first?["value"] as? String
                }
            }
            return nil
        }
        let zip = try Hashing.sha256(file: package.result.package).sha256
        #expect(hash(package.result.package.lastPathComponent) == zip)
        #expect(zip == package.result.packageSHA256)
        for name in ["manifest.json", "manifest.sig", "attestation.intoto.json"] {
            #expect(hash(name) == (try package.reader.digest(name).sha256), "\(name)")
        }
        let importAP = (document?["import-ap"] as? [String: Any])?["href"] as? String
        let plan = resources.first { "#\($0["uuid"] as? String ?? "")" == importAP }
        let embedded = (plan?["base64"] as? [String: Any])?["value"] as? String
        #expect(Data(base64Encoded: embedded ?? "") == Data(try Self.export(package, .oscalPlan).utf8))

        // Inside the package the document cannot name those hashes: it says so instead.
        let inside =
            try Self.json(
                String(decoding: try package.reader.data(OSCALExport.resultsFileName), as: UTF8.self)
            )["assessment-results"] as? [String: Any]
        let insideResources = (inside?["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]] ?? []
        let packageResource = insideResources.first { ($0["title"] as? String)?.hasPrefix("Evidence package") == true }
        #expect((packageResource?["remarks"] as? String)?.contains("cannot name the package's SHA-256") == true)
    }

    @Test func frameworksWithoutAnOSCALCatalogAreRefused() async throws {
        let package = try await Self.demoPackage()
        #expect(throws: OSCALError.frameworkWithoutCatalog("soc2")) {
            try Self.export(package, framework: "soc2")
        }
    }
}

/// Shared read-only between the suite's tests (see `OSCALExportTests.demo`).
extension CollectedPackage: @unchecked Sendable {}
