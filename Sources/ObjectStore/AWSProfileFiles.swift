import Foundation

/// `~/.aws/credentials` and `~/.aws/config` (or `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`): INI
/// sections of `key = value`. In config, profiles are `[profile NAME]` (but `[default]`); in credentials,
/// `[NAME]`. Errors name the file and line, never a value.
enum AWSProfileFiles {
    static func sections(in text: String, file: String) throws -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw S3Error.credentialsUnreadable(
                        source: file,
                        reason: "line \(number + 1) opens a section it never closes"
                    )
                }
                current = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                sections[current!, default: [:]] = sections[current!] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                // Continuation lines (nested settings such as s3 =) are not needed for credentials.
                if rawLine.first == " " || rawLine.first == "\t" { continue }
                throw S3Error.credentialsUnreadable(source: file, reason: "line \(number + 1) is not key = value")
            }
            guard let section = current else {
                throw S3Error.credentialsUnreadable(source: file, reason: "line \(number + 1) is outside any [profile]")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[section]?[key] = value
        }
        return sections
    }

    /// The settings of `profile`: credentials file first, then config (`[profile NAME]` / `[default]`).
    static func settings(profile: String, environment: [String: String], home: String) throws -> [String: String]? {
        let credentialsFile = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        let configFile = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        var merged: [String: String]?
        if let text = try read(configFile) {
            let sections = try sections(in: text, file: configFile)
            if let found = sections[profile == "default" ? "default" : "profile \(profile)"] ?? sections[profile] {
                merged = found
            }
        }
        if let text = try read(credentialsFile), let found = try sections(in: text, file: credentialsFile)[profile] {
            merged = (merged ?? [:]).merging(found) { $1 }
        }
        return merged
    }

    static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw S3Error.credentialsUnreadable(source: path, reason: "the file cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
