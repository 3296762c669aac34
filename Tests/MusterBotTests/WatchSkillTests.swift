import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterStore
import MusterTesting
import Testing

/// Watches and incident rooms set from chat: what the skills store for the alert and sitrep side to act on, per
/// conversation, and who may do what — each test on its own copy of the demo store.
@Suite("Watches and incident rooms from chat")
struct WatchSkillTests {
    let muster = try! Fixture.demo().copy(configPath: Fixture.demoConfigPath)
    let thread = "slack:C0NBCOMMS:\(UUID().uuidString)"
    let officer = Speaker(name: "jen", role: .officer, channel: "#comms")
    let lead = Speaker(name: "sam", role: .lead, channel: "#comms")

    func say(_ message: String, as speaker: Speaker? = nil, in conversation: String? = nil) -> Reply {
        muster.bot.respond(to: message, in: conversation ?? thread, from: speaker ?? officer)
    }

    @Test("a watch is stored for the conversation that asked, with its kind, scope and sensitivity, and audited")
    func watchStored() throws {
        #expect(say("watch bins in Riverside, only big spikes").title.hasPrefix("Watch "))
        #expect(say("alert me to new rumours about the cycle lane").title.hasPrefix("Watch "))
        let watches = try muster.watches.watches(in: thread)
        #expect(watches.count == 2)
        let bins = try #require(watches.first)
        #expect(bins.kind == .spike && bins.topics == ["bins"] && bins.areas == ["Riverside"] && bins.sensitivity == .low)
        #expect(bins.setBy == "jen" && bins.conversation == thread && bins.incidentID == nil && bins.createdAt == muster.clock.now)
        let lane = try #require(watches.last)
        #expect(lane.kind == .rumours && lane.topics.isEmpty && lane.text == "cycle lane" && lane.areas.isEmpty && lane.sensitivity == .normal)
        #expect(try muster.watches.watches(in: "elsewhere").isEmpty)
        #expect(say("what am I watching?", in: "elsewhere").title == "Nothing is being watched here.")
        let audit = try muster.store.database.rows("SELECT user, action FROM audit") { "\($0.string(1)) by \($0.string(0))" }
        #expect(audit == ["watch by jen", "watch by jen"])
    }

    @Test("a watch of another conversation cannot be stopped from this one")
    func otherConversation() throws {
        _ = say("watch bins in Riverside", in: "elsewhere")
        let id = try #require(try muster.watches.watches(in: "elsewhere").first?.id)
        #expect(say("stop watch \(id)").title == "There is no watch \(id) here.")
        #expect(try muster.watches.watches(in: "elsewhere").count == 1)
    }

    @Test("an incident room: a lead opens it with two watches on its terms, and closing it removes them and sums it up")
    func incidentRoom() throws {
        // Opened twelve hours before now (the same store, an earlier clock), so the closing summary has posts to count.
        let start = muster.clock.now.addingTimeInterval(-12 * 3_600)
        let earlier = try Muster(configPath: Fixture.demoConfigPath, storePath: muster.store.database.path, clock: FixedClock(start))
        let opened = earlier.bot.respond(to: "start incident Riverside bins: bins, rubbish, Tanner St, every 20 minutes", in: thread, from: lead)
        #expect(opened.title == "Incident room open: Riverside bins, started by sam.")
        let incident = try #require(try muster.incidents.openIncidents(in: thread).first)
        #expect(incident.terms == ["bins", "rubbish", "Tanner St"] && incident.interval == 1_200 && incident.startedBy == "sam")
        #expect(incident.nextSitrepAt == start.addingTimeInterval(1_200))
        let watches = try muster.watches.watches(in: thread)
        #expect(watches.map(\.kind) == [.spike, .rumours])
        #expect(watches.allSatisfy { $0.incidentID == incident.id && $0.label == "Riverside bins" && $0.topics == ["bins"] && $0.areas.isEmpty })

        let bins = try muster.store.aggregate(PostQuery(topics: ["bins"], window: TimeWindow(start: start, end: muster.clock.now, label: ""))).count
        #expect(bins > 0)
        let closed = say("close incident", as: lead)
        #expect(closed.title == "Incident room closed: Riverside bins, closed by sam.")
        #expect(closed.facts.first { $0.label == "Ran" }?.value.hasPrefix("12 hours, from 21:42 on Mon 23 Nov") == true)
        #expect(closed.facts.first { $0.label == "Posts" }?.value == "\(bins.grouped) posts on Bins and waste at Tanner St while it was open")
        #expect(try muster.incidents.openIncidents(in: thread).isEmpty && (try muster.watches.watches(in: thread)).isEmpty)
        let audit = try muster.store.database.rows("SELECT user, action FROM audit ORDER BY id") { "\($0.string(1)) by \($0.string(0))" }
        #expect(audit == ["start incident by sam", "close incident by sam"])
    }

    @Test("an officer can neither open nor close an incident room, and nothing is stored")
    func officerRefused() throws {
        #expect(say("start incident Hill Street fire: fire, smoke").title.hasPrefix("Only a comms lead or an admin can start an incident room"))
        #expect(try muster.incidents.openIncidents(in: thread).isEmpty && (try muster.watches.watches(in: thread)).isEmpty)
    }

    @Test("where the store keeps no watches, every watch and incident ask says alerts are not available")
    func unavailable() {
        let bot = Bot(config: muster.config, intents: muster.intents, store: muster.store, clock: muster.clock)
        for message in ["watch bins in Riverside", "what am I watching?", "stop watch 1", "start incident Hill Street fire: fire", "close incident"] {
            #expect(bot.respond(to: message, in: thread, from: lead).title == "Alerts are not available here.", "\(message)")
        }
    }
}
