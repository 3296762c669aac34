import Dispatch
import Foundation
import Logging
import Metrics
import MusterAlerts
import MusterBot
import MusterChat
import MusterConfig
import MusterCore
import Synchronization

/// Muster speaking first: one scheduler in `muster serve` checks every watch for spikes and new rumours, posts due
/// incident sitreps and the morning digest, each into its conversation through the outbox.
///
/// It runs on a thread of its own (SQLite and the bot block), on a tick and whenever posts arrive (`wake()`), so a
/// burst is noticed at once and a silence after it on the next tick. Every message is claimed in the store in the
/// transaction that queues it: a restart or a second instance never sends one twice, and one due is never lost.
public final class Scheduler: Sendable {
    /// What one pass queued.
    public struct Tally: Sendable, Hashable {
        /// Spike alerts.
        public var spikes = 0
        /// Rumour alerts.
        public var rumours = 0
        /// Sitreps.
        public var sitreps = 0
        /// Digests.
        public var digests = 0

        /// Everything queued.
        public var total: Int { spikes + rumours + sitreps + digests }
    }

    private let bot: Bot
    private let settings: SpeakingFirst
    private let timeZone: TimeZone
    private let stores: SchedulerStores
    private let couriers: ChatCouriers
    private let clock: any Clock
    private let logger: Logger
    private let outboxChanged: @Sendable () -> Void
    private let leadership: Leadership?
    /// How often a pass runs when no posts arrive.
    public let tickInterval: TimeInterval
    private let signal = DispatchSemaphore(value: 0)
    private let stopping = Mutex(false)

    /// Creates a scheduler.
    ///
    /// - Parameters:
    ///   - outboxChanged: called after a message is queued, to wake the delivery worker.
    ///   - tickInterval: the longest wait between passes.
    ///   - leadership: the lease that makes this the one scheduler among instances on the store; `nil` runs
    ///     regardless (one instance, or a test calling `tick()`).
    public init(
        bot: Bot, config: CouncilConfig, stores: SchedulerStores, couriers: ChatCouriers, clock: any Clock, logger: Logger,
        tickInterval: TimeInterval = 60, leadership: Leadership? = nil, outboxChanged: @escaping @Sendable () -> Void = {}
    ) {
        self.bot = bot
        settings = config.speakingFirst
        timeZone = config.organisation.timeZone
        self.stores = stores
        self.couriers = couriers
        self.clock = clock
        self.logger = logger
        self.tickInterval = tickInterval
        self.leadership = leadership
        self.outboxChanged = outboxChanged
    }

    /// Runs passes until `stop()`: one at once, then on every tick or `wake()` — while this instance leads, when
    /// there is a `leadership`. A follower checks the lease a few times a lease's length, so it takes over within
    /// that of the leader dying; a clean stop hands it over at once.
    public func run() {
        logger.info("scheduler started", metadata: ["tick": "\(tickInterval)s"])
        do {
            try StandingWatches(settings.watches).ensure(in: stores.watches, at: clock.now)
        } catch {
            logger.error("could not set the config's standing watches", metadata: ["error": "\(error)"])
        }
        let checkInterval = leadership.map { min(tickInterval, $0.duration / 3) } ?? tickInterval
        var lastPass: ContinuousClock.Instant?
        var woken = true
        while !stopping.withLock({ $0 }) {
            let due = woken || lastPass.map { ContinuousClock.now - $0 >= .seconds(tickInterval) } ?? true
            // The lease is renewed on every check, due or not, so the leader keeps it between passes.
            if leadership?.check() ?? true, due {
                tick()
                lastPass = ContinuousClock.now
            }
            woken = signal.wait(timeout: .now() + checkInterval) == .success
        }
        leadership?.release()
        logger.info("scheduler stopped")
    }

    /// Cuts short the wait: posts arrived.
    public func wake() {
        signal.signal()
    }

    /// Asks `run()` to return after the pass in progress.
    public func stop() {
        stopping.withLock { $0 = true }
        signal.signal()
    }

    /// One pass: every watch, every due sitrep, the digest if due. A failure in one is logged and the rest go on.
    @discardableResult
    public func tick() -> Tally {
        let now = clock.now
        var tally = Tally()
        let watches: [Watch]
        do {
            watches = try stores.watches.watches(in: nil)
        } catch {
            logger.error("cannot read the watches", metadata: ["error": "\(error)"])
            watches = []
        }
        // Only spike watches read it: a store with none is not scanned every minute.
        let history = watches.contains { $0.kind == .spike } ? firstPostTime(before: now) : nil
        for watch in watches {
            do {
                switch watch.kind {
                case .spike: if try checkSpike(watch, at: now, history: history) { tally.spikes += 1 }
                case .rumours: tally.rumours += try checkRumours(watch, at: now)
                }
            } catch {
                logger.error("could not check a watch", metadata: ["watch": "\(watch.id)", "error": "\(error)"])
            }
        }
        tally.sitreps = postDueSitreps(at: now)
        if postDigest(at: now) { tally.digests = 1 }
        if tally.total > 0 {
            outboxChanged()
            Counter(label: "muster_alerts_total", dimensions: [("kind", "spike")]).increment(by: tally.spikes)
            Counter(label: "muster_alerts_total", dimensions: [("kind", "rumour")]).increment(by: tally.rumours)
            Counter(label: "muster_sitreps_total").increment(by: tally.sitreps + tally.digests)
        }
        return tally
    }

    // MARK: - Watches

