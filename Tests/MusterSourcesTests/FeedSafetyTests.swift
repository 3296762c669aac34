import Foundation
import MusterConfig
import MusterCore
import MusterSources
import Testing

/// Feeds are strangers' input: a document that declares entities is refused before it is parsed, a broken one is
/// refused whole with where it broke, and a large one is read item by item without building a tree.
@Suite("Feed safety")
struct FeedSafetyTests {
    let gazette = SourceFixture.gazette

    func refusal(_ fixture: String) throws -> MusterError {
        do {
            let page = try SourceFixture.page(fixture, of: gazette)
            Issue.record("\(fixture) was read (\(page.count) records: \(page.records.map { $0.text("text") ?? "" }))")
            return MusterError("")
        } catch let error as MusterError {
            return error
        }
    }

    @Test("an entity-expansion bomb is refused at once, with the reason")
    func bomb() throws {
        let clock = ContinuousClock()
        var error = MusterError("")
        let elapsed = try clock.measure { error = try refusal("entity-bomb.xml") }
        #expect(error.message == "the feed declares XML entities, which Muster refuses (they can expand without limit or read local files)")
        #expect(elapsed < .milliseconds(500))
    }

    @Test("an external entity (XXE) is refused, and nothing of /etc/passwd reaches a record or the message")
    func externalEntity() throws {
        let error = try refusal("xxe.xml")
        #expect(error.message.contains("declares XML entities"))
        #expect(!error.description.contains("root:"))
    }

    @Test("an entity declaration behind comments and processing instructions, or in UTF-16, is still found")
    func hiddenDeclaration() throws {
        // The comment inside the DOCTYPE holds "] >", which a scan that did not skip comments would take for its end.
        let feed = """
            <?xml version="1.0"?><!-- <rss> --><?pi <x> ?><!DOCTYPE rss [<!-- ] > --><!ENTITY x SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><guid>x</guid><title>&x;</title><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>
            """
        #expect(throws: MusterError.self) { try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url) }
        let utf16 = Data(feed.replacingOccurrences(of: "<?xml version=\"1.0\"?>", with: "").utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(throws: MusterError.self) { try SourceReader.page(of: gazette, body: Data([0xFE, 0xFF]) + utf16, link: nil, url: gazette.url) }
    }

    @Test("a DOCTYPE without entities (RSS 0.91's) is read as usual, and its DTD is never fetched")
    func harmlessDoctype() throws {
        let feed = """
            <?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><item><title>Still news</title><link>https://old.example/1</link><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>
            """
        let page = try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url)
        #expect(page.count == 1)
    }

