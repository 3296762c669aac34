import Foundation
import MusterNet
import MusterStore
import MusterTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `muster serve` polling real-shaped sources on loopback (Tests/sources/source_fixtures.py): a paper's RSS feed,
/// a police Atom feed, a Mastodon tag timeline, a Bluesky search, an X-style JSON API, and six broken sources.
@Suite("live sources", .serialized)
struct SourcePollingTests {
    @Test("every source's posts reach the store and the answers within an interval; the ETag is honoured; faults are told apart, backed off and reported; a restart adds no duplicate and misses nothing")
    func polling() throws {
        let fixtures = try SourceFixtures.start()
        defer { fixtures.stop() }
        let config = try SourceFixtures.config(port: fixtures.port)
        let store = try Fixture.temporaryDirectory().appendingPathComponent("live.sqlite").path
        let variables = ["MUSTER_TEST_BSKY_PASSWORD": "app-password", "MUSTER_TEST_X_TOKEN": "x-fixture-token"]

        var served = try ServedMuster.start(store: store, arguments: ["--config", config], frozen: false, variables: variables)
        try fixtures.waitFor(within: 40) { log in log.count(of: "/gazette.rss") >= 2 && log.count(of: "/2/tweets/search/recent") >= 2 }

        // The second read of the feed sends its ETag back and is answered 304.
        let gazette = fixtures.log().filter { $0.path == "/gazette.rss" }
        #expect(gazette[0].status == 200 && gazette[0].ifNoneMatch == nil)
        #expect(gazette[1].status == 304 && gazette[1].ifNoneMatch == "\"gazette-2\"")

        let posts = try SQLitePostStore(path: store)
        func count(_ condition: String) throws -> Int {
            try posts.database.scalar(.init(stringLiteral: "SELECT count(*) FROM post WHERE \(condition)")) ?? -1
        }
        #expect(try count("outlet = 'Northbridge Gazette' AND author_kind = 'media'") == 2)
        #expect(try count("text LIKE 'Road closed on Mill Lane%' AND author_kind = 'partner'") == 1)
        // A first poll takes Mastodon's newest page (40), not the tag's whole history; Bluesky's five-post pages are
        // followed by their cursor.
        #expect(try count("source = 'mastodon'") == 40)
        #expect(try count("source = 'bluesky'") == 7)
        #expect(try count("source = 'x' AND author_handle = '42' AND likes = 3 AND shares = 1") == 3)
        #expect(try count("text LIKE '%<%'") == 0, "markup is read as text")
        #expect(try count("text LIKE '%O’Neill%' OR author_name LIKE '%O’Neill%' OR author_handle LIKE '%O’Neill%'") >= 1, "entities are decoded")

        // The posts are in the answers.
        let answer = try ServedMuster.muster(["ask", "bins in Ward 4 today?", "--config", config], store: store)
        #expect(answer.status == 0)
        #expect(answer.output.contains("Bins and waste in Ward 4 (Riverside)"), "\(answer.output)")
        #expect(!answer.output.contains("no posts"), "\(answer.output)")

        // Each fault is reported as what it is, and the broken sources are named in answers and /readyz.
        let listing = try ServedMuster.muster(["sources", "--config", config], store: store)
        let lines = listing.output.split(separator: "\n").map(String.init)
        func line(_ name: String) -> String { lines.first { $0.hasPrefix(name + " ") } ?? "" }
        for name in ["gazette", "police", "mastodon", "bluesky", "x"] {
            #expect(line(name).contains(" ok "), "\(listing.output)")
        }
        #expect(line("broken").contains("HTTP 500"), "\(listing.output)")
        #expect(line("limited").contains("HTTP 429, asking for 120 s"), "\(listing.output)")
        #expect(line("hanging").lowercased().contains("timeout"), "\(listing.output)")
        #expect(line("huge").contains("larger than"), "\(listing.output)")
        #expect(line("malformed").contains("failing"), "\(listing.output)")
        #expect(line("bomb").contains("entities"), "\(listing.output)")
        #expect(answer.output.contains("has not been read yet"), "the freshness line names a broken source: \(answer.output)")
        let ready = try served.http.get("/readyz")
        #expect(ready.status == 200 && ready.text.contains("degraded: broken") && !ready.text.contains("degraded: gazette"), "\(ready.text)")

        // A 429's Retry-After holds the next poll back; the other faults back off but keep being tried.
        let limited = try #require(try posts.sourceLedger.status(of: "limited"))
        let wait = try #require(limited.nextPollAt).timeIntervalSince(try #require(limited.lastAttemptAt))
        // Counted from when the poll began to when it ended plus 120 s: the poll's own time (longer on a busy machine)
        // comes on top.
        #expect(wait >= 120 && wait < 180, "\(wait)")
        #expect(fixtures.log().count(of: "/fault/429") == 1)
        let metrics = try served.http.get("/metrics").text
        #expect(metrics.contains(#"muster_source_polls_total{source="gazette",result="not_modified"}"#) || metrics.contains(#"muster_source_polls_total{result="not_modified",source="gazette"}"#), "\(metrics.prefix(3_000))")

        // The bomb and the 50 MB feed were refused without the server's memory growing to hold them.
        #expect(try SourceFixtures.peakResidentMegabytes(of: served.process.processIdentifier) < 400)

        // Restarted between polls, with new posts at every source in the meantime: each is taken in once.
        #expect(served.stop() == 0)
        for feed in ["gazette", "mastodon", "bluesky", "x"] { try fixtures.publish(feed) }
        let before = fixtures.log().count
        served = try ServedMuster.start(store: store, arguments: ["--config", config], frozen: false, variables: variables)
        defer { _ = served.stop() }
        try fixtures.waitFor(within: 40) { log in
            let after = log.dropFirst(before)
            return after.count(of: "/gazette.rss") >= 1 && after.count(of: "/api/v1/timelines/tag/bins") >= 1
                && after.count(of: "/xrpc/app.bsky.feed.searchPosts") >= 1 && after.count(of: "/2/tweets/search/recent") >= 1
        }
        Thread.sleep(forTimeInterval: 1)
        #expect(try count("outlet = 'Northbridge Gazette'") == 3)
        #expect(try count("source = 'mastodon'") == 41)
        #expect(try count("source = 'bluesky'") == 8)
        #expect(try count("source = 'x'") == 4)
        // It resumed from the cursors kept in the store rather than starting over.
        let resumed = fixtures.log().dropFirst(before)
        #expect(resumed.first { $0.path == "/api/v1/timelines/tag/bins" }?.query.contains("min_id=114000000000000045") == true)
        #expect(resumed.first { $0.path == "/2/tweets/search/recent" }?.query.contains("since_id=1860000000000000003") == true)
        #expect(try Fixture.problems(in: posts).isEmpty)
    }
}

