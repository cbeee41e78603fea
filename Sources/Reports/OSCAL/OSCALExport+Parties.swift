import AuditPackCore
import Foundation

/// Who and what took part: the collecting identity, AuditPack, and the cluster they assessed.
extension OSCALExport {
    static let assessorRole = "assessor"
    static let toolRole = "assessment-tool"

    func metadata(title: String) -> OSCAL.Metadata {
        let collector = manifest.collector
        return OSCAL.Metadata(
            title: title,
            lastModified: findings.evaluatedAt,
            version: manifest.packageID,
            oscalVersion: OSCAL.version,
            props: OSCAL.props([
                .auditPack("package-id", manifest.packageID),
                .auditPack("tool-version", manifest.run.toolVersion),
                .auditPack("framework", framework?.name ?? "auditpack"),
            ]),
            roles: [
                OSCAL.Role(
                    id: Self.assessorRole,
                    title: "Assessor",
                    description: "The Kubernetes identity that collected the evidence, as the API server's "
                        + "SelfSubjectReview named it (a person or a service account)."
                ),
                OSCAL.Role(
                    id: Self.toolRole,
                    title: "Assessment tool",
                    description: "The software that collected the evidence, hashed it and evaluated the controls."
                ),
            ],
            parties: [
                OSCAL.Party(
                    uuid: uuid("party/collector"),
                    type: "person",
                    name: collector.username.isEmpty ? "unknown Kubernetes identity" : collector.username,
                    props: OSCAL.props(
                        [.auditPack("kubernetes-username", collector.username)]
                            + collector.groups.map { OSCAL.Property.auditPack("kubernetes-group", $0) }
                            + [.auditPack("host", collector.host)]
                    ),
                    remarks: "The identity the evidence was read as; every read was a GET (or a review POST that "
                        + "creates nothing)."
                ),
                OSCAL.Party(
                    uuid: uuid("party/auditpack"),
                    type: "organization",
                    name: "AuditPack",
                    props: OSCAL.props([.auditPack("tool-version", manifest.run.toolVersion)]),
                    remarks: nil
                ),
            ],
            responsibleParties: [
                OSCAL.ResponsibleParty(roleId: Self.assessorRole, partyUuids: [uuid("party/collector")]),
                OSCAL.ResponsibleParty(roleId: Self.toolRole, partyUuids: [uuid("party/auditpack")]),
            ],
            remarks: nil
        )
    }

    var clusterDescription: String {
        var text = "Kubernetes API server \(manifest.cluster.server), version \(manifest.cluster.serverVersion)"
        if let id = manifest.cluster.clusterID { text += ", cluster id \(id) (the kube-system namespace's UID)" }
        return text + "."
    }

    var clusterProps: [OSCAL.Property]? {
        OSCAL.props([
            .auditPack("server", manifest.cluster.server),
            .auditPack("server-version", manifest.cluster.serverVersion),
            .auditPack("cluster-id", manifest.cluster.clusterID),
            .auditPack("context", manifest.cluster.context),
        ])
    }

    var clusterComponent: OSCAL.Component {
        OSCAL.Component(
            uuid: uuid("component/cluster"),
            type: "this-system",
            title: "Kubernetes cluster \(clusterName)",
            description: clusterDescription,
            props: clusterProps,
            status: .init(state: "operational")
        )
    }

    var clusterInventoryItem: OSCAL.InventoryItem {
        OSCAL.InventoryItem(
            uuid: uuid("inventory-item/cluster"),
            description: clusterDescription,
            props: clusterProps,
            implementedComponents: [.init(componentUuid: uuid("component/cluster"))]
        )
    }

    var assessmentAssets: OSCAL.AssessmentAssets {
        OSCAL.AssessmentAssets(
            components: [
                OSCAL.Component(
                    uuid: uuid("component/auditpack"),
                    type: "software",
                    title: "AuditPack \(manifest.run.toolVersion)",
                    description: "Kubernetes evidence collector: reads the cluster through the Kubernetes API "
                        + "(read-only), records every response with its SHA-256 in a signed package, and evaluates "
                        + "the controls from the package alone.",
                    props: OSCAL.props([.auditPack("tool-version", manifest.run.toolVersion)]),
                    status: .init(state: "operational")
                )
            ],
            assessmentPlatforms: [
                OSCAL.AssessmentPlatform(
                    uuid: uuid("assessment-platform/auditpack"),
                    title: "AuditPack",
                    usesComponents: [.init(componentUuid: uuid("component/auditpack"))]
                )
            ]
        )
    }

    /// AuditPack, run by the collecting identity.
    var origins: [OSCAL.Origin] {
        [
            OSCAL.Origin(actors: [
                OSCAL.Actor(type: "tool", actorUuid: uuid("component/auditpack"), roleId: nil),
                OSCAL.Actor(type: "party", actorUuid: uuid("party/collector"), roleId: Self.assessorRole),
            ])
        ]
    }

    /// AuditPack alone (what judged a risk's severity).
    var toolOrigin: OSCAL.Origin {
        OSCAL.Origin(actors: [OSCAL.Actor(type: "tool", actorUuid: uuid("component/auditpack"), roleId: nil)])
    }

    var clusterSubject: OSCAL.SubjectReference {
        OSCAL.SubjectReference(
            subjectUuid: uuid("component/cluster"),
            type: "component",
            title: "Kubernetes cluster \(clusterName)"
        )
    }
}
