import Foundation
import Testing

@testable import Reports

/// Risks are written without JSONEncoder (it was most of the report phase on large clusters): the bytes must be
/// exactly what `OSCAL.encoder()` writes, so packages stay byte for byte what they were.
@Suite("OSCAL: risks written directly match JSONEncoder byte for byte")
struct OSCALRiskJSONTests {
    static let awkward =
        "quote \" backslash \\ slash / tab \t newline \n return \r bell \u{7} backspace \u{8} formfeed \u{c} "
        + "unit \u{1f} nul \u{0} del \u{7f} é ✓ 😀 \u{2028}"

    static func risks() -> [OSCAL.Risk] {
        let everyControl = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        let origin = OSCAL.Origin(actors: [
            OSCAL.Actor(type: "tool", actorUuid: "a-1", roleId: nil),
            OSCAL.Actor(type: "party", actorUuid: "a-2", roleId: "assessor"),
        ])
        return [
            OSCAL.Risk(
                uuid: "u",
                title: awkward,
                description: everyControl,
                statement: "",
                props: nil,
                status: "open",
                origins: nil,
                characterizations: nil,
                remediations: nil,
                relatedObservations: nil
            ),
            OSCAL.Risk(
                uuid: "4b1c",
                title: "R1: Pod ns/name",
                description: awkward,
                statement: "C01 is not met.",
                props: [
                    OSCAL.Property(name: "rule", value: awkward, ns: "https://auditpack.dev/ns/oscal"),
                    OSCAL.Property(name: "plain", value: "v", ns: nil),
                ],
                status: "open",
                origins: [origin],
                characterizations: [
                    OSCAL.Characterization(
                        origin: origin,
                        facets: [OSCAL.Facet(name: "severity", system: "http://csrc.nist.gov/ns/oscal", value: "high")]
                    )
                ],
                remediations: [
                    OSCAL.Response(uuid: "r", lifecycle: "recommendation", title: awkward, description: "fix it"),
                    OSCAL.Response(uuid: "s", lifecycle: "planned", title: "", description: ""),
                ],
                relatedObservations: [
                    OSCAL.RelatedObservation(observationUuid: "o1"), OSCAL.RelatedObservation(observationUuid: "o2"),
                ]
            ),
            OSCAL.Risk(
                uuid: "e",
                title: "",
                description: "",
                statement: "",
                props: [],
                status: "",
                origins: [],
                characterizations: [],
                remediations: [],
                relatedObservations: []
            ),
        ]
    }

    @Test func directBytesEqualJSONEncoder() throws {
        for risk in Self.risks() {
            var json = OSCAL.JSONBytes()
            risk.write(to: &json)
            let expected = try OSCAL.encoder().encode(risk)
            #expect(
                String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                "\(risk.uuid)"
            )
            #expect(Data(json.bytes) == expected)
        }
    }

    @Test func kebabKeysAsBefore() {
        #expect(OSCAL.kebab("relatedObservations") == "related-observations")
        #expect(OSCAL.kebab("uuid") == "uuid")
        #expect(OSCAL.kebab("partyUuids") == "party-uuids")
        #expect(OSCAL.kebab("ÉtatUn") == "-état-un")
    }
}
