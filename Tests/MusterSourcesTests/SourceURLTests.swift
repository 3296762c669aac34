import Foundation
import MusterConfig
import MusterSources
import Testing

/// The first request of a poll, per kind, and the dates feeds write.
@Suite("Poll URLs")
struct SourceURLTests {
    @Test("RSS is polled at its url as it is")
    func rss() {
        #expect(SourceReader.firstURL(for: SourceFixture.gazette, cursor: "ignored") == "https://gazette.example/feed.xml")
    }

    @Test("Mastodon asks for 40 statuses, and only newer ones once a cursor is known")
    func mastodon() {
        let source = Source(name: "bins", kind: .mastodon, url: "https://town.example/api/v1/timelines/tag/bins?local=true&limit=20")
        #expect(SourceReader.firstURL(for: source, cursor: nil) == "https://town.example/api/v1/timelines/tag/bins?local=true&limit=40")
        #expect(SourceReader.firstURL(for: source, cursor: "113600000000001003") == "https://town.example/api/v1/timelines/tag/bins?local=true&limit=40&min_id=113600000000001003")
    }

    @Test("Bluesky asks for the latest 100, keeping the query")
    func bluesky() {
        let source = Source(name: "roads", kind: .bluesky, url: "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%23roads")
        #expect(SourceReader.firstURL(for: source, cursor: "x") == "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%23roads&sort=latest&limit=100")
    }

    @Test("a JSON API gets its since parameter, escaped, when a cursor is known")
    func json() {
        let source = Source(name: "x", kind: .json, url: "https://api.x.com/2/tweets/search/recent?query=bins", mapping: SourceMapping(sinceParameter: "since_id"))
        #expect(SourceReader.firstURL(for: source, cursor: nil) == source.url)
        #expect(SourceReader.firstURL(for: source, cursor: "19 95") == "https://api.x.com/2/tweets/search/recent?query=bins&since_id=19%2095")
        let plain = Source(name: "y", kind: .json, url: "https://api.example/p", mapping: SourceMapping())
        #expect(SourceReader.firstURL(for: plain, cursor: "5") == "https://api.example/p")
    }

    @Test("feed dates in the forms seen in the wild become the right UTC instant", arguments: [
        ("Tue, 01 Dec 2026 09:41:00 GMT", "2026-12-01T09:41:00Z"),
        ("Tue, 01 Dec 2026 09:41:00 +0000", "2026-12-01T09:41:00Z"),
        ("Tue, 1 Dec 2026 09:41:00 -0500", "2026-12-01T14:41:00Z"),
        ("01 Dec 26 09:41 EST", "2026-12-01T14:41:00Z"),
        ("Tue,01 Dec 2026 09:41:00 UT", "2026-12-01T09:41:00Z"),
        ("Tue, 02 Jun 2026 10:00:00 BST", "2026-06-02T09:00:00Z"),
        ("Tue, 02 Jun 2026 10:00:00 CEST", "2026-06-02T08:00:00Z"),
        ("Tue, 02 Jun 2026 10:00:00 GMT+01:00", "2026-06-02T09:00:00Z"),
        ("02 June 2026", "2026-06-02T00:00:00Z"),
        ("2026-12-01T09:41:00Z", "2026-12-01T09:41:00Z"),
        ("2026-12-01T09:41:00.123+01:00", "2026-12-01T08:41:00.123Z"),
        ("2026-12-01 09:41:00", "2026-12-01T09:41:00Z"),
    ])
    func dates(_ text: String, _ expected: String) throws {
        let feed = "<rss version=\"2.0\"><channel><item><guid>d</guid><title>t</title><pubDate>\(text)</pubDate></item></channel></rss>"
        let page = try SourceReader.page(of: SourceFixture.gazette, body: Data(feed.utf8), link: nil, url: "https://gazette.example/feed.xml")
        #expect(page.rejected.isEmpty, "\(text): \(page.rejected)")
        let recordedDate = try #require(page.records.first?.text("created_at"))
        // Within a millisecond: fractions of a second are decimal in the text and binary in a Date.
        #expect(abs(SourceFixture.instant(recordedDate).timeIntervalSince(SourceFixture.instant(expected))) < 0.001, "\(text) → \(recordedDate)")
    }

    @Test("impossible dates are rejected, not rolled over", arguments: ["Mon, 31 Feb 2026 09:41:00 GMT", "Tue, 01 Dec 2026 25:61:00 GMT", "Tue, 01 Dec 2026 09:41:00 XYZ", "1796200000", "soon"])
    func badDates(_ text: String) throws {
        let feed = "<rss version=\"2.0\"><channel><item><guid>d</guid><title>t</title><pubDate>\(text)</pubDate></item></channel></rss>"
        let page = try SourceReader.page(of: SourceFixture.gazette, body: Data(feed.utf8), link: nil, url: "https://gazette.example/feed.xml")
        #expect(page.count == 0)
        #expect(page.rejected.first?.reason.contains("is not a time Muster can read") == true)
    }
}