    private func checkSpike(_ watch: Watch, at now: Date, history: Date?) throws -> Bool {
        let detector = SpikeDetector(settings: .for(watch.sensitivity))
        let posts = stores.posts
        let counter: PostCounter = { start, end in try posts.aggregate(watch.query(over: TimeWindow(start: start, end: end, label: ""))).count }
        guard let spike = try detector.check(at: now, count: counter, history: history, lastAlert: watch.lastAlertAt) else { return false }
        let reply = bot.spikeAlert(for: watch, spike, window: detector.settings.window)
        let message = envelope(reply, to: watch.conversation, at: now)
        let recorded = try stores.watches.recordAlert(for: watch.id, at: now, unlessSince: now.addingTimeInterval(-detector.settings.coolDown), message: message)
        if recorded {
            logger.notice("spike alert", metadata: ["watch": "\(watch.id)", "count": "\(spike.count)", "expected": "\(spike.expected)", "queued": "\(message != nil)"])
        }
        return recorded
    }

    private func checkRumours(_ watch: Watch, at now: Date) throws -> Int {
        let thresholds = RumourThresholds.for(watch.sensitivity)
        var sent = 0
        for (key, reply) in try bot.rumourAlerts(for: watch, within: thresholds.window, minimumPosts: thresholds.posts, minimumAccounts: thresholds.accounts)
        where try !stores.watches.alerted(rumour: key, watch: watch.id) {
            if try stores.watches.recordRumourAlert(key, watch: watch.id, at: now, message: envelope(reply, to: watch.conversation, at: now)) {
                logger.notice("rumour alert", metadata: ["watch": "\(watch.id)", "rumour": "\(key)"])
                sent += 1
            }
        }
        return sent
    }

    /// When the store's posts begin, to five minutes (baseline windows before it are not counted as quiet): the
    /// first day holding a post among the last 70, then the first five minutes holding one in that day. `nil` when
    /// the store holds posts from before those 70 days, so every baseline window is read.
    private func firstPostTime(before now: Date) -> Date? {
        let days = 70
        let start = now.addingTimeInterval(-Double(days) * 86_400)
        guard let volume = try? stores.posts.volume(PostQuery(window: TimeWindow(start: start, end: now, label: "")), buckets: days),
              let first = volume.firstIndex(where: { $0 > 0 }), first > 0
        else { return nil }
        let day = start.addingTimeInterval(Double(first) * 86_400)
        let steps = 288
        guard let within = try? stores.posts.volume(PostQuery(window: TimeWindow(start: day, end: day.addingTimeInterval(86_400), label: "")), buckets: steps),
              let step = within.firstIndex(where: { $0 > 0 })
        else { return day }
        return day.addingTimeInterval(Double(step) * 300)
    }

    // MARK: - Sitreps and the digest

    private func postDueSitreps(at now: Date) -> Int {
        let due: [Incident]
        do {
            due = try stores.incidents.openIncidents(in: nil).filter { $0.nextSitrepAt <= now }
        } catch {
            logger.error("cannot read the incident rooms", metadata: ["error": "\(error)"])
            return 0
        }
        var sent = 0
        for incident in due {
            let reply = bot.sitrep(for: incident)
            do {
                if try stores.incidents.recordSitrep(of: incident, at: now, message: envelope(reply, to: incident.conversation, at: now)) {
                    logger.notice("sitrep", metadata: ["incident": "\(incident.id)", "number": "\(incident.sitreps + 1)"])
                    sent += 1
                }
            } catch {
                logger.error("could not queue a sitrep", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
            }
        }
        return sent
    }

    /// The digest, once a day from its time until noon-ish: a server down at 07:30 still posts it when it is back
    /// that morning, never twice, and not in the afternoon when it would be stale.
    private func postDigest(at now: Date) -> Bool {
        guard let digest = settings.digest, let time = digest.time else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let due = calendar.date(bySettingHour: time.hour, minute: time.minute, second: 0, of: now), now >= due,
              now < due.addingTimeInterval(6 * 3_600)
        else { return false }
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        let name = String(format: "digest %04d-%02d-%02d %@:%@", day.year ?? 0, day.month ?? 0, day.day ?? 0, digest.platform.rawValue, digest.channel)
        let conversation = StandingWatches.conversation(platform: digest.platform, channel: digest.channel)
        do {
            // Checked first so the digest's four questions are asked once a day, not on every tick of its morning.
            guard try !stores.schedule.claimed(name) else { return false }
            return try stores.schedule.claim(name, at: now, message: envelope(bot.digest(in: conversation), to: conversation, at: now))
        } catch {
            logger.error("could not queue the digest", metadata: ["error": "\(error)"])
            return false
        }
    }

    // MARK: - Places

    /// The outbox message posting `reply` to a conversation: where it was last heard from, or for a channel named
    /// in the config, the latest place heard in that channel (else the channel alone, which Slack and Mattermost
    /// need no more than). `nil` when there is no way there; the alert is still recorded, so it is not retried.
    private func envelope(_ reply: Reply, to conversation: String, at now: Date) -> OutboxMessage? {
        guard let place = place(of: conversation, at: now) else {
            logger.warning("a message has nowhere to go: its conversation was never heard from", metadata: ["conversation": "\(conversation)"])
            return nil
        }
        let message = couriers.envelope(for: reply, to: place, at: now)
        if message == nil { logger.warning("no app token or webhook can reach a conversation", metadata: ["conversation": "\(conversation)"]) }
        return message
    }

    private func place(of conversation: String, at now: Date) -> ConversationReference? {
        if let known = try? stores.conversations.reference(for: conversation) { return known }
        guard let (platform, channel) = StandingWatches.channel(of: conversation) else { return nil }
        var latest = (try? stores.conversations.references(on: platform, limit: 500))?.first { $0.channel == channel }
        latest?.thread = nil
        latest?.key = conversation
        return latest ?? ConversationReference(key: conversation, platform: platform, workspace: "", channel: channel, seenAt: now)
    }
}