/// The fixture sources' server, run as a Python process for the length of a test.
struct SourceFixtures {
    let process: Process
    let port: Int

    /// One request the fixture server saw.
    struct Request {
        var path: String
        var query: String
        var ifNoneMatch: String?
        var status: Int
    }

    static func start() throws -> SourceFixtures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixture.repositoryRoot.appendingPathComponent("Tests/sources/source_fixtures.py").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = line.split(separator: " ").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            kill(process.processIdentifier, SIGKILL)
            throw RawHTTP.Failure(description: "the fixture server said \(line)")
        }
        return SourceFixtures(process: process, port: port)
    }

    /// SIGKILL: a child started from a test runner's thread inherits SIGTERM blocked.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func log() -> [Request] {
        guard let response = try? HTTPClient(timeout: 5).get("http://127.0.0.1:\(port)/control/log"),
              let entries = try? JSONSerialization.jsonObject(with: response.body) as? [[String: Any]]
        else { return [] }
        return entries.map {
            Request(path: $0["path"] as? String ?? "", query: $0["query"] as? String ?? "", ifNoneMatch: $0["if_none_match"] as? String, status: $0["status"] as? Int ?? 0)
        }
    }

    func publish(_ feed: String) throws {
        _ = try HTTPClient(timeout: 5).post("http://127.0.0.1:\(port)/control/publish?feed=\(feed)", body: Data(), contentType: "application/json")
    }

    /// Waits until `done` holds for the request log, or fails after `seconds`.
    func waitFor(within seconds: Double, _ done: ([Request]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done(log()) { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw RawHTTP.Failure(description: "the sources were not polled as expected within \(seconds) s: \(log().map { "\($0.path) \($0.status)" })")
    }

    /// A copy of the demo council's config whose `sources:` are the fixtures on `port`, every two seconds.
    static func config(port: Int) throws -> String {
        let base = "http://127.0.0.1:\(port)"
        let sources = """

            sources:
              - {name: gazette, label: the Gazette's feed, kind: rss, url: "\(base)/gazette.rss", every: 2s, outlet: Northbridge Gazette}
              - {name: police, label: the police news feed, kind: rss, url: "\(base)/police.atom", every: 2s, posts: partner}
              - {name: mastodon, kind: mastodon, url: "\(base)/api/v1/timelines/tag/bins", every: 2s}
              - name: bluesky
                kind: bluesky
                url: "\(base)/xrpc/app.bsky.feed.searchPosts?q=bins"
                identifier: council.example
                credential: MUSTER_TEST_BSKY_PASSWORD
                every: 2s
              - name: x
                kind: json
                url: "\(base)/2/tweets/search/recent?query=bins"
                credential: MUSTER_TEST_X_TOKEN
                every: 2s
                mapping:
                  items: data
                  fields: {author: author_id, likes: public_metrics.like_count, shares: public_metrics.retweet_count}
                  since_parameter: since_id
              - {name: broken, label: the broken fixture, kind: rss, url: "\(base)/fault/500", every: 2s}
              - {name: limited, kind: json, url: "\(base)/fault/429", every: 2s, mapping: {items: data}}
              - {name: hanging, kind: rss, url: "\(base)/fault/hang", every: 2s, timeout: 2s}
              - {name: huge, kind: rss, url: "\(base)/fault/huge", every: 2s}
              - {name: malformed, kind: rss, url: "\(base)/fault/malformed", every: 2s}
              - {name: bomb, kind: rss, url: "\(base)/fault/bomb", every: 2s}

            """
        return try Fixture.demoConfig(appending: sources)
    }

    /// The most memory the process has held (VmHWM), in megabytes.
    static func peakResidentMegabytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1_024
    }
}

extension Collection where Element == SourceFixtures.Request {
    func count(of path: String) -> Int {
        filter { $0.path == path }.count
    }
}
