import Foundation
import MusterCore

/// Watches and their alerts in the store's `watch` and `rumour_alert` tables (either store). An alert's outbox
/// message is queued in the same transaction that claims it, so it is neither lost nor sent twice by two instances.
public struct SQLWatchStore: WatchStore {
    private let database: any SQLRunning

    /// The watches in `database`.
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    private static let columns: SQL = """
        id, kind, topics, text, areas, author_kinds, label, conversation, set_by, sensitivity, created_at, last_alert_at, incident_id
        """

    public func add(_ watch: Watch) throws -> Int64 {
        try database.inserting("""
            INSERT INTO watch (kind, topics, text, areas, author_kinds, label, conversation, set_by, sensitivity, created_at, last_alert_at, incident_id)
            VALUES (\(watch.kind.rawValue), \(JSONList.text(watch.topics)), \(watch.text), \(JSONList.text(watch.areas)),
                    \(JSONList.text(watch.authorKinds.map(\.rawValue).sorted())), \(watch.label), \(watch.conversation), \(watch.setBy),
                    \(watch.sensitivity.rawValue), \(Int(watch.createdAt.timeIntervalSince1970)), \(watch.lastAlertAt.map { Int($0.timeIntervalSince1970) }),
                    \(watch.incidentID))
            RETURNING id
            """)
    }

    public func watches(in conversation: String?) throws -> [Watch] {
        let filter: SQL = conversation.map { "WHERE conversation = \($0)" } ?? ""
        return try database.read("SELECT \(sql: Self.columns) FROM watch \(sql: filter) ORDER BY id", Self.decode).compactMap { $0 }
    }

    public func remove(_ id: Int64) throws -> Bool {
        try database.change("DELETE FROM watch WHERE id = \(id)") > 0
    }

    public func removeWatches(ofIncident incidentID: Int64) throws -> Int {
        try database.change("DELETE FROM watch WHERE incident_id = \(incidentID)")
    }

    public func recordAlert(for watchID: Int64, at time: Date, unlessSince since: Date?, message: OutboxMessage?) throws -> Bool {
        let cutoff = since.map { Int($0.timeIntervalSince1970) } ?? Int.min
        return try database.transaction { transaction in
            let claimed = try transaction.change("""
                UPDATE watch SET last_alert_at = \(Int(time.timeIntervalSince1970))
                WHERE id = \(watchID) AND (last_alert_at IS NULL OR last_alert_at < \(cutoff))
                """) > 0
            if claimed, let message { try SQLOutbox(transaction).enqueue(message) }
            return claimed
        }
    }

    public func alerted(rumour signature: String, watch watchID: Int64) throws -> Bool {
        try database.read("SELECT 1 FROM rumour_alert WHERE watch_id = \(watchID) AND signature = \(signature)") { $0.int(0) }.isEmpty == false
    }

    public func recordRumourAlert(_ signature: String, watch watchID: Int64, at time: Date, message: OutboxMessage?) throws -> Bool {
        try database.transaction { transaction in
            let fresh = try transaction.change("""
                INSERT INTO rumour_alert (watch_id, signature, at) VALUES (\(watchID), \(signature), \(Int(time.timeIntervalSince1970)))
                ON CONFLICT (watch_id, signature) DO NOTHING
                """) > 0
            if fresh, let message { try SQLOutbox(transaction).enqueue(message) }
            return fresh
        }
    }

    /// A row as a watch; `nil` for a kind or sensitivity this build does not know.
    private static func decode(_ row: any ColumnReading) -> Watch? {
        guard let kind = Watch.Kind(rawValue: row.string(1)), let sensitivity = Watch.Sensitivity(rawValue: row.string(9)) else { return nil }
        return Watch(
            id: Int64(row.int(0)), kind: kind, topics: JSONList.strings(row.string(2)), text: row.optionalString(3), areas: JSONList.strings(row.string(4)),
            authorKinds: Set(JSONList.strings(row.string(5)).compactMap(AuthorKind.init(rawValue:))), label: row.string(6), conversation: row.string(7),
            setBy: row.string(8), sensitivity: sensitivity, createdAt: Date(timeIntervalSince1970: TimeInterval(row.int(10))),
            lastAlertAt: row.optionalInt(11).map { Date(timeIntervalSince1970: TimeInterval($0)) }, incidentID: row.optionalInt(12).map(Int64.init)
        )
    }
}

/// Lists of strings kept as JSON text in one column.
enum JSONList {
    static func text(_ list: [String]) -> String {
        (try? JSONSerialization.data(withJSONObject: list)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func strings(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }
}
