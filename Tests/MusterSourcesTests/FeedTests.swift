import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterSources
import Testing

/// RSS 2.0, RSS 1.0 and Atom feeds read as a comms officer would read them: headlines and text without markup,
/// authors, times in UTC, links — and items that cannot be read set aside with the reason.
@Suite("Feeds")
struct FeedTests {
    let gazette = SourceFixture.gazette

    @Test("an RSS 2.0 feed's items become posts: title, a blank line, then the article as plain text")
    func rss2() throws {
        let page = try SourceFixture.page("gazette-rss2.xml", of: gazette)
        #expect(page.count == 4)
        #expect(page.next == nil && page.newest == nil)
        let posts = try SourceFixture.posts(page)
        let strike = try #require(posts.first)
        #expect(strike.externalID == "gz-0001")
        #expect(strike.source == "news")
        #expect(strike.outlet == "Town Gazette")
        #expect(strike.author.kind == .media)
        #expect(strike.author.handle == "J. Reporter")
        #expect(strike.url == "https://gazette.example/news/bin-strike-ends")
        #expect(strike.createdAt == SourceFixture.instant("2026-12-01T09:41:00Z"))
        #expect(strike.language == "en-gb")
        // content:encoded wins over the shorter description; the style and script are gone, entities decoded.
        #expect(strike.text == """
            Bin strike ends & collections resume

            Collections resume Tuesday – the council’s crews are back after three weeks. Residents on Mill Lane say “about time”.
            """)
        #expect(!strike.text.contains("trackRead") && !strike.text.contains("color"))
    }

    @Test("escaped HTML, RSS author e-mails, numeric offsets and no seconds")
    func escapedDescription() throws {
        let road = try #require(try SourceFixture.posts(SourceFixture.page("gazette-rss2.xml", of: gazette)).first { $0.url?.hasSuffix("road-closed") == true })
        #expect(road.text == "Road closed\n\nMill Lane & Church St closed until Friday’s inspection.")
        #expect(road.author.handle == "News Desk")
        // No guid: the link is the id.
        #expect(road.externalID == "https://gazette.example/news/road-closed")
        #expect(road.createdAt == SourceFixture.instant("2026-11-30T17:05:00Z"))
    }

    @Test("an item with only media: elements and a dc:date is still read; a permalink guid is its url")
    func mediaAndDCDate() throws {
        let posts = try SourceFixture.posts(SourceFixture.page("gazette-rss2.xml", of: gazette))
        let video = try #require(posts.first { $0.externalID == "https://gazette.example/video/flood-defences" })
        #expect(video.text == "Video: flood defences tested\n\nEngineers test the River Ouse barrier.")
        #expect(video.url == "https://gazette.example/video/flood-defences")
        #expect(video.createdAt == SourceFixture.instant("2026-11-30T07:30:00Z"))
        // No creator: the outlet stands in.
        #expect(video.author.handle == "Town Gazette")
    }

    @Test("BST is British Summer Time, an hour ahead of UTC; HTML names in CDATA are decoded")
    func britishSummerTime() throws {
        let posts = try SourceFixture.posts(SourceFixture.page("gazette-rss2.xml", of: gazette))
        let budget = try #require(posts.first { $0.externalID == "https://gazette.example/news/summer-budget" })
        #expect(budget.createdAt == SourceFixture.instant("2026-06-02T09:00:00Z"))
        #expect(budget.text == "Council’s summer budget\n\nCafé owners welcome the £2m fund…")
    }

    @Test("an undated item and a badly dated one are rejected with their line and why; the rest are kept")
    func rejectedItems() throws {
        let page = try SourceFixture.page("gazette-rss2.xml", of: gazette)
        #expect(page.rejected.count == 2)
        let undated = try #require(page.rejected.first)
        #expect(undated.file == gazette.url)
        #expect(undated.line == 45)
        #expect(undated.reason == "item 4: https://gazette.example/news/undated: no date (no pubDate, published, dc:date or updated)")
        #expect(page.rejected.last?.reason == "item 5: gz-0005: the date \"yesterday at noon\" is not a time Muster can read")
    }

    @Test("a record keeps a short description of its item as raw, not the document")
    func raw() throws {
        let record = try #require(try SourceFixture.page("gazette-rss2.xml", of: gazette).records.first)
        #expect(record.raw == #"{"id":"gz-0001","title":"Bin strike ends & collections resume","link":"https://gazette.example/news/bin-strike-ends","date":"Tue, 01 Dec 2026 09:41:00 GMT"}"#)
        #expect(record.text("created_at") == "2026-12-01T09:41:00Z")
    }

    @Test("RSS 1.0 (RDF): rdf:about is the id, dc:date the time, the feed's title the author when none is named")
    func rss1() throws {
        let source = Source(name: "council", kind: .rss, url: "https://council.example/news.rdf", authorKind: .official)
        let page = try SourceFixture.page("council-rss1.rdf", of: source)
        #expect(page.rejected.isEmpty)
        let posts = try SourceFixture.posts(page)
        #expect(posts.map(\.externalID) == ["https://council.example/n/7", "https://council.example/n/8"])
        #expect(posts[0].text == "Consultation opens\n\nHave your say on the town centre plan.")
        #expect(posts[0].createdAt == SourceFixture.instant("2026-11-30T07:30:00Z"))
        #expect(posts[0].author.handle == "Council news")
        #expect(posts[0].author.kind == .official)
        #expect(posts[0].outlet == nil)
        #expect(posts[1].text == "Library hours change")
        #expect(posts[1].author.handle == "Libraries team")
    }

    @Test("Atom: XHTML content collected as text, an html title, relative links resolved, the feed's author inherited")
    func atomXHTML() throws {
        let source = Source(name: "radio", kind: .rss, url: "https://radio.example/news.atom", outlet: "Northbridge Radio")
        let page = try SourceFixture.page("radio-atom.xml", of: source)
        #expect(page.rejected.isEmpty)
        let posts = try SourceFixture.posts(page)
        #expect(posts.count == 3)
        let flood = posts[0]
        #expect(flood.externalID == "tag:radio.example,2026:42")
        #expect(flood.text == "Flood warning for the Ouse\n\nRiver Ouse rising & sandbags at the depot. Updates <hourly>.")
        #expect(flood.url == "https://radio.example/news/42")
        #expect(flood.author.handle == "Newsdesk")
        #expect(flood.createdAt == SourceFixture.instant("2026-12-01T07:00:00Z"))
        // The feed's xml:lang.
        #expect(flood.language == "en")
    }

    @Test("Atom: type=html content, the alternate link over an enclosure, published over updated, a plain summary")
    func atomHTML() throws {
        let source = Source(name: "radio", kind: .rss, url: "https://radio.example/news.atom", outlet: "Northbridge Radio")
        let posts = try SourceFixture.posts(SourceFixture.page("radio-atom.xml", of: source))
        let gritters = posts[1]
        #expect(gritters.text == "Gritters out tonight\n\nGritters will treat all A roads from 8pm — take care.")
        #expect(gritters.url == "https://radio.example/news/43")
        #expect(gritters.author.handle == "Sam Weather")
        #expect(gritters.createdAt == SourceFixture.instant("2026-11-30T21:15:00Z"))
        let market = posts[2]
        #expect(market.text == "Market moves indoors\n\nThe Saturday market moves to the Corn Exchange.")
        #expect(market.createdAt == SourceFixture.instant("2026-11-29T12:00:00.250Z"))
    }

    @Test("a long article is cut to 4,000 characters at a word, with an ellipsis")
    func longText() throws {
        let paragraph = String(repeating: "Residents of Mill Lane met the council tonight. ", count: 200)
        let feed = """
            <rss version="2.0"><channel><title>Long</title><item><guid>long-1</guid><title>A long read</title>
            <pubDate>Tue, 01 Dec 2026 09:41:00 +0000</pubDate><description>&lt;p&gt;\(paragraph)&lt;/p&gt;</description></item></channel></rss>
            """
        let page = try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url)
        let text = try #require(page.records.first?.text("text"))
        #expect(text.count <= 4_000)
        #expect(text.count > 3_900)
        #expect(text.hasPrefix("A long read\n\nResidents of Mill Lane"))
        #expect(text.hasSuffix("…"))
        #expect(!text.dropLast().hasSuffix(" "))
        #expect(String(text.dropLast()).split(separator: " ").last.map { ["Residents", "of", "Mill", "Lane", "met", "the", "council", "tonight."].contains(String($0)) } == true)
        _ = try SourceFixture.posts(page)
    }

    @Test("an empty feed is an empty page, not an error")
    func emptyFeed() throws {
        let feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>"#
        let page = try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url)
        #expect(page.count == 0 && page.rejected.isEmpty)
    }

    @Test("a byte-order mark and blank lines before the XML declaration are forgiven")
    func leadingSpace() throws {
        let feed = "\u{FEFF}\n\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><guid>a</guid><title>Hi</title><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>"
        let page = try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url)
        #expect(page.count == 1)
    }
}
