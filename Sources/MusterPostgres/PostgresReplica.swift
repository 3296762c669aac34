import Foundation
import Logging
import MusterSQL
import NIOConcurrencyHelpers

/// A streaming replica that answers are read from (`MUSTER_STORE_READ`), and whether it is keeping up.
///
/// Every `interval` the primary's write-ahead log position is noted; the replica is used while it has replayed at
/// least what the primary had written one check earlier, so an answer read there is at most about two intervals
/// old. A replica further behind (replay paused, a broken link, a long query holding replay back) is passed over
/// for the primary until it catches up, and the log says so once each way.
final class PostgresReplica: Sendable {
    let connections: PostgresConnections
    /// How often the replica's progress is checked.
    let interval: TimeInterval
    private let state = NIOLockedValueBox(State())

    private struct State {
        var checkedAt = Date.distantPast
        /// The primary's log position at the last check, as PostgreSQL writes an LSN.
        var primaryPosition: String?
        var keepingUp = true
    }

    init(address: PostgresAddress, interval: TimeInterval, connectTimeout: TimeInterval) {
        connections = PostgresConnections(address: address, connectTimeout: .milliseconds(Int64(connectTimeout * 1000)))
        self.interval = interval
    }

    /// Whether answers should be read here now, checking first when a check is due.
    func isKeepingUp(with primary: PostgresConnections) -> Bool {
        let now = Date()
        let due = state.withLockedValue { state -> Bool in
            guard now.timeIntervalSince(state.checkedAt) >= interval else { return false }
            state.checkedAt = now
            return true
        }
        if due { check(against: primary) }
        return state.withLockedValue(\.keepingUp)
    }

    private func check(against primary: PostgresConnections) {
        // Unreachable a moment ago: answers fall back by themselves (`with(orElse:)`) until it is tried again.
        guard !connections.recentlyUnreachable else { return }
        do {
            let current = try primary.with { connection in
                try primary.rows("SELECT pg_current_wal_lsn()::text", on: connection).rows.first.map { PostgresColumns($0).string(0) }
            }
            let previous = state.withLockedValue { state in
                defer { state.primaryPosition = current }
                return state.primaryPosition
            }
            guard let previous else { return }
            // NULL when the address is not in recovery (a primary named by mistake): nothing to wait for.
            let replayed = try connections.with { connection in
                try connections.rows(
                    "SELECT coalesce(pg_last_wal_replay_lsn() >= \(previous)::pg_lsn, true)::int", on: connection
                ).rows.first.map { PostgresColumns($0).int(0) == 1 } ?? true
            }
            let changed = state.withLockedValue { state in
                defer { state.keepingUp = replayed }
                return state.keepingUp != replayed
            }
            guard changed else { return }
            let replica = "\(connections.address.host):\(connections.address.port)"
            let ago = interval < 1 ? String(interval) : String(Int(interval))
            if replayed {
                connections.logger.notice("the replica at \(replica) has caught up; answers are read there again")
            } else {
                connections.logger.warning("the replica at \(replica) has not replayed what the primary had written \(ago) s ago; answers are read from the primary until it catches up")
            }
        } catch {
            // Unreachable, or the primary is: the answer's own read reports what matters.
        }
    }
}
