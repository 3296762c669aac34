import Foundation

/// Where "now" comes from: the system clock in service, a frozen instant in tests and transcript replay.
public protocol Clock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The system clock.
public struct SystemClock: Clock {
    /// Creates the system clock.
    public init() {}
    /// The current instant.
    public var now: Date { Date() }
}

/// A clock frozen at one instant.
public struct FixedClock: Clock {
    /// The frozen instant.
    public let now: Date

    /// Creates a clock that always answers `now`.
    public init(_ now: Date) {
        self.now = now
    }
}
