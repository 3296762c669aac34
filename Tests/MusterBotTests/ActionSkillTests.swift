import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterTesting
import Testing

/// Rumours, sitreps, unanswered posts, drafts, and the actions that change state — each test on its own copy of the
/// demo store, so marking things does not leak between tests.
@Suite("Rumours, sitreps, unanswered posts and drafts")
struct ActionSkillTests {
    let muster = try! Fixture.demo().copy(configPath: Fixture.demoConfigPath)
    let thread = UUID().uuidString
    let officer = Speaker(name: "jen", role: .officer, channel: "#comms")
    let lead = Speaker(name: "sam", role: .lead, channel: "#comms")

    func say(_ message: String, as speaker: Speaker? = nil) -> Reply {
        muster.bot.respond(to: message, in: thread, from: speaker ?? officer)
    }

    func drafts(in reply: Reply) -> [Draft] {
        reply.sections.flatMap(\.items).compactMap { if case .draft(let draft) = $0 { return draft }; return nil }
    }

    @Test("fire rumours are grouped, and the gas explosion one shows the fire service's answer")
    func rumours() throws {
        let reply = say("any rumours about the fire on Hill Street")
        #expect(reply.title == "Rumours about Fire in Ward 7 (Hill Top) · the last 7 days")
        let gas = try #require(reply.sections.first { $0.heading?.contains("gas explosion") == true })
        let lines = gas.items.compactMap { if case .bullet(let text) = $0 { return text }; return nil }
        #expect(lines.contains { $0.hasPrefix("Answered by Northbridge Fire and Rescue") && $0.contains("no evidence of a gas explosion") })
        #expect(lines.contains("Status: unverified"))
        let claims = try muster.store.database.scalar("""
            SELECT count(*) FROM post p WHERE p.is_claim = 1 AND p.area = 'Hill Top' AND p.author_kind IN ('public', 'media')
              AND p.created_at >= \(Int(Fixture.now.timeIntervalSince1970) - 7 * 86_400) AND p.created_at < \(Int(Fixture.now.timeIntervalSince1970))
              AND EXISTS (SELECT 1 FROM post_topic t WHERE t.post_id = p.id AND t.topic = 'fire')
            """) ?? -1
        #expect(reply.facts.first?.value.hasPrefix("\(claims) posts pass on something unconfirmed") == true)
    }

    @Test("only a lead sets a rumour's status; the rebuttal then uses the official line; it is audited")
    func markRumour() throws {
        _ = say("any rumours about the fire on Hill Street")
        #expect(say("mark rumour 2 false: nothing happened", as: officer).title.hasPrefix("Only a comms lead or an admin"))
        let marked = say("mark rumour 2 false: There was no gas explosion.", as: lead)
        #expect(marked.title == "Rumour 2 marked false by sam.")
        let again = say("any rumours about the fire on Hill Street")
        let section = try #require(again.sections.first { $0.heading?.hasPrefix("Rumour 2:") == true })
        guard case .draft(let draft)? = section.items.last else { Issue.record("no rebuttal draft"); return }
        #expect(draft.long.hasPrefix("This isn't true. There was no gas explosion."))
        #expect(draft.short.count <= Draft.shortLimit)
        let audit = try muster.store.database.rows("SELECT user, action FROM audit") { ($0.string(0), $0.string(1)) }
        #expect(audit.count == 1 && audit[0] == ("sam", "mark rumour"))
    }

    @Test("marking a post handled takes it off the unanswered list, and the counts agree with SQL")
    func unanswered() throws {
        let before = say("what needs a reply?")
        let waiting = try muster.store.database.scalar("""
            SELECT count(*) FROM post p WHERE p.author_kind = 'public' AND p.handled_at IS NULL
              AND p.created_at >= \(Int(Fixture.now.timeIntervalSince1970) - 7 * 86_400) AND p.created_at < \(Int(Fixture.now.timeIntervalSince1970))
              AND p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH 'text: ("NorthbridgeCC" OR "NorthbridgeCouncil")')
              AND NOT EXISTS (SELECT 1 FROM post r WHERE r.reply_to = p.external_id AND r.source = p.source AND r.author_kind IN ('official', 'staff'))
            """) ?? -1
        #expect(waiting > 10)
        #expect(before.facts.first?.value.hasPrefix("\(waiting) posts mention") == true)
        #expect(say("mark post 1 handled").title.hasPrefix("Post 1 marked handled by jen"))
        #expect(say("what needs a reply?").facts.first?.value.hasPrefix("\(waiting - 1) posts mention") == true)
        #expect(try muster.store.database.scalar("SELECT count(*) FROM post WHERE handled_by = 'jen'") == 1)
    }

    @Test("a draft reply to a post uses its topic's template, fits 280 in short, and marks its gaps")
    func draftReply() throws {
        _ = say("what are people saying about bins in Ward 4?")
        let reply = say("draft a reply to post 5")
        let draft = try #require(drafts(in: reply).first)
        #expect(draft.long.contains("sorry your collection was missed"))
        #expect(draft.long.hasSuffix("— Northbridge City Council"))
        #expect(draft.short.count <= Draft.shortLimit)
        #expect(draft.gaps == ["when the crew will return"])
    }

    @Test("a sitrep on the fire has rumours, outlets, official statements, questions, areas and a holding statement")
    func sitrep() throws {
        let reply = say("sitrep on the Hill Street fire")
        #expect(reply.title.hasPrefix("Sitrep: Fire in Ward 7 (Hill Top) · since "))
        let headings = reply.sections.compactMap(\.heading)
        #expect(headings.contains { $0.hasPrefix("Rumour 1:") })
        #expect(headings.contains { $0.hasPrefix("Media: ") })
        #expect(headings.contains("Official statements"))
        #expect(headings.contains("Top questions"))
        #expect(headings.contains("Holding statement"))
        let again = say("sitrep on the Hill Street fire")
        #expect(again.facts.contains { $0.label == "Since last" && $0.value.hasPrefix("0 new posts") })
    }
}
