import Foundation
import MusterCore

/// Decides whether a watch's last window is a burst worth an alert, against the same hour in previous weeks.
///
/// Pure: it neither reads a store nor a clock. The caller says what time it is, how to count, where the data begins
/// and when the watch last alerted, so a replay over a month of counts runs the code that runs in service.
public struct SpikeDetector: Sendable {
    /// How a count is read against its baseline.
    public enum Model: String, Sendable, CaseIterable {
        /// Poisson with the baseline's mean taken as known.
        case poisson
        /// Negative-binomial: Poisson with the rate's uncertainty from a few baseline windows averaged in.
        case negativeBinomial
    }

    /// The settings it applies.
    public var settings: SpikeSettings
    /// How a count is read against its baseline.
    public var model: Model

    /// The seconds in a week: the baseline is the same hour of the week.
    static let week: TimeInterval = 7 * 86_400
    /// The seconds in a day: the first week's baseline is the same hour of the day.
    static let day: TimeInterval = 86_400
    /// The most days read in the first week (the seventh day back is a week).
    static let firstWeekDays = 6
    /// The window is cut into this many parts to find when the rise began (10-minute steps in an hour).
    static let sinceSteps = 6

    /// Creates a detector reading counts negative-binomially, the model the defaults were chosen with.
    ///
    /// - Parameter settings: what counts as a spike.
    public init(settings: SpikeSettings) {
        self.init(settings: settings, model: .negativeBinomial)
    }

    /// Creates a detector.
    ///
    /// - Parameters:
    ///   - settings: what counts as a spike.
    ///   - model: how a count is read against its baseline.
    public init(settings: SpikeSettings, model: Model) {
        self.settings = settings
        self.model = model
    }

    /// The spike at `now`, if there is one worth an alert: `history` is when the store's data begins (baseline windows
    /// before it are not counted as zero but skipped; with no week after it, previous days are read); `lastAlert`
    /// enforces the cool-down.
    ///
    /// - Parameters:
    ///   - now: the end of the window counted.
    ///   - count: how many of the watch's posts were made in an interval.
    ///   - history: when the data begins (`nil`: every baseline week is read).
    ///   - lastAlert: when the watch last alerted.
    /// - Returns: the spike, or `nil` when the window is as usual, too small, or the watch is cooling down.
    public func check(at now: Date, count: PostCounter, history: Date?, lastAlert: Date?) throws -> Spike? {
        // A last alert after `now` (another instance's clock ahead of ours) is cooling down too.
        if let lastAlert, now < lastAlert.addingTimeInterval(settings.coolDown) { return nil }
        let start = now.addingTimeInterval(-settings.window)
        let current = try count(start, now)
        // Checked before the baseline is read: almost every check ends here, at the cost of one count.
        guard current > 0, current >= settings.minimumCount else { return nil }

        let (total, windows, baseline) = try self.baseline(at: now, count: count, history: history)
        guard total > 0 else {
            guard current >= settings.newTopicMinimum else { return nil }
            let since = try rise(at: now, count: count, current: current) { posts, fraction in
                // Nothing is usual, so every post is above it; a floor of one post a window makes the search
                // prefer where posts crowd together over a stray one 50 minutes before them.
                PoissonTail.logProbability(atLeast: posts, mean: fraction)
            }
            return Spike(count: current, expected: 0, since: since, probability: 1, baseline: .none)
        }

        let tail = { (posts: Int, fraction: Double) -> Double in
            switch model {
            case .poisson: PoissonTail.logProbability(atLeast: posts, mean: Double(total) / Double(windows) * fraction)
            case .negativeBinomial: NegativeBinomialTail.logProbability(atLeast: posts, total: total, windows: windows, fraction: fraction)
            }
        }
        let logTail = tail(current, 1)
        guard logTail < log(settings.tail) else { return nil }
        let since = try rise(at: now, count: count, current: current, tail: tail)
        return Spike(count: current, expected: Double(total) / Double(windows), since: since, probability: exp(logTail), baseline: baseline)
    }

    /// The baseline's posts and windows: the same hour in previous weeks, or in a store's first week, before any
    /// such week exists, the same hour on the days it holds. A Tuesday evening is a poorer guide to a Saturday's than
    /// last Saturday was, but without it every busy topic of the first week reads as new (136 false alarms in the
    /// demo's first week, against 1 a week after it); the negative-binomial reading of a day or two stays wary.
    private func baseline(at now: Date, count: PostCounter, history: Date?) throws -> (total: Int, windows: Int, kind: Spike.Baseline) {
        let weeks = try sameWindow(at: now, every: Self.week, times: settings.baselineWeeks, count: count, history: history)
        if weeks.windows > 0 { return (weeks.total, weeks.windows, weeks.total > 0 ? .sameHourOfWeek(weeks: weeks.windows) : .none) }
        let days = try sameWindow(at: now, every: Self.day, times: Self.firstWeekDays, count: count, history: history)
        return (days.total, days.windows, days.total > 0 ? .sameHourOfDay(days: days.windows) : .none)
    }

    /// The posts in the window `period`, 2 × `period` … `times` × `period` before now's, stopping at the first that
    /// begins before the data does: the store holds nothing then, which is not the same as nothing having been said.
    private func sameWindow(at now: Date, every period: TimeInterval, times: Int, count: PostCounter, history: Date?) throws -> (total: Int, windows: Int) {
        var total = 0
        var windows = 0
        for back in stride(from: 1, through: times, by: 1) {
            let end = now.addingTimeInterval(-Double(back) * period)
            let start = end.addingTimeInterval(-settings.window)
            if let history, start < history { break }
            total += try count(start, end)
            windows += 1
        }
        return (total, windows)
    }

    /// When the rise began: the start of the window's last part (from the whole window down to its last step) whose
    /// posts are the least likely under `tail`, which is where the burst stands out most from the usual.
    private func rise(at now: Date, count: PostCounter, current: Int, tail: (Int, Double) -> Double) throws -> Date {
        let step = settings.window / Double(Self.sinceSteps)
        var best = (start: now.addingTimeInterval(-settings.window), logTail: tail(current, 1))
        for part in 1..<Self.sinceSteps {
            let start = now.addingTimeInterval(-settings.window + Double(part) * step)
            let posts = try count(start, now)
            let logTail = tail(posts, now.timeIntervalSince(start) / settings.window)
            // Strictly less: on a tie the earlier start, the whole rise, is kept.
            if logTail < best.logTail { best = (start, logTail) }
        }
        return best.start
    }
}
