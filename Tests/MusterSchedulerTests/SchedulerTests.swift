import Foundation
import Logging
import MusterApp
import MusterChat
import MusterCore
import MusterScheduler
import MusterStore
import MusterTesting
import Testing

/// Muster speaking first, in process with a clock the test moves: alerts on a burst, sitreps on their schedule
/// across a restart, each message once, into the conversation that asked.
@Suite("Scheduler: alerts and sitreps")
struct SchedulerTests {
    static let secrets = ChatSecrets(environment: ["MUSTER_SLACK_BOT_TOKEN": "xoxb-test", "MUSTER_SLACK_API_URL": "http://127.0.0.1:9/api/"])
    let storePath: String
    let clock = ManualClock(Fixture.now)

    init() throws {
        storePath = try Fixture.demo().copy(configPath: Fixture.demoConfigPath).store.database.path
    }

    /// Muster on the test's store, as a (re)started server opens it.
    func open(configPath: String = Fixture.demoConfigPath) throws -> Muster {
        try Muster(configPath: configPath, storePath: storePath, clock: clock)
    }

    func scheduler(for muster: Muster) -> Scheduler {
        Scheduler(
            bot: muster.bot, config: muster.config,
            stores: SchedulerStores(posts: muster.store, watches: muster.watches, incidents: muster.incidents, schedule: muster.schedule, conversations: muster.conversations),
            couriers: ChatCouriers(secrets: Self.secrets), clock: clock, logger: Logger(label: "muster.test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    /// A Slack thread in the incident channel, as the desk records it when someone asks there.
    func place(_ muster: Muster, thread: String = "1700000000.000100") throws -> ConversationReference {
        let place = ConversationReference(
            key: "slack:T0NBCOMMS:C0NBINCIDENT:\(thread)", platform: .slack, workspace: "T0NBCOMMS", channel: "C0NBINCIDENT", thread: thread,
            userID: "U0NBLEAD1", userName: "priya", seenAt: clock.now
        )
        try muster.conversations.record(place)
        return place
    }

    func pending(_ muster: Muster) throws -> [OutboxMessage] {
        try muster.outbox.messages(status: .pending, limit: 100).sorted { $0.id < $1.id }
    }

    @Test("an incident room posts a sitrep each interval, saying what changed; a restart between two loses none and doubles none; closing stops them")
    func incidentRoom() throws {
        var muster = try open()
        let room = try place(muster)
        let id = try muster.incidents.open(Incident(name: "Hill Street fire", terms: ["fire", "smoke", "Hill St"], conversation: room.key, startedBy: "Priya Shah", startedAt: clock.now, interval: 1_800))
        #expect(scheduler(for: muster).tick().sitreps == 0, "the first sitrep is an interval after the start")

        clock.advance(by: 1_800)
        #expect(scheduler(for: muster).tick().sitreps == 1)
        clock.advance(by: 1_800)
        #expect(scheduler(for: muster).tick().sitreps == 1)

        // Killed and restarted: a new Muster and scheduler on the same store, at the same moment, send nothing again.
        muster = try open()
        #expect(scheduler(for: muster).tick().sitreps == 0, "the sitrep already sent is not sent again after a restart")
        clock.advance(by: 1_800)
        #expect(scheduler(for: muster).tick().sitreps == 1, "and the next one comes on time")

        let sitreps = try pending(muster)
        #expect(sitreps.count == 3)
        for (index, message) in sitreps.enumerated() {
            #expect(message.route == .slackAPI && message.body.contains(#""channel":"C0NBINCIDENT""#) && message.body.contains(#""thread_ts":"1700000000.000100""#))
            #expect(message.body.contains("Sitrep \(index + 1) ·"), "sitrep \(index + 1) is numbered")
            #expect(message.body.contains("Since last"), "sitrep \(index + 1) says what changed")
        }
        #expect(sitreps[1].body.contains("since the last sitrep at"), "the second counts from the first")
        #expect(sitreps[2].body.contains("since the last sitrep at"), "the third, after the restart, still counts from the second")

        let closed = try muster.incidents.close(in: room.key, named: nil, at: clock.now)
        #expect(closed?.id == id)
        clock.advance(by: 3_600)
        #expect(scheduler(for: muster).tick().sitreps == 0, "a closed incident posts nothing more")
    }

    @Test("a burst on a watched topic is alerted once in the asking thread, with what rose against what and the buttons; the cool-down holds")
    func spikeAlert() throws {
        let muster = try open()
        let asked = try place(muster, thread: "1700000000.000200")
        let watchID = try muster.watches.add(Watch(
            kind: .spike, topics: ["bins"], areas: ["Riverside"], label: "bins in Riverside", conversation: asked.key, setBy: "Priya Shah", createdAt: clock.now
        ))
        #expect(scheduler(for: muster).tick().spikes == 0, "the demo's usual bins posts are no spike")

        let lines = (1...40).map { index in
            #"{"id": "burst-\#(index)", "text": "Bins not collected on Tanner Street in Riverside again, report \#(index)", "created_at": "\#(ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(Double(-index * 30))))", "author": "resident\#(index)"}"#
        }
        _ = try muster.ingester.ingest(pushed: Data(lines.joined(separator: "\n").utf8), name: "burst", source: "push") { counts in
            AuditEntry(at: clock.now, user: "test", channel: "ingest", action: "push ingest", detail: "\(counts)")
        }
        clock.advance(by: 60)
        #expect(scheduler(for: muster).tick().spikes == 1)
        let alert = try #require(try pending(muster).last)
        #expect(alert.body.contains("Alert: bins in Riverside is rising"))
        #expect(alert.body.contains(#""thread_ts":"1700000000.000200""#) && alert.body.contains(#""channel":"C0NBINCIDENT""#))
        #expect(alert.body.contains("usually") || alert.body.contains("nothing like it"), "it says what was expected")
        #expect(alert.body.contains("muster_suggestion_0") && alert.body.contains("sitrep on bins in Riverside"), "with buttons for the next step")
        #expect(try muster.watches.watches(in: asked.key).first { $0.id == watchID }?.lastAlertAt == clock.now)

        clock.advance(by: 300)
        #expect(scheduler(for: muster).tick().spikes == 0, "no second alert within the cool-down")
    }

    @Test("the morning digest goes to its channel once a day at its local time, from the config; a restart that morning does not send it again")
    func digest() throws {
        let config = try Fixture.demoConfig(appending: """
            speaking_first:
              digest: {platform: slack, channel: C0NBCOMMS, at: "07:30"}
              watches:
                - {platform: slack, channel: C0NBINCIDENT, topics: [flooding], kind: spike}
            """)
        // 07:00 in London (UTC in November): not yet.
        clock.advance(by: -2 * 3_600 - 42 * 60)
        var muster = try open(configPath: config)
        #expect(scheduler(for: muster).tick().digests == 0)
        clock.advance(by: 45 * 60)
        #expect(scheduler(for: muster).tick().digests == 1)
        muster = try open(configPath: config)
        #expect(scheduler(for: muster).tick().digests == 0, "once a day, across a restart")
        let digest = try #require(try pending(muster).last)
        #expect(digest.body.contains("Morning digest") && digest.body.contains(#""channel":"C0NBCOMMS""#))
        #expect(digest.body.contains("What rose") && digest.body.contains("Waiting for a reply"))
        #expect(!digest.body.contains("thread_ts"), "a digest starts its own thread")

        // The config's standing watch is set once, on the channel's own conversation.
        let run = scheduler(for: muster)
        Thread { run.run() }.start()
        defer { run.stop() }
        let deadline = Date().addingTimeInterval(10)
        var standing: [Watch] = []
        while standing.isEmpty, Date() < deadline {
            standing = try muster.watches.watches(in: "config:slack:C0NBINCIDENT")
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(standing.map(\.topics) == [["flooding"]] && standing.first?.setBy == "config")
    }

    @Test("leadership: a live holder elsewhere is waited out, one that died on this machine is taken over at once, a clean stop frees it")
    func leadershipTakesOverFromTheDead() throws {
        let muster = try open()
        let quiet = Logger(label: "muster.test") { _ in SwiftLogNoOpLogHandler() }
        let host = ProcessInfo.processInfo.hostName
        let now = Date()
        func leader(_ holder: String) -> Leadership {
            Leadership(of: "scheduler", leases: muster.leases, duration: 30, logger: quiet, holder: holder)
        }
        #expect(try muster.leases.hold("scheduler", for: "elsewhere pid 1 aaaaaaaa", at: now, until: now.addingTimeInterval(30)))
        let me = leader("\(host) pid \(ProcessInfo.processInfo.processIdentifier) bbbbbbbb")
        #expect(!me.check(), "another machine's live lease is not taken")

        try muster.leases.release("scheduler", by: "elsewhere pid 1 aaaaaaaa")
        #expect(try muster.leases.hold("scheduler", for: "\(host) pid 1 dddddddd", at: now, until: now.addingTimeInterval(30)))
        #expect(!me.check(), "nor a live process's here (pid 1 is init)")

        // A process that has exited, on this machine, holding a lease with half a minute left.
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let dead = "\(host) pid \(exited.processIdentifier) cccccccc"
        try muster.leases.release("scheduler", by: "\(host) pid 1 dddddddd")
        #expect(try muster.leases.hold("scheduler", for: dead, at: now, until: now.addingTimeInterval(30)))
        #expect(me.check(), "taken from the process that died here")
        #expect(try muster.leases.holder(of: "scheduler") == me.holder)
        me.release()
        #expect(try muster.leases.holder(of: "scheduler") == nil, "a clean stop gives it up")
    }
}
