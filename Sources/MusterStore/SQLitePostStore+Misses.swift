import Foundation
import MusterSQL
import MusterCore

extension SQLitePostStore: MissLog {
    public func recordMiss(_ miss: IntentMiss) throws {
        let nearest = miss.nearest.joined(separator: ",")
        try database.transaction {
            try database.run("""
                INSERT INTO intent_miss (at, conversation, text, kind, nearest, chosen)
                VALUES (\(Int(miss.at.timeIntervalSince1970)), \(miss.conversation), \(miss.text), \(miss.kind.rawValue), \(nearest), \(miss.chosen))
                """)
        }
    }

    public func misses(since: Date?, limit: Int) throws -> [IntentMiss] {
        let from = Int(since?.timeIntervalSince1970 ?? 0)
        return try read("""
            SELECT at, conversation, text, kind, nearest, chosen FROM intent_miss
            WHERE at >= \(from) ORDER BY at DESC, id DESC LIMIT \(limit)
            """) { row in
            IntentMiss(
                at: Date(timeIntervalSince1970: TimeInterval(row.int(0))), conversation: row.string(1), text: row.string(2),
                kind: IntentMiss.Kind(rawValue: row.string(3)) ?? .fallback,
                nearest: row.string(4).split(separator: ",").map(String.init), chosen: row.optionalString(5)
            )
        }
    }
}
