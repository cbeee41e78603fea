import Foundation
import KubeAPI
import Testing

/// The byte walker decodes JSON string escapes itself (a JSONDecoder per string was most of the redaction
/// pre-check): it must give what JSONDecoder gives, and nil (fail closed) where JSONDecoder fails.
@Suite("ByteScan: string escapes decoded as JSONDecoder decodes them")
struct ByteScanUnescapeTests {
    static let valid = [
        #"plain"#, #"quote \" and backslash \\ and slash \/"#, #"\b\f\n\r\t"#, #"\u0041\u00e9\u2713"#,
        #"pair \ud83d\ude00 end"#, #"{\"kind\":\"Secret\",\"data\":{\"k\":\"dg==\"}}"#, "é✓😀 raw", "",
        #"\u0000 nul"#, #"mixed \"x\" \uD83D\uDE00"#,
    ]
    static let invalid = [
        #"bad \x escape"#, #"cut \u12"#, #"lone \ud83d high"#, #"lone \ude00 low"#, #"trailing \"#,
        "raw \u{1} control", #"bad hex \u12g4"#,
    ]

    static func decode(_ inner: String) -> String? {
        var text = inner
        return text.withUTF8 { ByteScan.unescape(UnsafeRawBufferPointer($0)) }
    }

    @Test(arguments: valid)
    func validStringsDecodeAsJSONDecoderDecodesThem(_ inner: String) throws {
        let expected = try JSONDecoder().decode(String.self, from: Data("\"\(inner)\"".utf8))
        #expect(Self.decode(inner) == expected)
    }

    @Test(arguments: invalid)
    func invalidStringsFailClosed(_ inner: String) {
        #expect(Self.decode(inner) == nil)
    }
}
