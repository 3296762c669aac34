import Foundation
@testable import MusterBot
import MusterTesting
import Testing

@Suite("Time windows in Europe/London")
struct TimeWindowTests {
    let parser = TimeWindowParser(local: LocalTime(timeZone: TimeZone(identifier: "Europe/London")!), grammar: try! Fixture.empty().intents.windows)

    func date(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    @Test("windows start at local midnight, weeks on Monday", arguments: [
        ("today", "2026-11-24T00:00:00Z", "2026-11-24T09:42:00Z"),
        ("yesterday", "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z"),
        ("this week", "2026-11-23T00:00:00Z", "2026-11-24T09:42:00Z"),
        ("last week", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z"),
        ("in the last 3 hours", "2026-11-24T06:42:00Z", "2026-11-24T09:42:00Z"),
        ("last 24h", "2026-11-23T09:42:00Z", "2026-11-24T09:42:00Z"),
        ("over the weekend", "2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"),
        ("since friday", "2026-11-20T00:00:00Z", "2026-11-24T09:42:00Z"),
        ("on 21 nov", "2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"),
        ("since 6am", "2026-11-24T06:00:00Z", "2026-11-24T09:42:00Z"),
        ("since lunchtime", "2026-11-23T12:00:00Z", "2026-11-24T09:42:00Z"),
        ("overnight", "2026-11-23T18:00:00Z", "2026-11-24T06:00:00Z"),
        ("last 48 hours", "2026-11-22T09:42:00Z", "2026-11-24T09:42:00Z"),
        ("the last couple of hours", "2026-11-24T07:42:00Z", "2026-11-24T09:42:00Z"),
        ("since friday", "2026-11-20T00:00:00Z", "2026-11-24T09:42:00Z"),
        ("since last tuesday", "2026-11-17T00:00:00Z", "2026-11-24T09:42:00Z"),
        ("this weekend", "2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"),
        ("since 9", "2026-11-24T09:00:00Z", "2026-11-24T09:42:00Z"),
        ("since 14:00", "2026-11-23T14:00:00Z", "2026-11-24T09:42:00Z"),
    ])
    func november(words: String, start: String, end: String) throws {
        let window = try #require(parser.window(for: words, now: Fixture.now))
        #expect(window.start == date(start))
        #expect(window.end == date(end))
    }

    @Test("local midnight moves with British Summer Time")
    func summerTime() throws {
        let now = date("2026-07-15T12:00:00Z")
        let today = try #require(parser.window(for: "today", now: now))
        #expect(today.start == date("2026-07-14T23:00:00Z"))
        let acrossTheChange = try #require(parser.window(for: "yesterday", now: date("2026-03-30T12:00:00Z")))
        #expect(acrossTheChange.start == date("2026-03-29T00:00:00Z"))
        #expect(acrossTheChange.end == date("2026-03-29T23:00:00Z"))
        #expect(acrossTheChange.duration == 23 * 3_600)
    }

    @Test("words that are not a time are refused")
    func unknown() {
        #expect(parser.window(for: "next blue moon", now: Fixture.now) == nil)
    }
}
