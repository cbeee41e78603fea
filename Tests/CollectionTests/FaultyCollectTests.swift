import AuditPackCore
import Foundation
import KubeEmulator
import Testing

@Suite("collect under a flaky network loses no evidence")
struct FaultyCollectTests {
    /// What must not change under faults: each item's status and count, and the objects of List evidence.
    static func evidence(_ package: CollectedPackage) throws -> [String: String] {
        var summary: [String: String] = [:]
        for entry in package.manifest.controls {
            let names = (try? package.names(entry.id)) ?? []
            summary[entry.id] =
                "\(entry.status) \(entry.itemCount.map(String.init) ?? "-") \(names.joined(separator: ","))"
        }
        return summary
    }

    /// The fault-free run with 4-item pages, collected once for all seeds (a collection is costly on 2 cores).
    static let faultFree = Task { try evidence(try await CollectedPackage.collect(pageSize: 4)) }

    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func everyItemMatchesTheFaultFreeRun(seed: UInt64) async throws {
        let expected = try await Self.faultFree.value
        let package = try await CollectedPackage.collect(
            pageSize: 4,
            faults: FaultProfile(
                seed: seed,
                serverErrorPercent: 10,
                throttlePercent: 10,
                dropPercent: 5,
                expireContinuePercent: 20
            )
        )
        let faulty = try Self.evidence(package)
        #expect(expected.count > 20)
        for (id, summary) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(faulty[id] == summary, "\(id)")
        }
        let statuses = Set(package.requestLog.map(\.status))
        #expect(statuses.isSuperset(of: [410, 429, 500]), "the faults happened: \(statuses.sorted())")
    }

    /// 160 KiB holds the largest single answer of the sample (the kube-bench log, 151 KB) but not every full
    /// 500-item page; such a page used to fail the item as "check the network".
    @Test func pagesLargerThanTheResponseCapShrinkInsteadOfFailing() async throws {
        let expected = try Self.evidence(try await CollectedPackage.collect())
        let package = try await CollectedPackage.collect(maxResponseBytes: 160 * 1024)
        let faulty = try Self.evidence(package)
        for (id, summary) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(faulty[id] == summary, "\(id): \(package.entry(id)?.note ?? "")")
        }
        let limits = Set(package.requestLog.compactMap { $0.queryItems["limit"] })
        #expect(limits.contains("250"), "some page was asked for again with half the limit: \(limits.sorted())")
    }
}
