import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import MusterSources
import Testing

/// The second line of defence, tried alone: were the DOCTYPE pre-check ever bypassed, the parser's settings and the
/// delegate still neither expand a bomb nor read a local file.
@Suite("Feed parser guard")
struct FeedParserGuardTests {
    /// Parses `fixture` with the reader's handler and settings, skipping the pre-check.
    func parsedWithoutPreCheck(_ fixture: String) throws -> (handler: FeedHandler, seconds: Double) {
        let handler = FeedHandler(source: SourceFixture.gazette, url: SourceFixture.gazette.url)
        let parser = XMLParser(data: try SourceFixture.data(fixture))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        parser.delegate = handler
        let start = Date()
        _ = parser.parse()
        return (handler, Date().timeIntervalSince(start))
    }

    @Test("the bomb fails fast inside libxml2 and yields nothing expanded")
    func bomb() throws {
        let (handler, seconds) = try parsedWithoutPreCheck("entity-bomb.xml")
        #expect(seconds < 1)
        let page = handler.finished()
        #expect(page.records.allSatisfy { ($0.text("text") ?? "").count < 1_000 })
    }

    @Test("the external entity is never resolved: /etc/passwd's lines appear nowhere")
    func externalEntity() throws {
        let (handler, _) = try parsedWithoutPreCheck("xxe.xml")
        let page = handler.finished()
        for record in page.records {
            #expect(!(record.text("text") ?? "").contains("root:"))
            #expect(!record.raw.contains("root:"))
        }
    }
}
