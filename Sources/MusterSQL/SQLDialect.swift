import MusterCore

/// Where the two stores' SQL differs. Everything else about a statement is written once, for both.
public enum SQLDialect: Sendable {
    /// The embedded store: FTS5 for full text, `?` placeholders.
    case sqlite
    /// The server store: a `tsvector` column for full text, `$1`… placeholders.
    case postgres

    /// The statement's text as this dialect numbers its placeholders.
    ///
    /// Fragments are written with `?`; PostgreSQL wants `$1`, `$2`… in order. A `?` inside a quoted literal or
    /// identifier is left alone, so only real placeholders are numbered.
    public func text(of sql: SQL) -> String {
        guard self == .postgres else { return sql.text }
        var result = ""
        result.reserveCapacity(sql.text.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql.text {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// How many rows of a group meet `condition`: SQLite sums its booleans, PostgreSQL has no sum of booleans and
    /// filters the count instead. Both give 0 for an empty group.
    public func count(where condition: SQL) -> SQL {
        switch self {
        case .sqlite: "coalesce(sum(\(sql: condition)), 0)"
        case .postgres: "count(*) FILTER (WHERE \(sql: condition))"
        }
    }

    /// `column` equal to `value` whatever the case of either.
    public func equalsIgnoringCase(_ column: String, _ value: String) -> SQL {
        switch self {
        case .sqlite: "\(sql: SQL(stringLiteral: column)) = \(value) COLLATE NOCASE"
        case .postgres: "lower(\(sql: SQL(stringLiteral: column))) = lower(\(value))"
        }
    }

    /// `condition`, kept off any index on its column where the dialect's planner needs telling (SQLite, which has
    /// no statistics, reads an unselective index otherwise; PostgreSQL's planner judges for itself).
    public func offIndex(_ condition: SQL) -> SQL {
        switch self {
        case .sqlite: "+\(sql: condition)"
        case .postgres: condition
        }
    }

    /// An inner join whose order the planner must keep: SQLite keeps a `CROSS JOIN`'s, PostgreSQL has no `ON` on
    /// one and orders joins itself.
    public var orderedJoin: String {
        switch self {
        case .sqlite: "CROSS JOIN"
        case .postgres: "JOIN"
        }
    }

    /// Posts (`post AS p`) whose text, author or outlet hold every word of `text`, or `nil` when it has no words.
    public func fullText(allWordsOf text: String) -> SQL? {
        switch self {
        case .sqlite:
            FullTextQuery.fts5(allWordsOf: text).map { "p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH \($0))" }
        case .postgres:
            FullTextQuery.tsquery(allWordsOf: text).map { "p.search @@ to_tsquery('muster', \($0))" }
        }
    }

    /// Posts (`post AS p`) whose text (not author or outlet) holds any of `words`, or `nil` when none is a word.
    public func fullText(anyOf words: [String]) -> SQL? {
        switch self {
        case .sqlite:
            FullTextQuery.fts5(anyOf: words).map { "p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH \($0))" }
        case .postgres:
            FullTextQuery.tsquery(anyOf: words).map { "p.search @@ to_tsquery('muster', \($0))" }
        }
    }

    /// What ends a `SELECT` that picks rows to claim, so two transactions picking at once take different rows:
    /// PostgreSQL locks the rows it picks and passes over those another has locked; SQLite's one writer at a time
    /// already keeps them apart, and it has no row locks.
    public var skippingLockedRows: SQL {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR UPDATE SKIP LOCKED"
        }
    }

    /// A column name that is a reserved word in this dialect (`user`), quoted where it must be.
    public func column(_ name: String) -> String {
        self == .postgres && name == "user" ? "\"user\"" : name
    }
}
