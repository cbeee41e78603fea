import Foundation

/// The encoder behind the JSON of `diff` and `timeline`: sorted keys, pretty-printed, slashes unescaped.
enum SeriesJSON {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
