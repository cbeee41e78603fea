import AuditPackCore
import Foundation
import Packaging

#if canImport(Glibc)
import Glibc
#endif

/// `auditpack-fuzz`: mutates real packages (and their manifests) and feeds them to the strict package
/// reader, the verifier and the manifest decoder for a time budget. Any crash, trap or hang is a bug:
/// the input that caused it is written to `--crash-dir` before the process dies, to become a regression
/// test. Usage: `auditpack-fuzz [--seconds 60] [--seed N] [--crash-dir DIR] CORPUS-DIR…`
@main
struct PackageFuzz {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var seconds = 60.0
        var seed = UInt64(Date().timeIntervalSince1970)
        var crashDirectory = "fuzz-crashes"
        var corpus: [String] = []
        while !arguments.isEmpty {
            let argument = arguments.removeFirst()
            switch argument {
            case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? -1
            case "--seed": seed = UInt64(arguments.popFirst() ?? "") ?? 0
            case "--crash-dir": crashDirectory = arguments.popFirst() ?? crashDirectory
            default: corpus.append(argument)
            }
        }
        guard seconds > 0, seconds <= 86_400, !corpus.isEmpty else {
            FileHandle.standardError.write(
                Data("usage: auditpack-fuzz [--seconds 1…86400] [--seed N] [--crash-dir DIR] CORPUS-DIR…\n".utf8)
            )
            exit(2)
        }
        let seeds = try FuzzSeeds.load(corpus)
        guard !seeds.packages.isEmpty else {
            FileHandle.standardError.write(Data("no .zip seeds in \(corpus.joined(separator: ", "))\n".utf8))
            exit(2)
        }
        CrashCapture.install(directory: crashDirectory)
        print(
            "fuzzing the package reader: \(seeds.packages.count) packages, \(seeds.manifests.count) manifests, "
                + "seed \(seed), \(Int(seconds)) s"
        )
        var mutator = Mutator(seed: seed)
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        var verdicts: [String: Int] = [:]
        while Date() < deadline {
            for _ in 0..<16 {
                let useManifest = runs % 4 == 3
                let pool = useManifest ? seeds.manifests : seeds.packages
                let input = mutator.mutate(pool[mutator.index(pool.count)], splice: pool[mutator.index(pool.count)])
                CrashCapture.current(input)
                if useManifest {
                    _ = try? Manifest.decode(input)
                } else {
                    let report = PackageVerifier.verify(bytes: PackageMemory(input, name: "input"), trust: .none)
                    verdicts[report.verdict.rawValue, default: 0] += 1
                }
                runs += 1
            }
        }
        CrashCapture.current(nil)
        let summary = verdicts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        print("done: \(runs) inputs, no crash, no hang (\(summary))")
    }
}

extension Array {
    fileprivate mutating func popFirst() -> Element? { isEmpty ? nil : removeFirst() }
}
