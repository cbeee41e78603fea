import Foundation

/// kube-bench output that could not be read.
public enum KubeBenchError: Error, CustomStringConvertible {
    case unrecognised

    public var description: String {
        "The kube-bench output is neither kube-bench JSON nor its text report. Run kube-bench with --json, "
            + "or keep its default text output unchanged."
    }
}
