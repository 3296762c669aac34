import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterSources
import Testing

/// What each kind of source answers, read as a person would want the posts: the words without the markup, the
/// author, the time, the link — and the hostile documents refused.
@Suite("reading sources")
struct SourceReaderTests {
    static let now = Date()

    /// The posts a page makes, through the same mapping as `muster ingest`.
    func posts(_ page: SourcePage) throws -> [Post] {
        let mapping = FieldMapping(defaultSource: "import", now: Self.now)
        return try page.records.map { try mapping.post(from: $0) }
    }

    func read(_ source: Source, _ body: String, link: String? = nil) throws -> SourcePage {
        try SourceReader.page(of: source, body: Data(body.utf8), link: link, url: source.url)
    }

    let gazette = Source(name: "gazette", kind: .rss, url: "https://gazette.example/rss", outlet: "Northbridge Gazette")

    @Test("RSS 2.0: dc:creator, CDATA and entities, HTML turned to text, the guid and link, an RFC 822 date; an item without a date is rejected with its reason")
    func rss2() throws {
        let page = try read(gazette, """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:media="http://search.yahoo.com/mrss/">
              <channel><title>Northbridge Gazette</title><link>https://gazette.example/</link>
                <item>
                  <title>Bins &amp; recycling: extra rounds in Riverside</title>
                  <link>https://gazette.example/news/bins-extra-rounds</link>
                  <guid isPermaLink="false">gazette-4411</guid>
                  <dc:creator>Sam O&#8217;Neill</dc:creator>
                  <pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate>
                  <description><![CDATA[<p>Crews will work <b>Saturday</b> &ndash; the council&#8217;s words.</p><script>track()</script>]]></description>
                  <content:encoded><![CDATA[<p>The whole article, much longer.</p>]]></content:encoded>
                  <media:thumbnail url="https://gazette.example/a.jpg"/>
                </item>
                <item><title>No date here</title><guid>gazette-4412</guid></item>
              </channel>
            </rss>
            """)
        #expect(page.count == 1)
        #expect(page.rejected.map(\.reason) == ["\"No date here\": no date (pubDate, dc:date, published or updated)"])
        let post = try #require(try posts(page).first)
        #expect(post.text == "Bins & recycling: extra rounds in Riverside\n\nCrews will work Saturday – the council’s words.")
        #expect(post.externalID == "gazette-4411" && post.url == "https://gazette.example/news/bins-extra-rounds")
        #expect(post.author.name == "Sam O’Neill" && post.author.kind == .media && post.outlet == "Northbridge Gazette" && post.source == "news")
        #expect(post.createdAt == (try Date("2026-12-01T09:41:00Z", strategy: .iso8601)))
    }

    @Test("RSS 1.0 (RDF): the item's rdf:about is its id, dc:date its time")
    func rss1() throws {
        let page = try read(gazette, """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://gazette.example/"><title>Gazette</title></channel>
              <item rdf:about="https://gazette.example/news/1">
                <title>Flood warning for the River Nor</title><link>https://gazette.example/news/1</link>
                <description>The Environment Agency has issued a warning.</description>
                <dc:date>2026-12-01T08:00:00+00:00</dc:date><dc:creator>Priya Shah</dc:creator>
              </item>
            </rdf:RDF>
            """)
        let post = try #require(try posts(page).first)
        #expect(post.externalID == "https://gazette.example/news/1" && post.author.name == "Priya Shah")
        #expect(post.text == "Flood warning for the River Nor\n\nThe Environment Agency has issued a warning.")
        #expect(post.createdAt == (try Date("2026-12-01T08:00:00Z", strategy: .iso8601)))
    }

