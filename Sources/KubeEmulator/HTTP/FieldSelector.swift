import Foundation

/// A parsed `fieldSelector`: `field=value`, `field==value`, `field!=value`, comma-joined.
struct FieldSelector: Sendable {
    struct Requirement: Sendable {
        var field: String
        var value: String
        var negated: Bool
    }

    let requirements: [Requirement]

    /// Parses `text`; unknown field labels are refused like the API server does.
    init(_ text: String) throws {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let term = part.trimmingCharacters(in: .whitespaces)
            let requirement: Requirement
            if let range = term.range(of: "!=") {
                requirement = Requirement(
                    field: String(term[..<range.lowerBound]),
                    value: String(term[range.upperBound...]),
                    negated: true
                )
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                requirement = Requirement(
                    field: String(term[..<range.lowerBound]),
                    value: String(term[range.upperBound...]),
                    negated: false
                )
            } else {
                throw SelectorError("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let field = requirement.field.trimmingCharacters(in: .whitespaces)
            guard
                field == "metadata.name" || field == "metadata.namespace"
                    || StoredObject.selectableFields.contains(field)
            else {
                throw SelectorError("field label not supported: \(field)")
            }
            requirements.append(Requirement(field: field, value: requirement.value, negated: requirement.negated))
        }
        self.requirements = requirements
    }

    func matches(_ fields: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            ((fields[requirement.field] ?? "") == requirement.value) != requirement.negated
        }
    }
}
