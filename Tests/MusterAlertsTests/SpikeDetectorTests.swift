import Foundation
import MusterAlerts
import MusterCore
import Testing

@Suite("Spike detector")
struct SpikeDetectorTests {
    /// A Monday noon, six weeks into the data.
    static let now = Date(timeIntervalSince1970: 1_795_000_000 - 1_795_000_000.truncatingRemainder(dividingBy: 3_600))
    static let week: TimeInterval = 7 * 86_400
    /// Ten posts an hour, every hour, for six weeks before `now` and on.
    static let flat = SyntheticCounts(from: now.addingTimeInterval(-6 * week), spacing: 360)

    static func detector(_ sensitivity: Watch.Sensitivity) -> SpikeDetector {
        SpikeDetector(settings: .for(sensitivity))
    }

    @Test("a flat series never alerts, at any sensitivity, checked every 5 minutes for two weeks", arguments: Watch.Sensitivity.allCases)
    func flatSeries(sensitivity: Watch.Sensitivity) throws {
        let detector = Self.detector(sensitivity)
        var alerts = 0
        for tick in stride(from: -2 * Self.week, through: 0, by: 300) {
            if try detector.check(at: Self.now.addingTimeInterval(tick), count: Self.flat.counter, history: Self.flat.from, lastAlert: nil) != nil {
                alerts += 1
            }
        }
        #expect(alerts == 0)
    }

    @Test("a burst alerts with its count, the usual for the hour, and the start of the step where it began", arguments: SpikeDetector.Model.allCases)
    func burst(model: SpikeDetector.Model) throws {
        var counts = Self.flat
        counts.extra = SyntheticCounts.burst(60, from: Self.now.addingTimeInterval(-1_800), over: 1_800)
        let detector = SpikeDetector(settings: .for(.normal), model: model)
        let spike = try #require(try detector.check(at: Self.now, count: counts.counter, history: counts.from, lastAlert: nil))
        #expect(spike.count == 70)
        #expect(spike.expected == 10)
        #expect(spike.since == Self.now.addingTimeInterval(-1_800))
        #expect(spike.probability > 0 && spike.probability < 1e-20)
        #expect(!spike.isNewTopic)
    }

    @Test("a burst that began partway through a step is dated from the start of that step")
    func sinceRoundsToStep() throws {
        var counts = Self.flat
        counts.extra = SyntheticCounts.burst(40, from: Self.now.addingTimeInterval(-1_500), over: 1_500)
        let spike = try #require(try Self.detector(.normal).check(at: Self.now, count: counts.counter, history: counts.from, lastAlert: nil))
        #expect(spike.since == Self.now.addingTimeInterval(-1_800))
    }

    @Test("the minimum count holds however unlikely a small count is")
    func minimumCount() throws {
        // Anything above a zero-ish usual would pass a tail of one half; only the minimum stands in the way.
        let settings = SpikeSettings(window: 3_600, baselineWeeks: 4, tail: 0.5, minimumCount: 5, coolDown: 3_600, newTopicMinimum: 5)
        let detector = SpikeDetector(settings: settings)
        let quiet = SyntheticCounts(from: Self.now.addingTimeInterval(-6 * Self.week), spacing: 4 * 3_600)
        for posts in 1...4 {
            var counts = quiet
            counts.extra = SyntheticCounts.burst(posts, from: Self.now.addingTimeInterval(-600), over: 600)
            #expect(try detector.check(at: Self.now, count: counts.counter, history: quiet.from, lastAlert: nil) == nil, "\(posts) posts")
        }
        var counts = quiet
        counts.extra = SyntheticCounts.burst(5, from: Self.now.addingTimeInterval(-600), over: 600)
        #expect(try detector.check(at: Self.now, count: counts.counter, history: quiet.from, lastAlert: nil) != nil)
    }

    @Test("at 3 a.m. a stray post or two, against a usual of almost nothing, never alerts", arguments: Watch.Sensitivity.allCases)
    func quietNight(sensitivity: Watch.Sensitivity) throws {
        // One post every 4 hours: a quarter of a post in the usual hour, or none at all.
        let quiet = SyntheticCounts(from: Self.now.addingTimeInterval(-6 * Self.week), spacing: 4 * 3_600)
        for posts in 1...3 {
            var counts = quiet
            counts.extra = SyntheticCounts.burst(posts, from: Self.now.addingTimeInterval(-1_200), over: 1_200)
            for offset in stride(from: 0.0, to: 4 * 3_600, by: 600) {
                let at = Self.now.addingTimeInterval(offset)
                #expect(try Self.detector(sensitivity).check(at: at, count: counts.counter, history: quiet.from, lastAlert: nil) == nil)
            }
        }
    }

    @Test("no second alert within the cool-down; the next comes once it has passed", arguments: Watch.Sensitivity.allCases)
    func coolDown(sensitivity: Watch.Sensitivity) throws {
        let detector = Self.detector(sensitivity)
        let coolDown = detector.settings.coolDown
        let alerted = Self.now.addingTimeInterval(-coolDown - 3_600)
        // A hundred posts an hour above the usual ten, from an hour before the alert until now: a spike throughout.
        var counts = Self.flat
        let hours = (coolDown + 2 * 3_600) / 3_600
        counts.extra = SyntheticCounts.burst(Int(hours) * 100, from: alerted.addingTimeInterval(-3_600), over: hours * 3_600)
        #expect(try detector.check(at: alerted, count: counts.counter, history: counts.from, lastAlert: nil) != nil)
        #expect(try detector.check(at: alerted.addingTimeInterval(coolDown - 300), count: counts.counter, history: counts.from, lastAlert: alerted) == nil)
        #expect(try detector.check(at: alerted.addingTimeInterval(coolDown), count: counts.counter, history: counts.from, lastAlert: alerted) != nil)
        // Another instance's alert stamped a little ahead of this clock is cooling down too.
        #expect(try detector.check(at: Self.now, count: counts.counter, history: counts.from, lastAlert: Self.now.addingTimeInterval(60)) == nil)
    }

