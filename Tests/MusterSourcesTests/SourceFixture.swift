import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterSources

/// The suite's fixtures (`Fixtures/`, found from this file's place, as the other suites find theirs) and the ingest
/// mapping the records go through in `muster serve`.
enum SourceFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture's bytes.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// A fixture's text, for headers.
    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The frozen "now" of these tests: Wednesday 2 December 2026, 09:00 UTC, after every fixture's posts.
    static let now = Date(timeIntervalSince1970: 1_796_202_000)

    /// The instant an ISO 8601 time names.
    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    /// The ingest mapping, as `muster ingest` and the poller apply it.
    static let mapping = FieldMapping(defaultSource: "unknown", now: now)

    /// Every record of `page` as a post; a record that does not make one fails the calling test with its reason.
    static func posts(_ page: SourcePage) throws -> [Post] {
        try page.records.map { try mapping.post(from: $0) }
    }

    /// Reads a fixture as `source` answering at `url`.
    static func page(_ name: String, of source: Source, url: String? = nil, link: String? = nil) throws -> SourcePage {
        try SourceReader.page(of: source, body: data(name), link: link, url: url ?? source.url)
    }

    static let gazette = Source(name: "gazette", kind: .rss, url: "https://gazette.example/feed.xml", outlet: "Town Gazette")
}

extension RawRecord {
    /// A field's value as text, for assertions.
    func text(_ name: String) -> String? {
        switch fields[name] {
        case .string(let text)?: text
        case .number(let literal)?: literal
        default: nil
        }
    }
}
