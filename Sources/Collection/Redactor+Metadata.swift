import AuditPackCore
import Foundation

extension Redactor {
    /// Annotations that hold a whole copy of the object as JSON (and so, for a Secret, its data).
    static let embeddedObjectAnnotations: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", "kapp.k14s.io/original",
    ]

    /// Secret annotations whose values are kept: they name things, never hold data. Every other
    /// annotation value of a Secret is replaced (`kapp.k14s.io/original`, `…/data-hash`, tool-specific ones).
    static let harmlessSecretAnnotations: Set<String> = [
        "kubernetes.io/service-account.name", "kubernetes.io/service-account.uid", "kubernetes.io/description",
        "meta.helm.sh/release-name", "meta.helm.sh/release-namespace", "helm.sh/resource-policy", "helm.sh/hook",
        "helm.sh/hook-weight", "helm.sh/hook-delete-policy", "argocd.argoproj.io/sync-wave",
        "argocd.argoproj.io/compare-options", "argocd.argoproj.io/sync-options", "argocd.argoproj.io/tracking-id",
        "replicator.v1.mittwald.de/replicate-from", "reflector.v1.k8s.emberstack.com/reflects",
    ]

    /// cert-manager annotates the Secrets it issues with the certificate's public fields.
    static func isHarmlessSecretAnnotation(_ key: String) -> Bool {
        harmlessSecretAnnotations.contains(key) || key.hasPrefix("cert-manager.io/")
    }

    /// Annotations: embedded copies of the object are redacted like the object (or replaced whole when they
    /// do not parse cleanly); a Secret keeps only harmless annotations; any value with a well-known secret
    /// format is replaced.
    func redactMetadata(
        _ metadata: [String: Any],
        kind: String,
        location: Location?,
        prefix: String = ""
    )
        -> [String: Any]
    {
        guard var annotations = metadata["annotations"] as? [String: Any], !annotations.isEmpty else { return metadata }
        for (key, value) in annotations {
            let field = "\(prefix)metadata.annotations[\(key)]"
            guard let text = value as? String else {
                if kind == "Secret" { annotations[key] = Self.marker }
                continue
            }
            if Self.embeddedObjectAnnotations.contains(key) {
                annotations[key] = redactEmbeddedObject(text, kind: kind, location: location, field: field)
            } else if kind == "Secret" && !Self.isHarmlessSecretAnnotation(key) {
                if !text.isEmpty { annotations[key] = Self.marker }
            } else if let rule = SecretValueRules.detect(text) {
                record("C06.secret-in-annotation", location, field: field, value: text, detector: "value:\(rule)")
                annotations[key] = Self.marker
            }
        }
        var metadata = metadata
        metadata["annotations"] = annotations
        return metadata
    }

    /// An annotation holding the object as JSON, redacted like the object itself. Fails closed: text that
    /// is not exactly one clean JSON object (duplicate keys, trailing text, YAML) is replaced whole.
    private func redactEmbeddedObject(_ text: String, kind: String, location: Location?, field: String) -> String {
        guard StrictJSON.isCleanObject(text),
            let applied = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        else {
            if kind == "Secret" {
                record(
                    "C06.secret-in-last-applied-annotation",
                    location,
                    field: field,
                    value: text,
                    detector: "name:last-applied"
                )
            }
            return Self.marker
        }
        var cleaned = applied
        let appliedKind = applied["kind"] as? String ?? kind
        cleaned["kind"] = appliedKind
        for dataField in ["data", "stringData", "binaryData"] {
            guard let values = applied[dataField] as? [String: Any], !values.isEmpty else { continue }
            if appliedKind == "Secret" {
                for (key, value) in values {
                    record(
                        "C06.secret-in-last-applied-annotation",
                        location,
                        field: "\(field).\(dataField).\(key)",
                        value: "\(value)",
                        detector: "name:last-applied"
                    )
                }
            }
            cleaned[dataField] = values.mapValues { _ in Self.marker }
        }
        cleaned = redact(cleaned, recording: false)
        if applied["kind"] == nil { cleaned["kind"] = nil }
        guard !NSDictionary(dictionary: cleaned).isEqual(to: applied), let data = try? JSONWriter.data(cleaned) else {
            return text
        }
        return String(decoding: data, as: UTF8.self)
    }
}
