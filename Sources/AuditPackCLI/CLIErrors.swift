import ArgumentParser
import Foundation

/// The only place errors become exit codes: the message goes to stderr, the code to the shell.
enum CLIExit {
    /// Bad flags or arguments (the README's "2 … bad flags").
    static let usage: Int32 = 2

    /// Runs `body`; a failure prints `error: …` and exits with `code`.
    static func guarding<T>(code: Int32 = 2, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("error: \(describe(error))\n".utf8))
            throw ExitCode(code)
        }
    }

    /// One warning line on stderr (standard output stays the command's result).
    static func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func describe(_ error: Error) -> String {
        if let custom = error as? CustomStringConvertible, !(error is NSError) || error is LocalizedError {
            return custom.description
        }
        return error.localizedDescription
    }
}
