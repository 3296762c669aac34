import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterSources

/// The feed reader (`SourceReader.page` for an RSS source): `muster serve` polls feeds that anyone may publish, or
/// take over.
enum FeedTarget {
    static let source = Source(name: "fuzz", kind: .rss, url: "https://fuzz.example/feed.xml", outlet: "Fuzz Gazette")

    static func check(_ input: Data, _ check: inout InvariantCheck) {
        let page: SourcePage
        do {
            page = try SourceReader.page(of: source, body: input, link: nil, url: source.url)
        } catch is MusterError {
            // Refusing a whole document is a promise kept; it must only ever be a MusterError a person can read.
            return
        } catch {
            check.expect(false, "the reader threw \(error), not a MusterError")
            return
        }
        check.expect(page.next == nil && page.newest == nil, "a feed page has a next page or cursor")
        for record in page.records {
            let text = record.fields.members.last { $0.name == "text" }?.value.description ?? ""
            check.expect(!text.isEmpty && text.count <= 4_000, "record at line \(record.line) has \(text.count) characters of text")
            check.expect(text == text.trimmed, "record at line \(record.line) has text with surrounding space: \(text.quoted)")
            check.expect(record.raw.utf8.count < input.count + 512, "record at line \(record.line) keeps a raw of \(record.raw.utf8.count) bytes")
            // A feed record always has an id, text and a time the reader has read; only the time's plausibility
            // (from 2006 to a day after now) is left for the mapping to refuse.
            do {
                let post = try RecordsTarget.mapping.post(from: record)
                check.expect(post.source == "news" && post.outlet == "Fuzz Gazette", "post \(post.externalID.quoted) lost its source or outlet")
            } catch {
                let reason = "\(error)"
                check.expect(reason.contains("before 2006") || reason.contains("after now"), "record at line \(record.line) makes no post: \(reason)")
            }
        }
        for rejection in page.rejected {
            check.expect(!rejection.reason.isEmpty && rejection.line >= 0, "a rejection without a reason or line")
        }
    }
}
