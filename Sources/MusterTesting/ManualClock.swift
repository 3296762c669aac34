import Foundation
import MusterCore
import Synchronization

/// A clock a test moves on by hand, for schedules: "thirty minutes later" without waiting thirty minutes.
public final class ManualClock: Clock {
    private let instant: Mutex<Date>

    /// A clock standing at `start`.
    public init(_ start: Date) {
        instant = Mutex(start)
    }

    public var now: Date { instant.withLock { $0 } }

    /// Moves the clock on by `seconds`.
    public func advance(by seconds: TimeInterval) {
        instant.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
