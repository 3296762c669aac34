import Foundation
import MusterAlerts

/// Posts laid out by rule rather than stored: a steady rate from some instant, plus bursts, counted exactly.
struct SyntheticCounts: Sendable {
    /// One post every `spacing` seconds from `from` on (none before it).
    var from: Date
    var spacing: TimeInterval
    /// Extra posts at these times.
    var extra: [Date] = []

    func count(_ start: Date, _ end: Date) -> Int {
        // Posts at from + k·spacing for k ≥ 0 inside [start, end).
        func below(_ time: Date) -> Int {
            let offset = time.timeIntervalSince(from)
            return offset <= 0 ? 0 : Int((offset / spacing).rounded(.up))
        }
        return below(end) - below(start) + extra.filter { $0 >= start && $0 < end }.count
    }

    var counter: PostCounter { { [self] start, end in count(start, end) } }

    /// `posts` posts spread evenly over [start, start + length).
    static func burst(_ posts: Int, from start: Date, over length: TimeInterval) -> [Date] {
        (0..<posts).map { start.addingTimeInterval(Double($0) * length / Double(posts)) }
    }
}
