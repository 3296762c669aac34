import Foundation
import MusterCore

extension SpikeSettings {
    /// The defaults for a sensitivity, chosen from `muster eval alerts` (README, "Speaking first: how alerts are
    /// tuned"): the demo month's false alarms and story delays, then CrisisLexT26's held-out 2013 events.
    ///
    /// - Parameter sensitivity: how readily the watch should alert.
    public static func `for`(_ sensitivity: Watch.Sensitivity) -> SpikeSettings {
        switch sensitivity {
        case .low:
            SpikeSettings(window: 3_600, baselineWeeks: 4, tail: 1e-6, minimumCount: 8, coolDown: 6 * 3_600, newTopicMinimum: 15)
        case .normal:
            SpikeSettings(window: 3_600, baselineWeeks: 4, tail: 1e-5, minimumCount: 6, coolDown: 3 * 3_600, newTopicMinimum: 10)
        case .high:
            SpikeSettings(window: 3_600, baselineWeeks: 4, tail: 1e-4, minimumCount: 4, coolDown: 3_600, newTopicMinimum: 8)
        }
    }
}
