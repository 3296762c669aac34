import Foundation
import MusterAlerts

/// A watch's posts counted once into fixed buckets from an origin and summed by prefix sums, so a month of checks
/// every five minutes costs one store query per watch rather than five per check.
struct BucketedCounts: Sendable {
    let origin: Date
    let width: TimeInterval
    /// `prefix[i]`: the posts in the first `i` buckets.
    private let prefix: [Int]

    /// Counts in buckets of `width` seconds from `origin`, oldest first.
    init(origin: Date, width: TimeInterval, counts: [Int]) {
        self.origin = origin
        self.width = width
        var prefix = [0]
        prefix.reserveCapacity(counts.count + 1)
        for count in counts { prefix.append(prefix[prefix.count - 1] + count) }
        self.prefix = prefix
    }

    /// The posts in [start, end), exact when both fall on bucket edges (every check of a replay on the same step
    /// does); otherwise each end is taken to the edge below it.
    func count(_ start: Date, _ end: Date) -> Int {
        prefix[edge(end)] - prefix[edge(start)]
    }

    /// What the detector counts with.
    var counter: PostCounter { { [self] start, end in count(start, end) } }

    private func edge(_ time: Date) -> Int {
        let index = (time.timeIntervalSince(origin) / width).rounded(.down)
        return Int(min(max(index, 0), Double(prefix.count - 1)))
    }
}
