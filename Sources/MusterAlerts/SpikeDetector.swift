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

    /// The spike at `now`, if there is one worth an alert: `history` is when the store's data begins (baseline weeks
    /// before it are not counted as zero but skipped); `lastAlert` enforces the cool-down.
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

        var total = 0
        var windows = 0
        for week in stride(from: 1, through: settings.baselineWeeks, by: 1) {
            let end = now.addingTimeInterval(-Double(week) * Self.week)
            let weekStart = end.addingTimeInterval(-settings.window)
            // Before the data begins the store holds nothing, which is not the same as nothing having been said.
            if let history, weekStart < history { break }
            total += try count(weekStart, end)
            windows += 1
        }

        guard total > 0 else {
            guard current >= settings.newTopicMinimum else { return nil }
            let since = try rise(at: now, count: count, current: current) { posts, fraction in
                // Nothing is usual, so every post is above it; a floor of one post a window makes the search
                // prefer where posts crowd together over a stray one 50 minutes before them.
                PoissonTail.logProbability(atLeast: posts, mean: fraction)
            }
            return Spike(count: current, expected: 0, since: since, probability: 1, isNewTopic: true)
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
        return Spike(count: current, expected: Double(total) / Double(windows), since: since, probability: exp(logTail), isNewTopic: false)
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
