import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterTesting
import Testing

@Suite("Outlet coverage on the demo council")
struct OutletCoverageTests {
    let muster = try! Fixture.demo()

    func fact(_ label: String, in reply: Reply) -> String? {
        reply.facts.first { $0.label == label }?.value
    }

    @Test("“the media” counts every outlet's items and splits them by outlet, as the store holds them")
    func allMedia() throws {
        let reply = muster.bot.respond(to: "what are the media saying about bins in Ward 4")
        #expect(reply.title == "The media on Bins and waste in Ward 4 (Riverside) · the last 7 days")
        let start = Int(Fixture.now.timeIntervalSince1970) - 7 * 86_400
        let rows = try muster.store.database.rows("""
            SELECT outlet, count(*) FROM post p
            WHERE author_kind = 'media' AND area = 'Riverside' AND created_at >= \(start) AND created_at < \(Int(Fixture.now.timeIntervalSince1970))
              AND EXISTS (SELECT 1 FROM post_topic t WHERE t.post_id = p.id AND t.topic = 'bins')
            GROUP BY outlet ORDER BY count(*) DESC, outlet
            """) { ($0.string(0), $0.int(1)) }
        let total = rows.reduce(0) { $0 + $1.1 }
        #expect(total > 0)
        #expect(fact("Coverage", in: reply)?.hasPrefix("\(total) item") == true)
        #expect(fact("By outlet", in: reply) == rows.map { "\($0.0) \($0.1)" }.joined(separator: " · "))
    }

    @Test("one outlet by a word of its name; only its items are listed")
    func oneOutlet() throws {
        let reply = muster.bot.respond(to: "what is the Gazette saying about the fire this week")
        #expect(reply.title == "Northbridge Gazette on Fire · this week")
        let section = try #require(reply.sections.first)
        for case .post(let post) in section.items {
            #expect(post.author == "Northbridge Gazette")
        }
        #expect(!section.items.isEmpty)
    }

    @Test("an unknown outlet is named with the outlets followed; a mistyped one is read as the outlet it is near")
    func unknownOutlet() {
        let reply = muster.bot.respond(to: "what is the Daily Bugle saying about the floods", in: UUID().uuidString)
        #expect(reply.title == "I don't know a media outlet called “the Daily Bugle”")
        #expect(reply.sections.first?.items.first == .text("Outlets I follow: Northbridge Gazette, Nor Valley Radio, Northbridge Live, North East Today."))
        let typo = muster.bot.respond(to: "what is Nor Valley Radoi saying about the floods", in: UUID().uuidString)
        #expect(typo.title.hasPrefix("Nor Valley Radio on Flooding"))
    }
}
