import Foundation
import TestSupport
import Testing

@testable import Workflows

/// A default package name that is taken (a second run in the same second) gets a number, never the old file.
@Suite("collect: default package names never collide")
struct DefaultNameTests {
    @Test func takenNamesGetANumber() throws {
        let folder = TestFolder()
        let name = "audit-evidence-prod-2026-12-06T101149Z.zip"
        #expect(CollectWorkflow.freeDefaultName(in: folder.url, name).lastPathComponent == name)
        _ = try folder.write(name, "first")
        #expect(
            CollectWorkflow.freeDefaultName(in: folder.url, name).lastPathComponent
                == "audit-evidence-prod-2026-12-06T101149Z-2.zip"
        )
        _ = try folder.write("audit-evidence-prod-2026-12-06T101149Z-2.zip", "second")
        #expect(
            CollectWorkflow.freeDefaultName(in: folder.url, name).lastPathComponent
                == "audit-evidence-prod-2026-12-06T101149Z-3.zip"
        )
    }
}
