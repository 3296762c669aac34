import MusterCore

/// A table both stores keep in the same shape, which moving a store to another backend copies row for row.
public struct CopiedTable: Sendable {
    /// What a column holds, so that a row read from one store is written to the other as the same values.
    public enum Kind: Sendable {
        case integer, text, optionalText
    }

    /// The table's name.
    public let name: String
    /// Its columns in order, the first its key.
    public let columns: [(name: String, kind: Kind)]

    /// The tables beside the posts that a store move carries, in an order that keeps their references: logged-post
    /// provenance after the posts it names. (Posts and their topic rows are copied as posts, the author salt as the
    /// store's secret.)
    public static let beside: [CopiedTable] = [
        CopiedTable(name: "logged_post", columns: [
            ("post_id", .integer), ("logged_by", .text), ("logged_by_name", .text), ("platform", .text), ("channel", .text), ("logged_at", .integer),
        ]),
        CopiedTable(name: "rumour", columns: [("key", .text), ("status", .text), ("official_line", .optionalText), ("set_by", .text), ("set_at", .integer)]),
        CopiedTable(name: "audit", columns: [("id", .integer), ("at", .integer), ("user", .text), ("channel", .text), ("action", .text), ("detail", .text)]),
        CopiedTable(name: "forgotten_author", columns: [("digest", .text), ("forgotten_at", .integer)]),
    ]

    /// The column names as `dialect` writes them (`user` is reserved in PostgreSQL).
    public func columnNames(in dialect: SQLDialect) -> [String] {
        columns.map { dialect.column($0.name) }
    }

    /// Every row, in key order.
    public func select(in dialect: SQLDialect) -> SQL {
        SQL(stringLiteral: "SELECT \(columnNames(in: dialect).joined(separator: ", ")) FROM \(name) ORDER BY \(columns[0].name)")
    }

    /// A row as the values to write.
    public func values(of row: any ColumnReading) -> [SQLValue] {
        columns.indices.map { index in
            switch columns[index].kind {
            case .integer: .integer(Int64(row.int(index)))
            case .text: .text(row.string(index))
            case .optionalText: row.optionalString(index).map(SQLValue.text) ?? .null
            }
        }
    }
}