    @Test("bytes that are not UTF-8 in a tag name are refused, not a crash (FoundationXML force-unwraps such a name)")
    func invalidUTF8InName() throws {
        var feed = Data(#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><title>T</title><e"#.utf8)
        feed += Data([0xDF]) + Data(#"ntry>1</e"#.utf8) + Data([0xDF]) + Data(#"ntry><guid>g</guid><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>"#.utf8)
        // Read as Windows-1252, the byte is "ß": a well-formed, if odd, element, which the reader ignores.
        let page = try SourceReader.page(of: gazette, body: feed, link: nil, url: gazette.url)
        #expect(page.count == 1)
    }

    @Test("feeds in Latin-1, Windows-1252 mislabelled UTF-8, UTF-8 mislabelled Latin-1, and UTF-16 read the same", arguments: ["latin1", "cp1252", "utf8-as-latin1", "utf16"])
    func encodings(_ form: String) throws {
        let item = "<item><guid>e</guid><title>Caf\u{E9} \u{2018}open\u{2019}</title><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item>"
        let body: Data
        switch form {
        case "latin1":
            body = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>" + item.replacingOccurrences(of: "\u{2018}open\u{2019}", with: "open") + "</channel></rss>").data(using: .isoLatin1)!
        case "cp1252":
            body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>" + item + "</channel></rss>").data(using: .windowsCP1252)!
        case "utf8-as-latin1":
            body = Data(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>" + item + "</channel></rss>").utf8)
        default:
            body = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>" + item + "</channel></rss>").data(using: .utf16)!
        }
        let page = try SourceReader.page(of: gazette, body: body, link: nil, url: gazette.url)
        #expect(page.records.first?.text("text") == (form == "latin1" ? "Café open" : "Café ‘open’"))
    }

    @Test("processing instructions, which FoundationXML crashes on when they have no data, are dropped", arguments: [
        #"<?xml?><rss version="2.0"><channel><item><guid>p</guid><title>PI</title><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>"#,
        #"<rss version="2.0"><?x?><channel><item><guid>p</guid><?y data?><title>PI</title><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>"#,
    ])
    func processingInstructions(_ feed: String) throws {
        let page = try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url)
        #expect(page.records.first?.text("text") == "PI")
    }

    @Test("a DOCTYPE with other declarations (ATTLIST, which FoundationXML crashes on when #IMPLIED) is refused")
    func attributeDeclaration() throws {
        let feed = #"<!DOCTYPE rss [<!ATTLIST rss version CDATA #IMPLIED>]><rss version="2.0"><channel></channel></rss>"#
        #expect(throws: MusterError.self) { try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url) }
    }

    @Test("malformed XML (mismatched tags) is refused whole, saying where")
    func malformed() throws {
        let error = try refusal("malformed.xml")
        #expect(error.message.hasPrefix("the feed is not well-formed XML: tags do not match, at line 1"))
    }

    @Test("HTML names and bare ampersands outside CDATA, which libxml2 refuses, are repaired rather than losing the feed")
    func repairedReferences() throws {
        let source = Source(name: "chronicle", kind: .rss, url: "https://chronicle.example/rss", authorKind: .media)
        let page = try SourceFixture.page("repairable-rss2.xml", of: source)
        let post = try #require(try SourceFixture.posts(page).first)
        #expect(post.text == "Fish & Chips night at the Café “Neptune”\n\nTickets £5 — see the site &bogus; & more")
        #expect(post.url == "https://chronicle.example/story?id=7&section=local")
        #expect(post.author.handle == "Northbridge Chronicle – Local")
    }

    @Test("a truncated feed is refused, though libxml2 recovers and reports success")
    func truncated() throws {
        let error = try refusal("truncated.xml")
        #expect(error.message.hasPrefix("the feed is not well-formed XML"))
    }

    @Test("a web page is not a feed", arguments: ["not-a-feed.html"])
    func notAFeed(_ fixture: String) throws {
        let error = try refusal(fixture)
        #expect(error.message == "the document is not a feed: its root element is <html>, not <rss>, <rdf:RDF> or <feed>")
    }

    @Test("an empty answer is refused", arguments: ["", "   \n"])
    func empty(_ body: String) throws {
        #expect(throws: MusterError.self) { try SourceReader.page(of: gazette, body: Data(body.utf8), link: nil, url: gazette.url) }
    }

    @Test("a 50 MB feed is read item by item: every item counted, in reasonable time")
    func large() throws {
        let paragraph = String(repeating: "Collections on Mill Lane resume on Tuesday &amp; crews are back. ", count: 60)
        var feed = #"<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big</title>"#
        var count = 0
        while feed.utf8.count < 50_000_000 {
            count += 1
            feed += "<item><guid>big-\(count)</guid><title>Item \(count)</title><dc:creator>Desk</dc:creator><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate><description><![CDATA[<p>\(paragraph)</p>]]></description></item>\n"
        }
        feed += "</channel></rss>"
        let page = try SourceReader.page(of: gazette, body: Data(feed.utf8), link: nil, url: gazette.url)
        #expect(page.count == count)
        #expect(page.rejected.isEmpty)
        #expect(page.records.last?.text("id") == "big-\(count)")
        #expect((page.records.last?.raw.utf8.count ?? .max) < 300)
    }
}
