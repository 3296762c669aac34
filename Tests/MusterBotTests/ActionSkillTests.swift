import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterStore
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
        // The street names the incident; it does not narrow it to the ward, so claims that name no ward count too.
        #expect(reply.title == "Rumours about Fire at Hill Street · the last 7 days")
        let gas = reply.sections.filter { $0.heading?.contains("gas explosion") == true }
        #expect(gas.count == 1, "the gas explosion claim and its paraphrases are one rumour")
        let lines: [String] = gas.first?.items.compactMap { if case .bullet(let text) = $0 { return text }; return nil } ?? []
        #expect(lines.contains { $0.hasPrefix("Denied by Northbridge Fire and Rescue (@NorthbridgeFire)") && $0.contains("no evidence of a gas explosion") })
        #expect(lines.contains { $0.hasPrefix("Status: denied by @NorthbridgeFire at ") && $0.hasSuffix("(not yet set by staff)") })
        let dead = try #require(reply.sections.first { $0.heading?.contains("3 people are dead") == true })
        let answer = dead.items.compactMap { if case .bullet(let text) = $0 { return text }; return nil }
        #expect(answer.contains { $0.hasPrefix("Denied by Northbridge Fire and Rescue") && $0.contains("No one has been injured") })
        let claims = try muster.store.database.scalar("""
            SELECT count(*) FROM post p WHERE p.is_claim = 1
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
        #expect(draft.long.hasPrefix("The facts on the fire: There was no gas explosion."))
        #expect(draft.builtFrom.contains("the official line from sam (set in Muster)"))
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
        #expect(reply.title.hasPrefix("Sitrep: Fire at Hill Street · since "))
        let headings = reply.sections.compactMap(\.heading)
        #expect(headings.contains { $0.hasPrefix("Rumour 1:") })
        #expect(headings.contains { $0.hasPrefix("Media: ") })
        #expect(headings.contains("What we know (official)"))
        #expect(headings.contains("Being said, not confirmed"))
        #expect(headings.contains("People are asking"))
        #expect(headings.contains("Holding statement"))
        // Every fire post in the incident's window counts, named ward or not: the same figure SQL gives.
        let window = try #require(reply.title.components(separatedBy: "since ").last)
        let posts = try #require(reply.facts.first { $0.label == "Posts" }?.value.split(separator: ";").first)
        let fire = try muster.store.database.scalar("""
            SELECT count(*) FROM post_topic WHERE topic = 'fire' AND created_at >= \(Self.incidentStart(window)) AND created_at < \(Int(Fixture.now.timeIntervalSince1970))
            """) ?? -1
        #expect(String(posts) == fire.grouped)
        #expect(try muster.store.database.scalar("""
            SELECT count(*) FROM post_topic WHERE topic = 'fire' AND area IS NULL AND created_at >= \(Self.incidentStart(window))
            """) ?? 0 > 0, "some of the incident's posts name no ward")
        let official = try #require(reply.sections.first { $0.heading == "What we know (official)" })
        #expect(official.items.contains { if case .bullet(let text) = $0 { return text.contains("Northbridge Fire and Rescue (@NorthbridgeFire)") }; return false })
        let again = say("sitrep on the Hill Street fire")
        #expect(again.facts.contains { $0.label == "Since last" && $0.value.hasPrefix("0 new posts") })
    }

    /// "Sat 21 Nov 10:42" in the fixture's year, as seconds since 1970 (the fixture is in November, UTC = London).
    static func incidentStart(_ label: String) -> Int {
        let parts = label.split(separator: " ")
        let date = try! Date("2026-11-\(parts[1])T\(parts[3]):00Z", strategy: .iso8601)
        return Int(date.timeIntervalSince1970)
    }

    @Test("a draft about free text names the topic it is about, never the words dressed up as a label")
    func draftAboutFreeText() throws {
        let draft = try #require(drafts(in: say("draft a reply to the bins complaints in ward 4")).first)
        #expect(draft.long.contains("bins and waste"), "\(draft.long)")
        #expect(!draft.long.contains("“"), "\(draft.long)")
        #expect(draft.builtFrom == ["the theme reply in drafts.yaml"])
    }

    @Test("no rebuttal, in any answer, repeats a rumour's own words")
    func rebuttalsNeverRepeatClaims() throws {
        for question in ["any rumours about the fire", "any rumours about flooding this month", "any rumours this month", "any rumours about the A&E this month"] {
            let reply = say(question)
            for section in reply.sections where section.heading?.hasPrefix("Rumour ") == true {
                let claim = section.heading!.drop { $0 != "“" }.dropFirst().prefix { $0 != "”" && $0 != "…" }
                for draft in drafts(in: Reply(title: "", sections: [section])) {
                    for sentence in claim.split(whereSeparator: { ".,!?".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) where sentence.count > 12 {
                        #expect(!draft.long.lowercased().contains(sentence.lowercased()), "\(question): \(sentence)")
                        #expect(!draft.short.lowercased().contains(sentence.lowercased()), "\(question): \(sentence)")
                    }
                }
            }
        }
    }

    @Test("the damp and mould post with ill children leads what needs a reply, with its age and why")
    func triage() throws {
        let reply = say("what needs a reply?")
        let first = try #require(reply.sections.first?.items.first)
        guard case .post(let post) = first else { Issue.record("no post first"); return }
        #expect(post.text.contains("Damp and mould") || post.text.lowercased().contains("damp and mould"))
        #expect(post.note?.hasPrefix("waiting ") == true)
        #expect(post.note?.contains("urgent: ") == true)
        let handles = Set(reply.sections.flatMap(\.items).compactMap { item -> String? in if case .post(let post) = item { return post.author }; return nil })
        #expect(handles.isDisjoint(with: ["@NorthbridgeCC", "@NorthbridgeFire", "@NorthbridgeCouncil"]))
    }

    @Test("asked during the fire, a sitrep on the last 3 hours counts every fire post in them and is fresh as of then")
    func sitrepDuringTheFire() throws {
        let asked = try Date("2026-11-21T14:00:00Z", strategy: .iso8601)
        let during = try Muster(configPath: Fixture.demoConfigPath, storePath: muster.store.database.path, clock: FixedClock(asked))
        let reply = during.bot.respond(to: "sitrep on the hill st fire last 3 hrs", in: thread, from: officer)
        let start = Int(asked.timeIntervalSince1970) - 3 * 3_600
        let fire = try muster.store.database.scalar("""
            SELECT count(*) FROM post_topic WHERE topic = 'fire' AND created_at >= \(start) AND created_at < \(Int(asked.timeIntervalSince1970))
            """) ?? -1
        #expect(fire > 0)
        #expect(reply.title == "Sitrep: Fire at Hill St · the last 3 hours")
        #expect(reply.facts.first { $0.label == "Posts" }?.value.hasPrefix("\(fire.grouped);") == true)
        // The store holds the rest of the month; the answer is as of 14:00 all the same.
        #expect(reply.footer?.hasPrefix("Posts up to 13:") == true, "\(reply.footer ?? "")")
    }

    @Test("a quiet incident says when it was last active, and an answer as of later says the data stops short")
    func quietIncident() throws {
        let later = try Muster(configPath: Fixture.demoConfigPath, storePath: muster.store.database.path, clock: FixedClock(Fixture.now.addingTimeInterval(14 * 86_400)))
        let reply = later.bot.respond(to: "sitrep on the flooding", in: thread, from: officer)
        let lines = reply.sections.flatMap(\.items).compactMap { if case .text(let text) = $0 { return text }; return nil }
        #expect(lines.first?.hasPrefix("No posts on this since ") == true)
        #expect(lines.contains { $0.hasPrefix("It was last active ") && $0.contains("ask “sitrep on flooding since ") })
        #expect(reply.footer?.contains("the data stops 14 days short of") == true)
    }

    @Test("a lead can erase a person from chat: first what would go, then, confirmed, the posts and the audit row; an officer cannot")
    func forgetFromChat() throws {
        let handle = try #require(try muster.store.database.rows("""
            SELECT author_handle FROM post WHERE author_kind = 'public' GROUP BY author_handle HAVING count(*) >= 2 ORDER BY count(*) DESC, author_handle LIMIT 1
            """) { $0.string(0) }.first)
        let held = try muster.store.database.scalar("SELECT count(*) FROM post WHERE lower(author_handle) = lower(\(handle))") ?? 0

        #expect(say("forget @\(handle) confirm").title == "Erasing a person's posts needs the lead role.")
        let preview = say("forget @\(handle)", as: lead)
        #expect(preview.title == "Forget @\(handle.lowercased())?")
        #expect(preview.sections.first?.items.contains(.text("To go ahead, send: “forget @\(handle.lowercased()) confirm”.")) == true)
        #expect(try muster.store.database.scalar("SELECT count(*) FROM post WHERE lower(author_handle) = lower(\(handle))") == held, "nothing goes before the confirmation")

        let done = say("forget @\(handle) confirm", as: lead)
        #expect(done.title == "Forgot @\(handle.lowercased()): \(held.grouped) posts deleted by sam.")
        #expect(try muster.store.database.scalar("SELECT count(*) FROM post WHERE lower(author_handle) = lower(\(handle))") == 0)
        let audit = try muster.store.database.rows("SELECT user, action, detail FROM audit WHERE action = 'forget author'") { [$0.string(0), $0.string(1), $0.string(2)] }
        #expect(audit == [["sam", "forget author", "@\(handle.lowercased()) on every source: \(held.grouped) posts deleted"]])
        #expect(say("what do we hold on @\(handle)?", as: lead).title.hasPrefix("Held about @\(handle.lowercased()): 0 posts by them"))
        #expect(say("what do we hold on @\(handle)?").title == "What Muster holds about a person is for leads and admins.")
    }

    @Test("log this: the post is stored as typed, enriched, with who logged it, from which platform and channel, and when; only they or a lead take it back; both audited")
    func logThis() throws {
        let slack = Speaker(name: "jen", role: .officer, channel: "slack:C0NBCOMMS")
        let logged = say("log this: Caller says the BINS on Tanner Street haven't been collected, see https://facebook.example/groups/r/posts/9", as: slack)
        let id = try #require(logged.title.split(separator: " ").dropFirst(3).first.flatMap { Int64($0) }, "\(logged.title)")
        #expect(logged.title == "Logged as post \(id) by jen.")
        let provenance = try #require(try muster.store.loggedPosts.provenance(of: id))
        #expect(provenance.loggedBy == "jen" && provenance.platform == "slack" && provenance.channel == "C0NBCOMMS")
        #expect(provenance.loggedAt == muster.clock.now)
        let post = try #require(try muster.store.posts(ids: [id]).first)
        #expect(post.source == "forwarded" && post.text == "Caller says the BINS on Tanner Street haven't been collected, see https://facebook.example/groups/r/posts/9")
        #expect(post.url == "https://facebook.example/groups/r/posts/9" && post.area == "Riverside" && post.topics.contains("bins"))

        let other = Speaker(name: "ali", role: .officer, channel: "slack:C0NBCOMMS")
        #expect(say("remove logged post \(id)", as: other).title == "Only jen, who logged post \(id), or a lead can remove it.")
        #expect(try muster.store.posts(ids: [id]).count == 1)
        #expect(say("remove logged post \(id)", as: lead).title == "Removed logged post \(id).")
        #expect(try muster.store.posts(ids: [id]).isEmpty && (try muster.store.loggedPosts.provenance(of: id)) == nil)
        // A monitored post cannot be removed this way.
        #expect(say("remove logged post 1", as: lead).title == "There is no logged post 1.")
        let actions = try muster.store.database.rows("SELECT action, user FROM audit WHERE action IN ('log post', 'remove logged post') ORDER BY id") { "\($0.string(0)) by \($0.string(1))" }
        #expect(actions == ["log post by jen", "remove logged post by sam"])
    }
}
