import AuditPackCore
import Foundation

/// Resources: the plan (linked and embedded), the package, manifest.json, the signature files and every file
/// with its SHA-256.
extension OSCALExport {
    func backMatter(planData: Data) -> OSCAL.BackMatter {
        var resources = [
            OSCAL.Resource(
                uuid: uuid("resource/assessment-plan"),
                title: "AuditPack assessment plan",
                description: "The assessment plan these results import (import-ap). It is embedded here, and is the "
                    + "package's \(Self.planFileName); `auditpack report PKG --format oscal-plan` writes it too.",
                props: nil,
                rlinks: [link(Self.planFileName, sha256: Hashing.sha256Hex(planData), mediaType: "application/json")],
                base64: OSCAL.Base64(
                    filename: Self.planFileName,
                    mediaType: "application/json",
                    value: planData.base64EncodedString()
                ),
                remarks: nil
            ),
            packageResource,
        ]
        let members = Dictionary(
            packageFile?.members.map { ($0.name, $0.sha256) } ?? [],
            uniquingKeysWith: { a, _ in a }
        )
        let signatureFiles =
            packageFile.map { file in
                Self.signatureFileNames.filter { name in file.members.contains { $0.name == name } }
            }
            ?? (signed ? Self.signatureFileNames : [])
        for name in ["manifest.json"] + signatureFiles {
            resources.append(
                OSCAL.Resource(
                    uuid: uuid("resource/file/\(name)"),
                    title: name,
                    description: name == "manifest.json"
                        ? "Lists every file of the package with its SHA-256 and size; the signatures cover it."
                        : "Signature file of the package (over manifest.json).",
                    props: nil,
                    rlinks: [link(name, sha256: members[name], mediaType: nil)],
                    base64: nil,
                    remarks: nil
                )
            )
        }
        let files =
            manifest.controls.map { ($0.file, $0.sha256) }
            + manifest.artifacts.filter { $0.file != Self.resultsFileName }.map { ($0.file, $0.sha256) }
        for (name, sha256) in files {
            resources.append(
                OSCAL.Resource(
                    uuid: uuid("resource/file/\(name)"),
                    title: name,
                    description: "A file of the package, with the SHA-256 manifest.json lists for it.",
                    props: nil,
                    rlinks: [link(name, sha256: sha256, mediaType: nil)],
                    base64: nil,
                    remarks: nil
                )
            )
        }
        return OSCAL.BackMatter(resources: resources)
    }

    /// The package itself: with its SHA-256 when exported from the file; inside the package it cannot be named.
    var packageResource: OSCAL.Resource {
        OSCAL.Resource(
            uuid: uuid("resource/package"),
            title: "Evidence package \(manifest.packageID)",
            description: "The evidence package these results describe\(isSigned ? " (signed)" : ""). Every "
                + "relevant-evidence href is a path inside it.",
            props: OSCAL.props([.auditPack("package-id", manifest.packageID)]),
            rlinks: packageFile.map { [link($0.name, sha256: $0.sha256, mediaType: "application/zip")] },
            base64: nil,
            remarks: packageFile == nil
                ? "This copy is inside the package, so it cannot name the package's SHA-256, nor manifest.json's "
                    + "or the signatures' (they cover this file). Check them with `auditpack verify`; "
                    + "`auditpack report PKG --format oscal` exports a copy that names them." : nil
        )
    }

    /// Whether the package carries signature files.
    var isSigned: Bool {
        packageFile.map { file in file.members.contains { $0.name == "manifest.sig" } } ?? signed
    }

    func link(_ href: String, sha256: String?, mediaType: String?) -> OSCAL.ResourceLink {
        OSCAL.ResourceLink(
            href: href,
            mediaType: mediaType,
            hashes: sha256.map { [OSCAL.Hash(algorithm: "SHA-256", value: $0)] }
        )
    }
}