    @Test("Atom: XHTML and HTML content read as text, the alternate link, the author's name only, published before updated")
    func atom() throws {
        let police = Source(name: "police", kind: .rss, url: "https://police.example/news.atom", authorKind: .partner)
        let page = try read(police, """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Nor Valley Police</title><id>urn:feed</id><updated>2026-12-01T10:00:00Z</updated>
              <entry>
                <title type="text">Road closed on Mill Lane</title>
                <link rel="self" href="https://police.example/api/1"/>
                <link rel="alternate" type="text/html" href="https://police.example/news/mill-lane"/>
                <id>urn:uuid:1225c695</id>
                <published>2026-12-01T09:30:00Z</published><updated>2026-12-01T09:45:00Z</updated>
                <author><name>Inspector Jones</name><email>press@police.example</email></author>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Mill Lane is <em>closed</em>.</p><p>Avoid the area.</p></div></content>
              </entry>
              <entry>
                <title>Appeal for witnesses</title><id>urn:uuid:2</id><updated>2026-12-01T07:00:00Z</updated>
                <summary type="html">&lt;p&gt;Call &lt;b&gt;101&lt;/b&gt; &amp;amp; quote 123.&lt;/p&gt;</summary>
              </entry>
            </feed>
            """)
        let found = try posts(page)
        #expect(found.count == 2)
        #expect(found[0].text == "Road closed on Mill Lane\n\nMill Lane is closed. Avoid the area.")
        #expect(found[0].url == "https://police.example/news/mill-lane" && found[0].author.name == "Inspector Jones" && found[0].author.kind == .partner)
        #expect(found[0].createdAt == (try Date("2026-12-01T09:30:00Z", strategy: .iso8601)))
        #expect(found[1].text == "Appeal for witnesses\n\nCall 101 & quote 123.")
        #expect(found[1].author.name == "Nor Valley Police", "an entry without an author is the feed's")
    }

