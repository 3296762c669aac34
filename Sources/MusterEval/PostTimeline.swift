import Foundation
import MusterAlerts

/// Posts' times held in memory, counted over any interval by binary search: a replay with no store behind it.
struct PostTimeline: Sendable {
    /// Seconds since 1970, oldest first.
    let times: [Double]

    init(times: [Date]) {
        self.times = times.map(\.timeIntervalSince1970).sorted()
    }

    var first: Date? { times.first.map(Date.init(timeIntervalSince1970:)) }
    var last: Date? { times.last.map(Date.init(timeIntervalSince1970:)) }

    /// The posts in [start, end).
    func count(_ start: Date, _ end: Date) -> Int {
        max(0, firstIndex(atOrAfter: end.timeIntervalSince1970) - firstIndex(atOrAfter: start.timeIntervalSince1970))
    }

    /// What the detector counts with.
    var counter: PostCounter { { [self] start, end in count(start, end) } }

    private func firstIndex(atOrAfter time: Double) -> Int {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
