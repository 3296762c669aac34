import Foundation
import MusterAlerts

/// The settings the defaults were chosen from, measured only on tuning data (the demo month, CrisisLexT26's 2012
/// events) by `muster eval alerts --grid`.
public enum AlertGrid {
    /// Every candidate, named by what it changes.
    public static var candidates: [AlertCandidate] {
        var all: [AlertCandidate] = []
        for model in SpikeDetector.Model.allCases {
            for tail in [1e-3, 1e-4, 1e-5, 1e-6] {
                for minimum in [4, 6, 8] {
                    for newTopic in [8, 10, 12, 15] {
                        let settings = SpikeSettings(window: 3_600, baselineWeeks: 4, tail: tail, minimumCount: minimum, coolDown: 3 * 3_600, newTopicMinimum: newTopic)
                        all.append(AlertCandidate(name: model == .poisson ? "Poisson" : "NB", settings: settings, model: model))
                    }
                }
            }
        }
        return all
    }
}
