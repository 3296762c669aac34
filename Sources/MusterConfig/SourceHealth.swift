import Foundation
import MusterCore

/// How a polled source is faring, judged from its config and its saved status: what `/readyz`, `muster sources`
/// and the answers' freshness line say about it.
public struct SourceHealth: Sendable {
    /// The source.
    public var source: Source
    /// Its saved status; `nil` before its first poll.
    public var status: SourceStatus?

    /// Creates the health of `source` from its `status`.
    public init(source: Source, status: SourceStatus?) {
        self.source = source
        self.status = status
    }

    /// The health of each of `sources`, from the ledger's statuses.
    public static func all(_ sources: [Source], ledger: any SourceLedger) throws -> [SourceHealth] {
        let statuses = Dictionary(try ledger.statuses().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return sources.map { SourceHealth(source: $0, status: statuses[$0.name]) }
    }

    /// Polls missed before a source counts as stale: one late poll is a hiccup, three are an outage.
    public static let missedPollsWorthSaying = 3.0
    /// However often a source is polled, it is not called stale sooner than this after its last read.
    public static let shortestStaleness: TimeInterval = 15 * 60

    /// When the source was last read successfully.
    public var lastRead: Date? { status?.lastSuccessAt }

    /// Whether its data has gone stale at `now`: no good read for three of its intervals (at least 15 minutes), or
    /// none ever after polls that failed.
    public func isStale(at now: Date) -> Bool {
        guard let status else { return false }
        guard let lastRead = status.lastSuccessAt else { return status.failures > 0 }
        return now.timeIntervalSince(lastRead) > max(source.interval * Self.missedPollsWorthSaying, Self.shortestStaleness)
    }

    /// Whether its last poll failed.
    public var isFailing: Bool { status?.isFailing ?? false }
}
