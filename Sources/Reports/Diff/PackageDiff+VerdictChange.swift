import Evaluation
import Foundation

extension PackageDiff {
    /// A control whose verdict differs; `nil` where the control was not selected in that package.
    public struct VerdictChange: Sendable, Codable, Equatable {
        public var control: String
        public var old: Verdict?
        public var new: Verdict?

        public init(control: String, old: Verdict?, new: Verdict?) {
            self.control = control
            self.old = old
            self.new = new
        }

        /// Worse than before: pass → warn, fail or not assessed; warn → fail or not assessed.
        public var isRegression: Bool {
            guard let old, let new else { return false }
            return Self.rank(new) > Self.rank(old)
        }

        static func rank(_ verdict: Verdict) -> Int {
            switch verdict {
            case .pass: return 0
            case .warn: return 1
            case .fail, .notAssessed: return 2
            }
        }

        enum CodingKeys: String, CodingKey { case control, old, new, regression }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            control = try container.decode(String.self, forKey: .control)
            old = try container.decodeIfPresent(Verdict.self, forKey: .old)
            new = try container.decodeIfPresent(Verdict.self, forKey: .new)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(control, forKey: .control)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
            try container.encode(isRegression, forKey: .regression)
        }
    }
}
