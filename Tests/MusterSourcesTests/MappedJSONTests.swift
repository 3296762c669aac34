import Foundation
import MusterConfig
import MusterCore
import MusterSources
import Testing

/// JSON APIs read through a source's mapping: X's recent search and a Facebook Page's feed as examples.
@Suite("Mapped JSON sources")
struct MappedJSONTests {
    let x = Source(
        name: "x-council", kind: .json, url: "https://api.x.com/2/tweets/search/recent?query=%40TownCouncil", postSource: "x",
        mapping: SourceMapping(
            items: "data",
            fields: ["author": "author_id", "likes": "public_metrics.like_count", "shares": "public_metrics.retweet_count", "replies": "public_metrics.reply_count", "reply_to": "referenced_tweets.0.id"],
            next: "meta.next_token", nextParameter: "pagination_token", sinceParameter: "since_id"
        )
    )
    let graph = Source(
        name: "facebook", kind: .json, url: "https://graph.facebook.com/v19.0/111/feed?fields=id,message,created_time,from",
        authorKind: .public, mapping: SourceMapping(items: "data", fields: ["author": "from.name", "created_at": "created_time", "url": "permalink_url"], next: "paging.next")
    )

    @Test("X: mapped paths (nested and indexed) and passed-through members make posts")
    func xPosts() throws {
        let page = try SourceFixture.page("x-recent-search.json", of: x)
        let posts = try SourceFixture.posts(page)
        #expect(posts.count == 2)
        let first = posts[0]
        #expect(first.externalID == "1995000000000000002")
        // The source's own `source`, not the tweet's "Twitter for iPhone".
        #expect(first.source == "x")
        #expect(first.author.handle == "42")
        #expect(first.text == "@TownCouncil when are bins collected? and why so late")
        #expect(first.createdAt == SourceFixture.instant("2026-12-01T09:10:00Z"))
        #expect(first.engagement == Engagement(likes: 3, shares: 1, replies: 0, reach: 0))
        #expect(first.replyTo == "1995000000000000001")
        #expect(first.threadID == "1995000000000000001")
        #expect(first.language == "en")
        #expect(page.rejected.map(\.reason) == ["item 3: is a string, not a JSON object"])
    }

    @Test("X: the next page carries next_token as pagination_token; newest is the greatest id as a number")
    func xPaging() throws {
        let page = try SourceFixture.page("x-recent-search.json", of: x, url: x.url + "&pagination_token=old")
        #expect(page.next == "https://api.x.com/2/tweets/search/recent?query=%40TownCouncil&pagination_token=b26v89c19zqg8o3f%2B%2F%3D")
        #expect(page.newest == "1995000000000000002")
        // A search that found nothing has no `data` at all: an empty page.
        let none = try SourceReader.page(of: x, body: Data(#"{"meta":{"result_count":0}}"#.utf8), link: nil, url: x.url)
        #expect(none.count == 0 && none.next == nil && none.newest == nil)
    }

    @Test("Facebook Graph: from.name as author, created_time read, paging.next as the next URL")
    func graphPosts() throws {
        let page = try SourceFixture.page("graph-page-feed.json", of: graph)
        #expect(page.count == 2)
        let posts = [try SourceFixture.mapping.post(from: page.records[0])]
        #expect(posts[0].externalID == "111_222")
        #expect(posts[0].source == "facebook")
        #expect(posts[0].author.handle == "A Resident")
        #expect(posts[0].text == "Thanks for the update on the bins")
        #expect(posts[0].url == "https://www.facebook.com/111/posts/222")
        #expect(posts[0].createdAt == SourceFixture.instant("2026-11-30T09:20:00Z"))
        #expect(page.next == "https://graph.facebook.com/v19.0/111/feed?fields=id,message,created_time,from&limit=25&after=QVFIUnZ")
        #expect(page.newest == nil)
        // A photo post with no message is read, and ingest says why it makes no post.
        #expect(throws: MusterError.self) { try SourceFixture.mapping.post(from: page.records[1]) }
    }

    @Test("a relative next link is resolved against the URL requested; the body can be the list itself")
    func relativeNext() throws {
        let source = Source(name: "api", kind: .json, url: "https://api.example/v1/posts?page=1", mapping: SourceMapping(items: "posts", next: "links.next"))
        let body = #"{"posts":[{"id":1,"text":"a","created_at":"2026-12-01T09:00:00Z"}],"links":{"next":"/v1/posts?page=2"}}"#
        let page = try SourceReader.page(of: source, body: Data(body.utf8), link: nil, url: source.url)
        #expect(page.count == 1)
        #expect(page.next == "https://api.example/v1/posts?page=2")
        #expect(try SourceFixture.posts(page).first?.source == "api")
        let bare = Source(name: "bare", kind: .json, url: "https://api.example/all", mapping: SourceMapping())
        let list = try SourceReader.page(of: bare, body: Data(#"[{"id":"7","body":"b","timestamp":1796200000}]"#.utf8), link: nil, url: bare.url)
        #expect(try SourceFixture.posts(list).first?.text == "b")
    }

    @Test("an answer of the wrong shape, not JSON, or a source with no mapping is refused whole")
    func refused() throws {
        #expect(throws: MusterError.self) { try SourceReader.page(of: x, body: Data("<html>".utf8), link: nil, url: x.url) }
        #expect(throws: MusterError.self) { try SourceReader.page(of: x, body: Data(#"{"data":{"id":"1"}}"#.utf8), link: nil, url: x.url) }
        let unmapped = Source(name: "raw", kind: .json, url: "https://api.example/")
        #expect(throws: MusterError.self) { try SourceReader.page(of: unmapped, body: Data("[]".utf8), link: nil, url: unmapped.url) }
    }
}