    @Test("with no history the new-topic rule speaks: at its minimum, not below it")
    func newTopic() throws {
        let settings = SpikeSettings.for(.normal)
        let detector = SpikeDetector(settings: settings)
        let history = Self.now.addingTimeInterval(-2 * 3_600)
        for (posts, alerts) in [(settings.newTopicMinimum - 1, false), (settings.newTopicMinimum, true)] {
            let counts = SyntheticCounts(from: .distantFuture, spacing: 1, extra: SyntheticCounts.burst(posts, from: Self.now.addingTimeInterval(-1_200), over: 1_200))
            let spike = try detector.check(at: Self.now, count: counts.counter, history: history, lastAlert: nil)
            #expect((spike != nil) == alerts, "\(posts) posts")
            if let spike {
                #expect(spike.isNewTopic)
                #expect(spike.expected == 0)
                #expect(spike.probability == 1)
                #expect(spike.count == posts)
                #expect(spike.since == Self.now.addingTimeInterval(-1_200))
            }
            // Weeks on record that held nothing are no history either.
            let empty = try detector.check(at: Self.now, count: counts.counter, history: nil, lastAlert: nil)
            #expect((empty?.isNewTopic ?? false) == alerts)
        }
    }

    @Test("baseline weeks before the data begins are skipped, not read as weeks of silence")
    func baselineBeforeHistory() throws {
        // Ten posts an hour for the last 15 days only: two baseline weeks exist, two do not.
        let recent = SyntheticCounts(
            from: Self.now.addingTimeInterval(-15 * 86_400), spacing: 360,
            extra: SyntheticCounts.burst(30, from: Self.now.addingTimeInterval(-1_800), over: 1_800)
        )
        let detector = Self.detector(.normal)
        let known = try #require(try detector.check(at: Self.now, count: recent.counter, history: recent.from, lastAlert: nil))
        #expect(known.expected == 10)
        // Read as silence, the same weeks would halve the usual.
        let misread = try #require(try detector.check(at: Self.now, count: recent.counter, history: nil, lastAlert: nil))
        #expect(misread.expected == 5)
        // And a rise to 16 an hour that the real usual explains is not a spike.
        var modest = recent
        modest.extra = SyntheticCounts.burst(6, from: Self.now.addingTimeInterval(-1_800), over: 1_800)
        #expect(try detector.check(at: Self.now, count: modest.counter, history: recent.from, lastAlert: nil) == nil)
    }

    @Test("in the store's first week the same hour on previous days is the usual: a busy topic is not new, a burst still alerts", arguments: Watch.Sensitivity.allCases)
    func firstWeek(sensitivity: Watch.Sensitivity) throws {
        // Ten posts an hour for the last three and a half days: no baseline week exists, three baseline days do.
        let recent = SyntheticCounts(from: Self.now.addingTimeInterval(-3.5 * 86_400), spacing: 360)
        let detector = Self.detector(sensitivity)
        var alerts = 0
        for tick in stride(from: -12 * 3_600.0, through: 0, by: 300) {
            if try detector.check(at: Self.now.addingTimeInterval(tick), count: recent.counter, history: recent.from, lastAlert: nil) != nil {
                alerts += 1
            }
        }
        #expect(alerts == 0, "a steady topic read as new \(alerts) times")

        var burst = recent
        burst.extra = SyntheticCounts.burst(60, from: Self.now.addingTimeInterval(-1_800), over: 1_800)
        let spike = try #require(try detector.check(at: Self.now, count: burst.counter, history: recent.from, lastAlert: nil))
        #expect(spike.baseline == .sameHourOfDay(days: 3))
        #expect(spike.expected == 10)
        #expect(spike.count == 70)
        #expect(!spike.isNewTopic)
    }

    @Test("once a baseline week exists, previous days are no longer read")
    func weekTakesOver() throws {
        let recent = SyntheticCounts(from: Self.now.addingTimeInterval(-8 * 86_400), spacing: 360,
                                     extra: SyntheticCounts.burst(60, from: Self.now.addingTimeInterval(-1_800), over: 1_800))
        let spike = try #require(try Self.detector(.normal).check(at: Self.now, count: recent.counter, history: recent.from, lastAlert: nil))
        #expect(spike.baseline == .sameHourOfWeek(weeks: 1))
    }

    @Test("huge counts neither overflow nor give NaN", arguments: SpikeDetector.Model.allCases)
    func hugeCounts(model: SpikeDetector.Model) throws {
        let detector = SpikeDetector(settings: .for(.normal), model: model)
        let busy = SyntheticCounts(from: Self.now.addingTimeInterval(-6 * Self.week), spacing: 0.75)
        var flood = busy
        flood.extra = SyntheticCounts.burst(1_000_000, from: Self.now.addingTimeInterval(-600), over: 600)
        let spike = try #require(try detector.check(at: Self.now, count: flood.counter, history: busy.from, lastAlert: nil))
        #expect(spike.count == 1_004_800)
        #expect(spike.expected == 4_800)
        #expect(!spike.probability.isNaN && spike.probability >= 0 && spike.probability < 1e-100)
        #expect(spike.since == Self.now.addingTimeInterval(-600))
        // A busy hour a little above its usual thousands is no spike.
        var steady = busy
        steady.extra = SyntheticCounts.burst(100, from: Self.now.addingTimeInterval(-3_600), over: 3_600)
        #expect(try detector.check(at: Self.now, count: steady.counter, history: busy.from, lastAlert: nil) == nil)
    }
}
