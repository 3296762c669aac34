import Foundation
import MusterAlerts

/// A detector run over a timeline on a fixed tick, as the scheduler runs it, each alert starting its cool-down.
struct AlertReplay: Sendable {
    /// One alert and when it was raised.
    struct Alert: Sendable {
        var time: Date
        var spike: Spike
    }

    var detector: SpikeDetector
    /// Seconds between checks.
    var step: TimeInterval = 300

    /// Every alert from the first tick at or after `start` to `end`, or only the first when `firstOnly`.
    func alerts(from start: Date, to end: Date, history: Date?, count: PostCounter, firstOnly: Bool = false) throws -> [Alert] {
        var alerts: [Alert] = []
        var lastAlert: Date?
        var now = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / step).rounded(.up) * step)
        while now <= end {
            if let spike = try detector.check(at: now, count: count, history: history, lastAlert: lastAlert) {
                alerts.append(Alert(time: now, spike: spike))
                if firstOnly { break }
                lastAlert = now
            }
            now += step
        }
        return alerts
    }
}
