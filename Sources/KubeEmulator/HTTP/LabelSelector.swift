import Foundation

/// A parsed `labelSelector`: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`,
/// comma-joined (all must hold).
struct LabelSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
        case greaterThan(String, Int)
        case lessThan(String, Int)
    }

    let requirements: [Requirement]

    /// Parses `text`; throws a message like the API server's for malformed selectors.
    init(_ text: String) throws {
        requirements = try Self.splitTopLevel(text).map(Self.requirement)
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            case .greaterThan(let key, let bound): return labels[key].flatMap { Int($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): return labels[key].flatMap { Int($0) }.map { $0 < bound } ?? false
            }
        }
    }

    /// Splits at commas outside parentheses; empty text gives no requirements.
    private static func splitTopLevel(_ text: String) throws -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(":
                depth += 1
            case ")":
                depth -= 1
                if depth < 0 { throw SelectorError("unable to parse requirement: unexpected \")\" in \"\(text)\"") }
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default:
                break
            }
            current.append(character)
        }
        if depth != 0 { throw SelectorError("unable to parse requirement: unclosed \"(\" in \"\(text)\"") }
        parts.append(current)
        let trimmed = parts.map { $0.trimmingCharacters(in: .whitespaces) }
        if trimmed == [""] { return [] }
        if trimmed.contains("") { throw SelectorError("unable to parse requirement: empty requirement in \"\(text)\"") }
        return trimmed
    }

    private static func requirement(_ text: String) throws -> Requirement {
        if text.hasPrefix("!") {
            return .doesNotExist(try key(String(text.dropFirst())))
        }
        let setPattern = #/^(\S+)\s+(in|notin)\s*\((.*)\)$/#
        if let match = text.wholeMatch(of: setPattern) {
            let values = Set(
                match.3.split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            )
            let name = try key(String(match.1))
            return match.2 == "in" ? .isIn(name, values) : .notIn(name, values)
        }
        for op in ["!=", "==", "=", ">", "<"] {
            guard let range = text.range(of: op) else { continue }
            let name = try key(String(text[..<range.lowerBound]))
            let value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !value.contains(" ") else { throw SelectorError("invalid label value: \"\(value)\"") }
            switch op {
            case "!=": return .notEquals(name, value)
            case ">": return .greaterThan(name, try integer(value))
            case "<": return .lessThan(name, try integer(value))
            default: return .equals(name, value)
            }
        }
        return .exists(try key(text))
    }

    private static func integer(_ value: String) throws -> Int {
        guard let number = Int(value) else {
            throw SelectorError("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer")
        }
        return number
    }

    private static func key(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || "()!=<>,".contains($0) }) else {
            throw SelectorError("unable to parse requirement: invalid label key \"\(name)\"")
        }
        return name
    }
}
