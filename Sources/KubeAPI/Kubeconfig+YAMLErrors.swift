import Foundation
import Yams

extension Kubeconfig {
    /// A YAML error as the file's line and column and libyaml's fixed problem text — never the content:
    /// Yams' own description quotes the offending line, which in a kubeconfig may hold a token or key.
    static func yamlProblem(_ error: Error) -> String {
        guard let yaml = error as? YamlError else { return "not valid YAML" }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) from line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return "not valid YAML at line \(mark.line), column \(mark.column): \(problem)\(during)"
        case .reader(let problem, let offset, _, _):
            return "not readable as YAML text (\(problem)\(offset.map { " at byte \($0)" } ?? ""))"
        case .duplicatedKeysInMapping(_, let context):
            return "not valid YAML: a key appears twice in the mapping at line \(context.mark.line), "
                + "column \(context.mark.column)"
        case .dataCouldNotBeDecoded:
            return "not UTF-8 text"
        default:
            return "not valid YAML"
        }
    }
}
