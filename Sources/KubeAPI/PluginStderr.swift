import Foundation

/// What of a failed exec plugin's stderr may appear in an error: its first non-empty line, at most 200
/// characters, with every long token-like run (20+ characters of letters, digits and `+/=_.-`: JWTs, keys,
/// session tokens) replaced by `[…]` — so a plugin that prints a credential while failing cannot leak it.
enum PluginStderr {
    static func summary(_ stderr: Data) -> String {
        let text = String(decoding: stderr.prefix(4096), as: UTF8.self)
        let line =
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? ""
        var out = ""
        var run = ""
        func flush() {
            out += run.count >= 20 ? "[…]" : run
            run = ""
        }
        for character in line {
            if character.isASCII && (character.isLetter || character.isNumber || "+/=_.-".contains(character)) {
                run.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out.count > 200 ? String(out.prefix(200)) + "…" : out
    }
}
