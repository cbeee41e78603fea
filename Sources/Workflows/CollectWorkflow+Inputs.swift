import Foundation
import KubeAPI

extension CollectWorkflow.Request {
    /// Every file `collect` reads, which its output may never replace: the kubeconfig file(s), the
    /// signing key, the previous package and the Trivy reports.
    var inputs: [OutputFile.Input] {
        var inputs = Kubeconfig.searchPaths(explicitPath: kubeconfig, environment: environment).map {
            OutputFile.Input(flag: "kubeconfig", path: $0)
        }
        if let signingKeyPath { inputs.append(OutputFile.Input(flag: "--signing-key", path: signingKeyPath)) }
        if let previous { inputs.append(OutputFile.Input(flag: "--previous", path: previous.path)) }
        inputs += collection.trivyReports.map { OutputFile.Input(flag: "--trivy-report", path: $0.path) }
        return inputs
    }
}