    @Test("an entity-expansion bomb and an external entity are refused before parsing, and nothing of the file is read")
    func hostile() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
            <rss version="2.0"><channel><item><title>&lol2;</title><guid>1</guid></item></channel></rss>
            """
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&secret;</title><guid>1</guid><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate></item></channel></rss>
            """
        for body in [bomb, xxe] {
            #expect {
                _ = try read(gazette, body)
            } throws: { error in
                "\(error)".contains("declares XML entities") && !"\(error)".contains("root:")
            }
        }
    }

    @Test("malformed XML and a document that is not a feed are errors that say so")
    func malformed() throws {
        #expect {
            _ = try read(gazette, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>unclosed</channel></rss>")
        } throws: { error in
            "\(error)".contains("not well-formed XML")
        }
        #expect {
            _ = try read(gazette, "<?xml version=\"1.0\"?><html><body>Not found</body></html>")
        } throws: { error in
            "\(error)".contains("not an RSS or Atom feed")
        }
    }

    @Test("a large feed is read item by item: 20,000 items")
    func large() throws {
        var xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>"
        for item in 0..<20_000 {
            xml += "<item><title>Story \(item)</title><guid>\(item)</guid><pubDate>Tue, 01 Dec 2026 09:41:00 GMT</pubDate><description>&lt;p&gt;Words&lt;/p&gt;</description></item>"
        }
        xml += "</channel></rss>"
        let page = try read(gazette, xml)
        #expect(page.count == 20_000 && page.rejected.isEmpty)
    }

    @Test("Mastodon: HTML content as text, a boost read as the post it boosts, the newest id kept, the Link header's next page")
    func mastodon() throws {
        let source = Source(name: "mastodon", kind: .mastodon, url: "https://town.example/api/v1/timelines/tag/bins")
        #expect(SourceReader.firstURL(for: source, cursor: nil) == "https://town.example/api/v1/timelines/tag/bins?limit=40")
        #expect(SourceReader.firstURL(for: source, cursor: "114") == "https://town.example/api/v1/timelines/tag/bins?limit=40&min_id=114")
        let page = try read(source, """
            [{"id": "114000000000000099", "created_at": "2026-12-01T09:00:00.000Z", "url": "https://town.example/@jo/114000000000000099",
              "content": "<p>Bins <span class=\\"invisible\\">not</span> collected on <a href=\\"https://town.example/tags/bins\\">#bins</a></p>",
              "spoiler_text": "", "language": "en", "in_reply_to_id": null, "reblog": null, "replies_count": 1, "reblogs_count": 2, "favourites_count": 3,
              "account": {"acct": "jo@town.example", "display_name": "Jo"}},
             {"id": "114000000000000100", "created_at": "2026-12-01T09:05:00.000Z", "content": "", "reblog":
                {"id": "113", "created_at": "2026-12-01T08:00:00.000Z", "url": "https://other.example/@sam/113", "content": "<p>Riverside flooded</p>",
                 "spoiler_text": "Flooding", "account": {"acct": "sam@other.example", "display_name": "Sam"}},
              "account": {"acct": "jo@town.example", "display_name": "Jo"}}]
            """, link: #"<https://town.example/api/v1/timelines/tag/bins?max_id=114000000000000099>; rel="next", <https://town.example/api/v1/timelines/tag/bins?min_id=114000000000000100>; rel="prev""#)
        #expect(page.next == "https://town.example/api/v1/timelines/tag/bins?max_id=114000000000000099")
        #expect(page.newest == "114000000000000100")
        let found = try posts(page)
        #expect(found[0].text == "Bins not collected on #bins" && found[0].author.handle == "jo@town.example" && found[0].engagement.likes == 3)
        #expect(found[1].text == "Flooding\n\nRiverside flooded" && found[1].author.handle == "sam@other.example" && found[1].externalID == "113")
    }

    @Test("Bluesky: the post's web address, the earlier of its two times, the cursor's next page")
    func bluesky() throws {
        let source = Source(name: "bluesky", kind: .bluesky, url: "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=northbridge")
        let first = SourceReader.firstURL(for: source, cursor: nil)
        #expect(first.contains("q=northbridge") && first.contains("sort=latest") && first.contains("limit=100"))
        let page = try SourceReader.page(of: source, body: Data("""
            {"posts": [{"uri": "at://did:plc:abc/app.bsky.feed.post/3kxyz", "cid": "bafy",
              "author": {"did": "did:plc:abc", "handle": "resident.bsky.social", "displayName": "A Resident"},
              "record": {"text": "Northbridge bins again", "createdAt": "2030-01-01T00:00:00Z", "langs": ["en"]},
              "indexedAt": "2026-12-01T09:00:00.000Z", "likeCount": 4, "repostCount": 1, "replyCount": 0}],
             "cursor": "abc123"}
            """.utf8), link: nil, url: first)
        let post = try #require(try posts(page).first)
        #expect(post.url == "https://bsky.app/profile/did:plc:abc/post/3kxyz" && post.author.handle == "resident.bsky.social")
        #expect(post.createdAt == (try Date("2026-12-01T09:00:00Z", strategy: .iso8601)), "a claimed time in 2030 gives way to when it was seen")
        #expect(page.next?.contains("cursor=abc123") == true && page.next?.contains("q=northbridge") == true)
    }

    @Test("a mapped JSON API: X's recent search and a Graph API page, through dotted paths and the ingest aliases")
    func mapped() throws {
        let x = Source(
            name: "x", kind: .json, url: "https://api.x.com/2/tweets/search/recent?query=northbridge", postSource: "x",
            mapping: SourceMapping(items: "data", fields: ["author": "author_id", "likes": "public_metrics.like_count"], next: "meta.next_token", nextParameter: "pagination_token", sinceParameter: "since_id")
        )
        #expect(SourceReader.firstURL(for: x, cursor: "1860") == "https://api.x.com/2/tweets/search/recent?query=northbridge&since_id=1860")
        let page = try read(x, """
            {"data": [{"id": "1861", "text": "bins!", "created_at": "2026-12-01T09:00:00.000Z", "author_id": "42", "public_metrics": {"like_count": 7}},
                      {"id": "1862", "text": "more bins", "created_at": "2026-12-01T09:01:00.000Z", "author_id": "43", "public_metrics": {"like_count": 0}}],
             "meta": {"newest_id": "1862", "next_token": "t0k"}}
            """)
        #expect(page.newest == "1862" && page.next == "https://api.x.com/2/tweets/search/recent?query=northbridge&pagination_token=t0k")
        let tweets = try posts(page)
        #expect(tweets.map(\.author.handle) == ["42", "43"] && tweets[0].engagement.likes == 7 && tweets[0].source == "x")
        #expect(try read(x, #"{"meta": {"result_count": 0}}"#).count == 0, "no data is an empty page")

        let graph = Source(name: "facebook", kind: .json, url: "https://graph.facebook.com/v19.0/123/feed", postSource: "facebook",
                           mapping: SourceMapping(items: "data", fields: ["text": "message", "created_at": "created_time", "author": "from.name"], next: "paging.next"))
        let comments = try read(graph, """
            {"data": [{"id": "123_456", "message": "When will the road reopen?", "created_time": "2026-12-01T09:00:00+0000", "from": {"name": "Pat", "id": "9"}}],
             "paging": {"next": "https://graph.facebook.com/v19.0/123/feed?after=QVFI"}}
            """)
        #expect(comments.next == "https://graph.facebook.com/v19.0/123/feed?after=QVFI")
        let comment = try #require(try posts(comments).first)
        #expect(comment.text == "When will the road reopen?" && comment.author.handle == "Pat" && comment.externalID == "123_456")
        #expect {
            _ = try read(graph, "<html>not json</html>")
        } throws: { error in
            "\(error)".contains("not valid JSON")
        }
    }
}
