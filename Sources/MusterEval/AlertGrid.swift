import Foundation
import MusterAlerts

/// The settings the defaults were chosen from, measured only on tuning data (the demo month, CrisisLexT26's 2012
/// events) by `muster eval alerts --grid`.
public enum AlertGrid {
    /// Every candidate, named by its model and settings.
    public static var candidates: [AlertCandidate] {
        var all: [AlertCandidate] = []
        // An hour's window: both models, the tail, the minimum and the new-topic minimum.
        for model in SpikeDetector.Model.allCases {
            for tail in [1e-3, 1e-4, 1e-5, 1e-6] {
                for minimum in [4, 6, 8] {
                    for newTopic in [6, 8, 10, 12, 15] {
                        all.append(candidate(model, window: 3_600, tail: tail, minimum: minimum, newTopic: newTopic))
                    }
                }
            }
        }
        // Longer windows gather a slow story's trickle; their minimums scale with them.
        for window in [2.0, 3.0] {
            for tail in [1e-5, 1e-6] {
                for newTopic in [10, 15, 20, 25] {
                    all.append(candidate(.negativeBinomial, window: window * 3_600, tail: tail, minimum: Int(6 * window), newTopic: newTopic))
                }
            }
        }
        return all
    }

    static func candidate(_ model: SpikeDetector.Model, window: TimeInterval, tail: Double, minimum: Int, newTopic: Int) -> AlertCandidate {
        let settings = SpikeSettings(window: window, baselineWeeks: 4, tail: tail, minimumCount: minimum, coolDown: 3 * 3_600, newTopicMinimum: newTopic)
        let name = "\(model == .poisson ? "Poisson" : "NB") \(Int(window / 3_600)) h · \(AlertReport.scientific(tail)) · \(minimum) · \(newTopic)"
        return AlertCandidate(name: name, settings: settings, model: model)
    }
}
