import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("exec credential plugins: bounded, stopped with their children, run once per credential")
struct ExecPluginLifetimeTests {
    static func script(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: name, ofType: "sh", inDirectory: "Resources"))
    }

    static func plugin(
        _ name: String,
        env: [(String, String)],
        timeout: Duration = .seconds(10)
    ) throws -> ExecCredentialPlugin {
        ExecCredentialPlugin(
            config: Kubeconfig.ExecConfig(
                apiVersion: "client.authentication.k8s.io/v1",
                command: try script(name),
                args: [],
                env: env,
                provideClusterInfo: false,
                installHint: nil
            ),
            baseDirectory: "/",
            userName: "eks",
            cluster: ("https://k", nil, false),
            timeout: timeout
        )
    }

    /// Whether `pid` is still a live process (a zombie waiting for its parent counts as gone).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }

    /// Waits up to `limit` for every pid to be gone; true if they all are.
    static func allGone(_ pids: [Int32], within limit: Duration = .seconds(3)) async throws -> Bool {
        let until = ContinuousClock.now + limit
        while ContinuousClock.now < until {
            if !pids.contains(where: isRunning) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return !pids.contains(where: isRunning)
    }

    static func pids(in file: String) throws -> [Int32] {
        try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: \.isWhitespace).compactMap {
            Int32($0)
        }
    }

    /// Lines in the plugin's run log (one per run, appended, so concurrent runs are all counted).
    static func runs(_ counter: String) -> Int {
        ((try? String(contentsOfFile: counter + ".runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    // Durations are the plugin's own (measured by the thread that runs it): in the whole suite, run in parallel
    // on 2 cores, wall time around an `await` was seen to exceed two minutes for a 3 s run.

    @Test func aHangingPluginIsStoppedWithItsChildrenAtTheDeadline() async throws {
        let folder = TestFolder()
        let pidFile = folder.path("pids")
        let plugin = try Self.plugin("hanging-plugin", env: [("PLUGIN_PIDS", pidFile)], timeout: .seconds(1))
        let error = await #expect(throws: KubeAPIError.self) { try await plugin.credential() }
        // 1 s to the deadline, SIGTERM is ignored, SIGKILL 2 s later: about 3 s. Unbounded it would never end.
        let run = try #require(await plugin.lastRunDuration)
        #expect(run >= .seconds(3) && run < .seconds(8), "timeout plus the kill grace: \(run)")
        let text = error?.description ?? ""
        #expect(text.contains(try Self.script("hanging-plugin")), "names the plugin: \(text)")
        #expect(text.contains("did not finish within 1 s"))
        let pids = try Self.pids(in: pidFile)
        #expect(pids.count == 2)
        #expect(try await Self.allGone(pids), "the plugin and its child were killed")
    }

    @Test func aChildHoldingStdoutOpenDoesNotBlockTheCredential() async throws {
        let folder = TestFolder()
        let pidFile = folder.path("pids")
        let plugin = try Self.plugin(
            "lingering-plugin",
            env: [("PLUGIN_PIDS", pidFile), ("PLUGIN_TOKEN", "auditpack-demo-token")],
            timeout: .seconds(30)
        )
        let credential = try await plugin.credential()
        #expect(credential.token == "auditpack-demo-token")
        // 0.5 s for late output, then the child is stopped (up to the 2 s grace): well before the 30 s
        // deadline that waiting for the child's stdout would run into.
        let run = try #require(await plugin.lastRunDuration)
        #expect(run < .seconds(6), "not held by the background child's open stdout: \(run)")
        let pids = try Self.pids(in: pidFile)
        #expect(pids.count == 1)
        #expect(try await Self.allGone(pids), "the leftover child of the plugin was stopped")
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let folder = TestFolder()
        let counter = folder.path("runs")
        let plugin = try Self.plugin(
            "exec-plugin",
            env: [
                ("PLUGIN_COUNTER", counter), ("PLUGIN_TOKEN", "t"), ("PLUGIN_DELAY", "0.5"),
                ("PLUGIN_EXPIRY", "2099-01-01T00:00:00Z"),
            ]
        )
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try await plugin.credential().token } }
            var tokens: [String?] = []
            for try await token in group { tokens.append(token) }
            return tokens
        }
        #expect(tokens == Array(repeating: "t", count: 8))
        #expect(Self.runs(counter) == 1)
        #expect(await plugin.runs == 1)
    }

    @Test func aCredentialValidUntil2099IsFetchedOncePerRun() async throws {
        try await withEmulator { fixture in
            let counter = fixture.folder.path("runs")
            let env = [
                ("PLUGIN_COUNTER", counter), ("PLUGIN_TOKEN", "auditpack-demo-token"), ("PLUGIN_DELAY", "0.3"),
                ("PLUGIN_EXPIRY", "2099-01-01T00:00:00Z"),
            ]
            let client = try fixture.client(
                kubeconfig: Self.kubeconfig(fixture, env: env),
                options: EmulatorFixture.fastOptions(pageSize: 5)
            )
            do {
                // Discovery, reviews and every list side by side, as a collection run does.
                async let identity = client.whoAmI()
                async let version = client.serverVersion()
                let resources = try await FaultyListTests.listableResources(client)
                let lists = try await FaultyListTests.listAll(client, resources)
                #expect(try await identity.username == "auditpack-demo")
                _ = try await version
                #expect(lists.count > 10)
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
            #expect(Self.runs(counter) == 1)
        }
    }

    @Test func manyRequestsRejectedAtOnceCauseOneNewRun() async throws {
        try await withEmulator { fixture in
            let counter = fixture.folder.path("runs")
            let env = [
                ("PLUGIN_COUNTER", counter), ("PLUGIN_TOKEN_1", "stale-token"),
                ("PLUGIN_TOKEN", "auditpack-demo-token"), ("PLUGIN_EXPIRY", "2099-01-01T00:00:00Z"),
            ]
            let client = try fixture.client(kubeconfig: Self.kubeconfig(fixture, env: env))
            do {
                let identities = try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<8 { group.addTask { try await client.whoAmI().username } }
                    var names: [String] = []
                    for try await name in group { names.append(name) }
                    return names
                }
                #expect(identities == Array(repeating: "auditpack-demo", count: 8))
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
            #expect(Self.runs(counter) == 2, "the stale credential, then one fresh run for all eight")
        }
    }

    static func kubeconfig(_ fixture: EmulatorFixture, env: [(String, String)]) throws -> String {
        let envYAML = env.map { "{name: \($0.0), value: \"\($0.1)\"}" }.joined(separator: ", ")
        return fixture.kubeconfig(
            cluster: "{server: \(fixture.emulator.baseURL), certificate-authority-data: \(fixture.caData)}",
            user: "{exec: {apiVersion: client.authentication.k8s.io/v1, command: \(try script("exec-plugin")), "
                + "env: [\(envYAML)]}}"
        )
    }
}
