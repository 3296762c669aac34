import Foundation
@testable import MusterIngest
import Testing

@Suite("Timestamps in exports")
struct DateParserTests {
    static let expected = try! Date("2026-11-24T09:42:00Z", strategy: .iso8601)

    @Test("every accepted form of 09:42 UTC on 24 Nov 2026 reads the same", arguments: [
        "2026-11-24T09:42:00Z", "2026-11-24T09:42:00.000Z", "2026-11-24T10:42:00+01:00", "2026-11-24T09:42:00",
        "2026-11-24 09:42:00", "2026-11-24 09:42", "2026-11-24 04:42:00-0500", "Tue Nov 24 09:42:00 +0000 2026",
        "Tue, 24 Nov 2026 09:42:00 GMT", "Tue, 24 Nov 2026 10:42:00 +0100", "1795513320", "1795513320000",
    ])
    func forms(text: String) {
        #expect(DateParser.date(from: text) == Self.expected)
    }

    @Test("numbers read as Unix seconds or milliseconds")
    func numbers() {
        #expect(DateParser.date(from: NSNumber(value: 1_795_513_320)) == Self.expected)
        #expect(DateParser.date(from: NSNumber(value: 1_795_513_320_000.0)) == Self.expected)
    }

    @Test("things that are not times are refused", arguments: ["last tuesday", "2026-13-01", "2026-02-30 10:00", "", "-5", "Tue Nov 24"])
    func refused(text: String) {
        #expect(DateParser.date(from: text) == nil)
    }
}
