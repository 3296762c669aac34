import Foundation
import MusterConfig
import MusterCore
import MusterSources
import Testing

/// Mastodon tag timelines and Bluesky search pages read into posts, with the next page and the cursor a poll keeps.
@Suite("Mastodon and Bluesky")
struct SocialSourceTests {
    let mastodon = Source(name: "town-bins", kind: .mastodon, url: "https://town.example/api/v1/timelines/tag/bins")
    let bluesky = Source(name: "bsky-roads", kind: .bluesky, url: "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%23roads")

    func mastodonPage() throws -> SourcePage {
        try SourceFixture.page(
            "mastodon-tag-bins.json", of: mastodon, url: "https://town.example/api/v1/timelines/tag/bins?limit=40",
            link: SourceFixture.text("mastodon-tag-bins.link")
        )
    }

    @Test("statuses become posts: HTML content as text, account, counts, language")
    func statuses() throws {
        let page = try mastodonPage()
        let posts = try SourceFixture.posts(page)
        #expect(posts.count == 3)
        let ann = posts[0]
        #expect(ann.externalID == "113600000000001003")
        #expect(ann.source == "mastodon")
        #expect(ann.author.kind == .public)
        #expect(ann.text == "Bins missed on Mill Lane again & it's the third week #bins Anyone else? Reported it twice.")
        #expect(ann.author.handle == "ann")
        #expect(ann.author.name == "Ann Hughes")
        #expect(ann.url == "https://town.example/@ann/113600000000001003")
        #expect(ann.createdAt == SourceFixture.instant("2026-12-01T09:58:01Z"))
        #expect(ann.language == "en")
        #expect(ann.engagement == Engagement(likes: 2, shares: 1, replies: 0, reach: 0))
    }

    @Test("a content warning comes first; a status with no url keeps its uri; a reply names its parent")
    func spoilerAndReply() throws {
        let bob = try SourceFixture.posts(mastodonPage())[1]
        #expect(bob.text == "Bins rant\n\nSame here")
        #expect(bob.url == "https://other.example/statuses/9")
        #expect(bob.author.handle == "bob@other.example")
        #expect(bob.author.name == nil)
        #expect(bob.replyTo == "113600000000000998")
    }

    @Test("a reblog is read as the status reblogged")
    func reblog() throws {
        let boosted = try SourceFixture.posts(mastodonPage())[2]
        #expect(boosted.externalID == "113599999999990000")
        #expect(boosted.author.handle == "desk@news.example")
        #expect(boosted.text == "Council confirms extra collections this weekend.")
        #expect(boosted.engagement.likes == 30)
    }

    @Test("a status with no text is rejected with its position")
    func emptyStatus() throws {
        let page = try mastodonPage()
        #expect(page.rejected.map(\.reason) == ["status 4: 113600000000000990 has no text"])
        #expect(page.rejected.first?.line == 4)
    }

    @Test("next is the Link header's rel=next; newest is the highest id, compared as a number")
    func paging() throws {
        let page = try mastodonPage()
        #expect(page.next == "https://town.example/api/v1/timelines/tag/bins?limit=40&max_id=113600000000000990")
        // 113600000000001003 is the highest; "113600000000000999" is greater as text than neither, but a shorter id would be.
        #expect(page.newest == "113600000000001003")
        let short = try SourceReader.page(of: mastodon, body: Data(#"[{"id":"99","content":"a","created_at":"2026-12-01T09:00:00Z","account":{"acct":"a"}},{"id":"100","content":"b","created_at":"2026-12-01T09:00:00Z","account":{"acct":"b"}}]"#.utf8), link: nil, url: mastodon.url)
        #expect(short.newest == "100")
        #expect(short.next == nil)
    }

    @Test("Link headers in other orders and spellings: prev first, unquoted rel, a relative target")
    func linkHeaders() throws {
        let body = Data(#"[{"id":"5","content":"<p>x</p>","created_at":"2026-12-01T09:00:00Z","account":{"acct":"a"}}]"#.utf8)
        for (header, next) in [
            (#"<https://t.example/a?min_id=9>; rel="prev", <https://t.example/a?max_id=5>; rel="next""#, "https://t.example/a?max_id=5"),
            ("<https://t.example/a?max_id=5>;rel=next", "https://t.example/a?max_id=5"),
            (#"</api/v1/timelines/tag/bins?max_id=5>; rel="next""#, "https://town.example/api/v1/timelines/tag/bins?max_id=5"),
            (#"<https://t.example/a?min_id=9>; rel="prev""#, nil),
        ] {
            let page = try SourceReader.page(of: mastodon, body: body, link: header, url: mastodon.url)
            #expect(page.next == next, "\(header)")
        }
    }

    @Test("an empty timeline has no next page and no cursor")
    func emptyTimeline() throws {
        let page = try SourceReader.page(of: mastodon, body: Data("[]".utf8), link: nil, url: mastodon.url)
        #expect(page.count == 0 && page.next == nil && page.newest == nil)
    }

    @Test("Mastodon's error object and a web page are refused whole")
    func mastodonErrors() throws {
        #expect(throws: MusterError.self) { try SourceReader.page(of: mastodon, body: Data(#"{"error":"The access token is invalid"}"#.utf8), link: nil, url: mastodon.url) }
        #expect(throws: MusterError.self) { try SourceReader.page(of: mastodon, body: Data("<html></html>".utf8), link: nil, url: mastodon.url) }
    }

    @Test("Bluesky posts: the at:// uri is the id, the bsky.app page the url, the handle the author")
    func blueskyPosts() throws {
        let page = try SourceFixture.page("bluesky-search.json", of: bluesky, url: "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%23roads&sort=latest&limit=100")
        let posts = try SourceFixture.posts(page)
        #expect(posts.count == 2)
        let ann = posts[0]
        #expect(ann.externalID == "at://did:plc:abc123/app.bsky.feed.post/3lxyzabc")
        #expect(ann.url == "https://bsky.app/profile/ann.bsky.social/post/3lxyzabc")
        #expect(ann.source == "bluesky")
        #expect(ann.text == "Potholes on Mill Lane #roads")
        #expect(ann.author.handle == "ann.bsky.social")
        #expect(ann.author.name == "Ann")
        #expect(ann.language == "en")
        #expect(ann.createdAt == SourceFixture.instant("2026-12-01T09:00:00Z"))
        #expect(ann.engagement == Engagement(likes: 3, shares: 1, replies: 0, reach: 0))
        #expect(posts[1].replyTo == "at://did:plc:abc123/app.bsky.feed.post/3lxyzabc")
        #expect(posts[1].threadID == "at://did:plc:abc123/app.bsky.feed.post/3lxyzabc")
        #expect(page.rejected.map(\.reason) == ["post 3: at://did:plc:ghi789/app.bsky.feed.post/3lxyzghi has no text"])
    }

    @Test("Bluesky's next page is the same search with the cursor set (replaced, not repeated); an empty page ends it")
    func blueskyPaging() throws {
        let page = try SourceFixture.page("bluesky-search.json", of: bluesky, url: "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%23roads&sort=latest&limit=100&cursor=0")
        #expect(page.next == "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%23roads&sort=latest&limit=100&cursor=25")
        #expect(page.newest == nil)
        let end = try SourceReader.page(of: bluesky, body: Data(#"{"cursor":"50","posts":[]}"#.utf8), link: nil, url: bluesky.url)
        #expect(end.next == nil)
        #expect(throws: MusterError.self) { try SourceReader.page(of: bluesky, body: Data(#"{"error":"ExpiredToken","message":"Token has expired"}"#.utf8), link: nil, url: bluesky.url) }
    }
}
