import Foundation

/// `--controls C01,c05`: the set of upper-cased ids, nil when the flag is absent (all controls).
enum ControlList {
    static func parse(_ flag: String?) -> Set<String>? {
        flag.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }) }
    }
}
