import Foundation
import MusterConfig
import MusterCore
import MusterSources
import MusterTesting
import Testing

/// The config's `sources:` list, and when a source is next polled.
@Suite("sources in the config")
struct SourceConfigTests {
    func load(_ yaml: String, dropping sections: Set<String> = []) throws -> CouncilConfig {
        try CouncilConfig.load(from: try Fixture.demoConfig(appending: yaml, dropping: sections))
    }

    @Test("sources are read with their kind, interval, credential variable and what their posts are; an outlet's feed becomes a source by itself")
    func reads() throws {
        let config = try load("""
            sources:
              - {name: gazette-search, kind: json, url: "https://api.example/search?q=northbridge", every: 90s, credential: MUSTER_X_TOKEN, source: x,
                 mapping: {items: data, fields: {author: author_id}, since_parameter: since_id}}
              - {name: valley-radio, label: Nor Valley Radio's news, kind: rss, url: "https://norvalleyradio.example/feed", every: 5m, outlet: Nor Valley Radio}
              - {name: fire, kind: rss, url: "https://fire.example/news.atom", posts: partner, every: 1h, timeout: 5s}
            outlets:
              - {name: Northbridge Gazette, handles: [NBGazette], feed: "https://northbridge-gazette.example/rss"}
              - {name: Nor Valley Radio, handles: [NorValleyRadio], feed: "https://norvalleyradio.example/feed"}
            """, dropping: ["outlets"])
        let byName = Dictionary(uniqueKeysWithValues: config.sources.map { ($0.name, $0) })
        #expect(config.sources.map(\.name) == ["gazette-search", "valley-radio", "fire", "northbridge-gazette-feed"])
        let search = try #require(byName["gazette-search"])
        #expect(search.kind == .json && search.interval == 90 && search.credential == "MUSTER_X_TOKEN" && search.authorKind == .public)
        #expect(search.postSource == "x" && search.mapping?.fields["author"] == "author_id" && search.mapping?.sinceParameter == "since_id")
        let radio = try #require(byName["valley-radio"])
        #expect(radio.authorKind == .media && radio.outlet == "Nor Valley Radio" && radio.postSource == "news" && radio.interval == 300)
        let fire = try #require(byName["fire"])
        #expect(fire.authorKind == .partner && fire.interval == 3_600 && fire.timeout == 5)
        // The Gazette's feed: not listed, so added; Nor Valley Radio's is already polled under its own name.
        let gazette = try #require(byName["northbridge-gazette-feed"])
        #expect(gazette.kind == .rss && gazette.outlet == "Northbridge Gazette" && gazette.authorKind == .media && gazette.label == "the Northbridge Gazette feed")
    }

    @Test("a bad source is refused with its number, its name and what to write instead")
    func refuses() throws {
        let cases: [(String, String)] = [
            ("- {name: a, kind: twitter, url: \"https://x.example\"}", "unknown kind \"twitter\""),
            ("- {name: a, kind: rss, url: \"ftp://x.example/feed\"}", "is not an http or https address"),
            ("- {name: a, kind: rss, url: \"https://x.example/feed\", every: often}", "every \"often\" is not an interval"),
            ("- {name: a, kind: rss, url: \"https://x.example/feed\", every: 0m}", "is not an interval"),
            ("- {name: a, kind: json, url: \"https://x.example/api\"}", "a json source needs a mapping"),
            ("- {name: a, kind: rss, url: \"https://x.example/feed\", credential: sk-live-1234}", "is not the name of an environment variable"),
            ("- {name: a, kind: rss, url: \"https://x.example/feed\", posts: robots}", "posts \"robots\" is not a kind of author"),
            ("- {name: a, kind: rss, url: \"https://x.example/feed\", outlet: The Moon}", "outlet \"The Moon\" is not in the config's outlets"),
            ("- {name: \"a b\", kind: rss, url: \"https://x.example/feed\"}", "source 1 is called \"a b\""),
            ("- {name: a, kind: rss, url: \"https://x.example/1\"}\n  - {name: a, kind: rss, url: \"https://x.example/2\"}", "two sources are called \"a\""),
        ]
        for (entry, expected) in cases {
            #expect {
                _ = try load("sources:\n  \(entry)\n")
            } throws: { error in
                "\(error)".contains(expected)
            }
        }
        // The secret itself never shows in the message.
        #expect {
            _ = try load("sources:\n  - {name: a, kind: rss, url: \"https://x.example/feed\", credential: sk-live-1234}\n")
        } throws: { error in
            !"\(error)".contains("sk-live-1234")
        }
    }

    @Test("after a failure the wait doubles up to an hour, never below the interval; a Retry-After is obeyed")
    func schedule() {
        #expect(PollSchedule.delay(failures: 0, interval: 300, jitter: 0.5) == 300)
        #expect(PollSchedule.delay(failures: 1, interval: 300, jitter: 0) == 300)
        #expect(PollSchedule.delay(failures: 1, interval: 300, jitter: 1) == 600)
        #expect(PollSchedule.delay(failures: 3, interval: 300, jitter: 1) == 2_400)
        #expect(PollSchedule.delay(failures: 12, interval: 300, jitter: 1) == 3_600)
        #expect(PollSchedule.delay(failures: 12, interval: 300, jitter: 0) == 1_800)
        #expect(PollSchedule.delay(failures: 2, interval: 7_200, jitter: 1) == 7_200, "a daily-ish source is never polled faster for failing")
        #expect(PollSchedule.delay(failures: 1, interval: 60, retryAfter: 120, jitter: 0) == 120)
        #expect(PollSchedule.delay(failures: 1, interval: 600, retryAfter: 5, jitter: 0) == 600)
    }

    @Test("a source is stale after three missed intervals (at least 15 minutes), or when it has never been read and is failing")
    func staleness() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let source = Source(name: "gazette", kind: .rss, url: "https://x.example/feed", interval: 300)
        var status = SourceStatus(name: "gazette")
        #expect(!SourceHealth(source: source, status: nil).isStale(at: now))
        status.failures = 1
        #expect(SourceHealth(source: source, status: status).isStale(at: now))
        status.lastSuccessAt = now.addingTimeInterval(-14 * 60)
        #expect(!SourceHealth(source: source, status: status).isStale(at: now))
        status.lastSuccessAt = now.addingTimeInterval(-16 * 60)
        #expect(SourceHealth(source: source, status: status).isStale(at: now))
    }
}
