import ArgumentParser
import Foundation
import KubeAPI

/// How to reach the cluster, as kubectl takes it.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    var kubeconfig: String?

    @Option(
        name: .customLong("context"),
        help: "The kubeconfig context to use (default: current-context); `collect` takes it more than once."
    )
    var contexts: [String] = []

    /// The one context of a single-cluster command.
    var context: String? { contexts.first }

    @Option(
        help: ArgumentHelp(
            "Seconds allowed for each API request, end to end: connecting, headers and the whole body (each retry "
                + "gets the full time); a connection silent for 30 s fails sooner."
        )
    )
    var timeout: Double = 60

    @Option(help: "API requests in flight at once.")
    var concurrency: Int = 8

    @Option(help: "Items per LIST page (the `limit` parameter; kubectl's --chunk-size, 500 by default).")
    var pageSize: Int = 500

    func validate() throws {
        guard timeout.isFinite, timeout >= 0.001, timeout <= 86_400 else {
            throw ValidationError("--timeout must be a number of seconds between 0.001 and 86400 (one day).")
        }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64.") }
        guard (1...100_000).contains(pageSize) else {
            throw ValidationError("--page-size must be between 1 and 100000.")
        }
    }

    var clientOptions: KubeClientOptions {
        var options = KubeClientOptions()
        options.requestTimeout = .milliseconds(Int64(timeout * 1000))
        options.concurrency = concurrency
        options.pageSize = pageSize
        return options
    }
}
