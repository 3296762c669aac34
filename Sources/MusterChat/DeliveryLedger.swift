import Foundation
import Synchronization

/// Remembers which platform deliveries have been seen, so that a retried or duplicated delivery is answered once.
///
/// Slack retries after about one and five minutes, and Teams has been seen to send a message twice a second apart;
/// entries are kept for fifteen minutes, which covers both. The ledger is in memory: a delivery retried across a
/// restart of `muster serve` is answered again.
public final class DeliveryLedger: Sendable {
    private let seen = Mutex<[String: Date]>([:])
    private let lifetime: TimeInterval

    /// A ledger that forgets deliveries after `lifetime` seconds.
    public init(lifetime: TimeInterval = 15 * 60) {
        self.lifetime = lifetime
    }

    /// `true` the first time `key` is seen within the lifetime, `false` for a repeat.
    public func firstSighting(of key: String, at now: Date) -> Bool {
        seen.withLock { seen in
            if seen.count > 10_000 { seen = seen.filter { now.timeIntervalSince($0.value) < lifetime } }
            if let earlier = seen[key], now.timeIntervalSince(earlier) < lifetime { return false }
            seen[key] = now
            return true
        }
    }
}
