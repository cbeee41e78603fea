import AuditPackCore
import Foundation
import KubeAPI

/// kube-bench results: the log of the latest completed kube-bench Job's pod, kept raw, plus a parsed
/// summary of section 4 (worker nodes).
enum KubeBenchEvidence {
    /// The located kube-bench run: the log and what it took to find it.
    struct Run {
        var log: Data
        var command: String
        var requests: [Manifest.RequestRecord]
        var note: String
    }

    static func log(_ context: ItemContext) async throws -> ItemOutcome {
        let run = try await locate(context)
        try run.log.write(to: context.file)
        return ItemOutcome(status: .ok, command: run.command, requests: run.requests, note: run.note)
    }

    /// Section 4 of the same log (fetched once per run, shared with C08).
    static func summary(_ context: ItemContext) async throws -> ItemOutcome {
        let run = try await locate(context)
        let report = try KubeBenchReport.parse(run.log)
        let section = report.summary(section: "4")
        let failed = report.checks.filter { $0.section == "4" && $0.status != "PASS" }.map { check -> [String: Any] in
            ["id": check.id, "status": check.status, "text": check.description, "remediation": check.remediation ?? ""]
        }
        try context.writeJSON([
            "format": report.format.rawValue, "section": "4", "title": "Worker Node Security Configuration",
            "pass": section.pass, "fail": section.fail, "warn": section.warn, "info": section.info,
            "failed_checks": section.failedChecks, "warned_checks": section.warnedChecks, "checks": failed,
        ])
        return ItemOutcome(
            status: .ok,
            command: run.command + " | parse section 4",
            itemCount: section.fail,
            derivedFrom: ["C08"]
        )
    }

    /// Finds the latest completed kube-bench Job and its succeeded pod, and reads the pod's log.
    static func locate(_ context: ItemContext) async throws -> Run {
        let prefix = context.options.kubeBenchJobPrefix
        let jobs = try await context.fetch(ListKey(group: "batch", resource: "jobs")).get()
        guard let job = latestCompletedJob(in: ListFileReader(url: jobs.file), prefix: prefix) else {
            throw ItemFailure(
                outcome: .failed(
                    .notInstalled,
                    note: "No completed Job named \(prefix)* was found. Run kube-bench as a Job on the nodes "
                        + "(job.yaml from the kube-bench repository), then collect again.",
                    command: "kubectl logs job/\(prefix)"
                )
            )
        }
        let command = "kubectl logs -n \(job.namespace) job/\(job.name)"
        let pods = try await context.fetch(
            ListKey(group: "", resource: "pods", namespace: job.namespace, labelSelector: "job-name=\(job.name)")
        ).get()
        guard let pod = latestSucceededPod(in: ListFileReader(url: pods.file)) else {
            throw ItemFailure(
                outcome: .failed(
                    .error,
                    note: "Job \(job.namespace)/\(job.name) has no succeeded pod left to read a log from.",
                    command: command
                )
            )
        }
        let log = try await context.lists.podLog(namespace: job.namespace, pod: pod.name, container: pod.container)
        let logRequest = Manifest.RequestRecord(
            path: "/api/v1/namespaces/\(job.namespace)/pods/\(pod.name)/log",
            pages: 1,
            items: 1,
            resourceVersion: nil
        )
        return Run(
            log: log,
            command: command,
            requests: [ItemOutcome.request(jobs.summary), ItemOutcome.request(pods.summary), logRequest],
            note: "Job \(job.namespace)/\(job.name), pod \(pod.name), completed \(job.completion)"
        )
    }

    static func latestCompletedJob<S: Sequence>(
        in jobs: S,
        prefix: String
    )
        -> (namespace: String, name: String, completion: String)?
    where S.Element == [String: Any] {
        jobs.compactMap { job -> (String, String, String)? in
            let metadata = job["metadata"] as? [String: Any] ?? [:]
            let status = job["status"] as? [String: Any] ?? [:]
            guard let name = metadata["name"] as? String, name.hasPrefix(prefix),
                (status["succeeded"] as? Int ?? 0) > 0, let completion = status["completionTime"] as? String
            else { return nil }
            return (metadata["namespace"] as? String ?? "default", name, completion)
        }.max { $0.2 < $1.2 }
    }

    static func latestSucceededPod<S: Sequence>(in pods: S) -> (name: String, container: String?)?
    where S.Element == [String: Any] {
        pods.compactMap { pod -> (String, String?, String)? in
            let metadata = pod["metadata"] as? [String: Any] ?? [:]
            guard (pod["status"] as? [String: Any])?["phase"] as? String == "Succeeded",
                let name = metadata["name"] as? String
            else { return nil }
            let containers = (pod["spec"] as? [String: Any])?["containers"] as? [[String: Any]] ?? []
            return (name, containers.first?["name"] as? String, metadata["creationTimestamp"] as? String ?? "")
        }.max { $0.2 < $1.2 }.map { ($0.0, $0.1) }
    }
}
