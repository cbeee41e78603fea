import Foundation

/// Everything that can go wrong while loading a cluster or running the emulator.
///
/// Each message names the cause and what to do about it.
public enum KubeEmulatorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A cluster folder (or a file in it) could not be read.
    case unreadableFolder(path: String, reason: String)
    /// A YAML file in `objects/` does not parse.
    case invalidYAML(file: String, reason: String)
    /// A document or JSON object is not a Kubernetes object the emulator can serve.
    case invalidObject(source: String, reason: String)
    /// The object's apiVersion/kind is not a built-in type and no CustomResourceDefinition defines it.
    case unknownKind(source: String, apiVersion: String, kind: String)
    /// Two objects share type, namespace and name.
    case duplicateObject(source: String, object: String)
    /// The bundled sample cluster is missing from the build.
    case sampleClusterMissing
    /// Generating the CA, a serving certificate or a client certificate failed.
    case certificateGeneration(reason: String)
    /// The HTTP(S) listener could not be started.
    case listenFailed(address: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFolder(let path, let reason):
            return "Cannot read the cluster folder at \(path): \(reason). "
                + "Point ClusterStore.load(folder:) at a folder with objects/*.yaml (and optionally logs/)."
        case .invalidYAML(let file, let reason):
            return "\(file) is not valid YAML: \(reason). Fix the file; each document must be one Kubernetes object."
        case .invalidObject(let source, let reason):
            return "\(source) is not a usable Kubernetes object: \(reason). "
                + "Write it as `kubectl get -o yaml` shows it (apiVersion, kind, metadata.name, ...)."
        case .unknownKind(let source, let apiVersion, let kind):
            return "\(source) has apiVersion \(apiVersion) kind \(kind), which is neither built in nor defined by "
                + "a CustomResourceDefinition among the objects. Add the CRD (apiextensions.k8s.io/v1) or fix the "
                + "apiVersion/kind."
        case .duplicateObject(let source, let object):
            return "\(source) repeats \(object), which is already defined. Give each object a unique name per "
                + "namespace and type."
        case .sampleClusterMissing:
            return "The sample cluster is missing from the KubeEmulator resource bundle (SampleCluster/objects). "
                + "Rebuild the package; the SampleCluster folder must be copied as a resource."
        case .certificateGeneration(let reason):
            return "Could not generate a certificate for the emulator: \(reason). "
                + "This is a bug in the emulator or the crypto libraries; report it with this message."
        case .listenFailed(let address, let reason):
            return "The emulator could not listen on \(address): \(reason). "
                + "Choose another host/port (port 0 picks a free one)."
        }
    }
}
