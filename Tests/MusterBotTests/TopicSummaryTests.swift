import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterTesting
import Testing

@Suite("Topic summary on the demo council")
struct TopicSummaryTests {
    let muster = try! Fixture.demo()
    let renderer = TextRenderer()

    func answer(_ question: String) -> String {
        renderer.render(muster.bot.respond(to: question))
    }

    func fact(_ label: String, in reply: Reply) -> String? {
        reply.facts.first { $0.label == label }?.value
    }

    /// Counts straight from SQL: posts tagged bins, placed in Riverside, in the 7 days before `end`.
    func sqlCount(endingAt end: Date, days: Double = 7, sentiment: String = "1") throws -> Int {
        let start = Int(end.timeIntervalSince1970 - days * 86_400)
        return try muster.store.database.scalar("""
            SELECT count(*) FROM post p
            WHERE p.area = 'Riverside' AND p.created_at >= \(start) AND p.created_at < \(Int(end.timeIntervalSince1970))
              AND EXISTS (SELECT 1 FROM post_topic t WHERE t.post_id = p.id AND t.topic = 'bins')
              AND \(sql: .init(stringLiteral: sentiment))
            """) ?? -1
    }

    @Test("bins in Ward 4: counts, change and sentiment equal what the store holds")
    func countsMatchSQL() throws {
        let reply = muster.bot.respond(to: "what are people saying about bins in Ward 4?")
        #expect(reply.title == "Bins and waste in Ward 4 (Riverside) · the last 7 days")
        let now = Fixture.now
        let count = try sqlCount(endingAt: now)
        let previous = try sqlCount(endingAt: now.addingTimeInterval(-7 * 86_400))
        #expect(count > 100, "the bins story should fill the week")
        #expect(count > previous)
        let percent = Int((Double(count - previous) / Double(previous) * 100).rounded())
        #expect(fact("Posts", in: reply) == "\(count.grouped) — up \(percent)% on the previous 7 days (\(previous.grouped))")
        let negative = try sqlCount(endingAt: now, sentiment: "p.sentiment <= -0.2")
        let positive = try sqlCount(endingAt: now, sentiment: "p.sentiment >= 0.2")
        let share = { (part: Int) in Int((Double(part) / Double(count) * 100).rounded()) }
        #expect(fact("Sentiment", in: reply) == "\(share(negative))% negative · \(share(count - negative - positive))% neutral · \(share(positive))% positive")
        #expect(share(negative) > 50, "missed bins should read as mostly negative")
    }

    @Test("Ward 4 and Riverside are the same place")
    func wardNumberOrName() {
        let byNumber = muster.bot.respond(to: "what are people saying about bins in Ward 4?")
        let byName = muster.bot.respond(to: "what are people saying about rubbish in riverside")
        #expect(fact("Posts", in: byNumber) == fact("Posts", in: byName))
    }

    @Test("the answer shows themes from the posts, linked top posts, media and freshness")
    func content() throws {
        let text = answer("what are people saying about bins in Ward 4?")
        let reply = muster.bot.respond(to: "what are people saying about bins in Ward 4?")
        let themes = try #require(reply.sections.first { $0.heading == "Themes" })
        #expect(themes.items.count >= 2)
        for item in themes.items {
            guard case .post(let post) = item else { Issue.record("a theme without an example post"); continue }
            let phrase = try #require(post.note?.split(separator: "“").last?.split(separator: "”").first)
            #expect(!["bins", "bin", "ward", "riverside"].contains(String(phrase)), "themes must not echo the question")
        }
        #expect(text.contains("Most engaged posts from the public"))
        #expect(text.contains("https://"))
        #expect(text.contains("Latest media coverage"))
        #expect(reply.footer == "Posts up to 09:41 today." || reply.footer == "Posts up to 09:42 today.")
        #expect(text.hasSuffix("Try: “show me the posts” · “only the negative ones” · “draft a reply”"))
        #expect(text.contains("per day, Tue 17 Nov 09:42 – Tue 24 Nov 09:42"))
    }

    @Test("an unknown ward gets a did-you-mean, not an empty summary")
    func unknownWard() {
        let reply = muster.bot.respond(to: "what are people saying about bins in Ward 44?")
        #expect(reply.title == "I don't know an area called “Ward 44” — did you mean Ward 4 (Riverside) or Ward 14 (Southmoor)?")
        #expect(reply.facts.isEmpty)
    }

    @Test("free text falls back to full-text search and counts what FTS finds")
    func freeText() throws {
        let reply = muster.bot.respond(to: "what are people saying about the old Woolworths building this month")
        let count = try muster.store.database.scalar("""
            SELECT count(*) FROM post WHERE created_at >= \(Int(try #require(monthStart()).timeIntervalSince1970))
              AND id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH '"old" "woolworths" "building"')
            """) ?? -1
        #expect(reply.title == "“old woolworths building” across Northbridge · this month")
        #expect(count > 10)
        #expect(fact("Posts", in: reply)?.hasPrefix("\(count.grouped) — ") == true)
    }

    @Test("nothing to say is said plainly, with a wider window suggested")
    func empty() {
        let text = answer("what are people saying about flooding in Abbey today")
        #expect(text.contains("No posts in Ward 2 (Abbey) today."))
        #expect(text.contains("Try a wider window"))
    }

    @Test("a team asking at once gets the answers each would get alone")
    func answersAtOnce() throws {
        let questions = [
            "what are people saying about bins in Ward 4?", "any rumours about the fire?", "crisis summary for the fire",
            "what are the media saying about bins", "compare bins in Riverside with Quayside", "what's trending?",
            "what are people saying about potholes this month?", "negative posts about the flooding",
        ]
        let alone = questions.map { answer($0) }
        let bot = muster.bot
        let together = questions.concurrentMap(minimumPerThread: 1) { question in
            // Each asker has its own conversation, as in a channel of its own.
            TextRenderer().render(bot.respond(to: question, in: "asker-\(question.hashValue)"))
        }
        for (question, (one, many)) in zip(questions, zip(alone, together)) {
            #expect(one == many, "\(question)")
        }
    }

    @Test("a message no intent matches gets suggestions and a pointer to help")
    func fallback() {
        let text = answer("purple monkey dishwasher")
        #expect(text.hasPrefix("Sorry, I didn't understand that."))
        #expect(text.contains("Type help"))
        #expect(text.contains("You could ask, for example:"))
        let typos = answer("rumors abut the fier pls")
        #expect(typos.hasPrefix("Rumours about Fire across Northbridge"))
        #expect(typos.contains("(Read “rumors” as rumours and “fier” as fire.)"))
    }

    @Test("help is built from the intent files")
    func help() {
        let text = answer("help")
        #expect(text.contains("What people are saying about a topic"))
        #expect(text.contains("what are people saying about bins in Ward 4?"))
    }

    @Test("a place inside the topic becomes the area: “the fire on Hill Street” is fire in Hill Top")
    func placeInTopic() {
        let reply = muster.bot.respond(to: "what are people saying about the fire on Hill Street")
        #expect(reply.title == "Fire in Ward 7 (Hill Top) · the last 7 days")
    }

    private func monthStart() -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar.dateInterval(of: .month, for: Fixture.now)?.start
    }
}
