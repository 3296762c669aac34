import Foundation
import MusterCore

/// Incident rooms in the store's `incident` table (either store). A sitrep is claimed by moving the incident's
/// next-sitrep time on, in the transaction that queues it: whoever moves it sends it, once.
public struct SQLIncidentStore: IncidentStore {
    private let database: any SQLRunning

    /// The incidents in `database`.
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    private static let columns: SQL = "id, name, terms, conversation, started_by, started_at, interval_seconds, next_sitrep_at, sitreps, closed_at"

    public func open(_ incident: Incident) throws -> Int64 {
        try database.inserting("""
            INSERT INTO incident (name, terms, conversation, started_by, started_at, interval_seconds, next_sitrep_at, sitreps, closed_at)
            VALUES (\(incident.name), \(JSONList.text(incident.terms)), \(incident.conversation), \(incident.startedBy),
                    \(Int(incident.startedAt.timeIntervalSince1970)), \(Int(incident.interval)), \(Int(incident.nextSitrepAt.timeIntervalSince1970)),
                    \(incident.sitreps), NULL)
            RETURNING id
            """)
    }

    public func openIncidents(in conversation: String?) throws -> [Incident] {
        let filter: SQL = conversation.map { "AND conversation = \($0)" } ?? ""
        return try database.read("SELECT \(sql: Self.columns) FROM incident WHERE closed_at IS NULL \(sql: filter) ORDER BY id", Self.decode)
    }

    public func close(in conversation: String, named name: String?, at time: Date) throws -> Incident? {
        try database.transaction { transaction in
            let open = try SQLIncidentStore(transaction).openIncidents(in: conversation)
            let chosen = name.flatMap { name in open.first { $0.name.lowercased() == name.lowercased() } } ?? (open.count == 1 ? open.first : nil)
            guard var incident = chosen else { return nil }
            try transaction.change("UPDATE incident SET closed_at = \(Int(time.timeIntervalSince1970)) WHERE id = \(incident.id) AND closed_at IS NULL")
            incident.closedAt = time
            return incident
        }
    }

    public func recordSitrep(of incident: Incident, at time: Date, message: OutboxMessage?) throws -> Bool {
        let due = Int(incident.nextSitrepAt.timeIntervalSince1970)
        // The next one is due an interval after this one was due, or after now if the service was down for longer,
        // so a long outage is followed by one sitrep, not a burst of them.
        var next = due + Int(incident.interval)
        let now = Int(time.timeIntervalSince1970)
        if next <= now { next = now + Int(incident.interval) }
        return try database.transaction { transaction in
            let claimed = try transaction.change("""
                UPDATE incident SET next_sitrep_at = \(next), sitreps = sitreps + 1
                WHERE id = \(incident.id) AND closed_at IS NULL AND next_sitrep_at = \(due)
                """) > 0
            if claimed, let message { try SQLOutbox(transaction).enqueue(message) }
            return claimed
        }
    }

    private static func decode(_ row: any ColumnReading) -> Incident {
        Incident(
            id: Int64(row.int(0)), name: row.string(1), terms: JSONList.strings(row.string(2)), conversation: row.string(3), startedBy: row.string(4),
            startedAt: Date(timeIntervalSince1970: TimeInterval(row.int(5))), interval: TimeInterval(row.int(6)),
            nextSitrepAt: Date(timeIntervalSince1970: TimeInterval(row.int(7))), sitreps: row.int(8),
            closedAt: row.optionalInt(9).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        )
    }
}
