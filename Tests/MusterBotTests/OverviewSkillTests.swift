import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterTesting
import Testing

/// Temperature, compare and trending on the demo council, with their figures checked against direct SQL.
@Suite("Mood, comparisons and what is rising")
struct OverviewSkillTests {
    let muster = try! Fixture.demo()

    func fact(_ label: String, in reply: Reply) -> String? {
        reply.facts.first { $0.label == label }?.value
    }

    /// Public posts in a ward over the 7 days before `end`, optionally only those matching a sentiment condition.
    func publicPosts(in ward: String?, days: Double = 7, endingAt end: Date = Fixture.now, condition: String = "1") throws -> Int {
        let start = Int(end.timeIntervalSince1970 - days * 86_400)
        let area = ward.map { "p.area = '\($0)'" } ?? "1"
        return try muster.store.database.scalar("""
            SELECT count(*) FROM post p WHERE p.author_kind = 'public' AND \(sql: .init(stringLiteral: area))
              AND p.created_at >= \(start) AND p.created_at < \(Int(end.timeIntervalSince1970)) AND \(sql: .init(stringLiteral: condition))
            """) ?? -1
    }

    @Test("the mood in a ward: public posts, change and the negative share match the store")
    func temperature() throws {
        let reply = muster.bot.respond(to: "what's the mood in Riverside")
        #expect(reply.title == "The mood in Ward 4 (Riverside) · the last 7 days")
        let count = try publicPosts(in: "Riverside")
        let before = try publicPosts(in: "Riverside", endingAt: Fixture.now.addingTimeInterval(-7 * 86_400))
        #expect(fact("Posts", in: reply)?.hasPrefix("\(count.grouped) from the public — up") == true)
        #expect(fact("Posts", in: reply)?.hasSuffix("(\(before.grouped))") == true)
        let negative = Int((Double(try publicPosts(in: "Riverside", condition: "p.sentiment <= -0.2")) / Double(count) * 100).rounded())
        #expect(fact("Mood", in: reply)?.hasPrefix("\(negative)% negative") == true)
        let earlier = Fixture.now.addingTimeInterval(-7 * 86_400)
        let negativeBefore = Int((Double(try publicPosts(in: "Riverside", endingAt: earlier, condition: "p.sentiment <= -0.2")) / Double(before) * 100).rounded())
        #expect(fact("Compared", in: reply)?.hasSuffix("the previous 7 days (\(negativeBefore)% → \(negative)% negative)") == true)
    }

    @Test("the organisation's name means everywhere")
    func everywhere() {
        #expect(muster.bot.respond(to: "temperature check for Northbridge").title == "The mood across Northbridge · the last 7 days")
    }

    @Test("two wards side by side with their own counts")
    func compareAreas() throws {
        let reply = muster.bot.respond(to: "compare bins in Riverside with Quayside")
        #expect(reply.title == "Bins and waste: Ward 4 compared with Ward 5 · the last 7 days")
        let start = Int(Fixture.now.timeIntervalSince1970) - 7 * 86_400
        func bins(_ ward: String) throws -> Int {
            try muster.store.database.scalar("""
                SELECT count(*) FROM post_topic t JOIN post p ON p.id = t.post_id
                WHERE t.topic = 'bins' AND p.area = \(ward) AND p.created_at >= \(start) AND p.created_at < \(Int(Fixture.now.timeIntervalSince1970))
                """) ?? -1
        }
        #expect(fact("Posts", in: reply) == "Ward 4 \(try bins("Riverside").grouped) · Ward 5 \(try bins("Quayside").grouped)")
    }

    @Test("two windows side by side")
    func compareWindows() {
        let reply = muster.bot.respond(to: "compare flooding this month with last month")
        #expect(reply.title == "Flooding: this month compared with last month · across Northbridge")
        #expect(fact("Posts", in: reply)?.hasPrefix("this month ") == true)
    }

    @Test("the fire is what is rising in Hill Top, and the week before it was not there")
    func trending() throws {
        let reply = muster.bot.respond(to: "what's trending in Hill Top in the last 3 days")
        let topics = try #require(reply.sections.first { $0.heading == "Topics above their usual level" })
        guard case .bullet(let first) = topics.items.first else { Issue.record("no rising topic"); return }
        #expect(first.hasPrefix("Fire: "))
        #expect(first.hasSuffix("(usually about 0; new)"))
    }
}
