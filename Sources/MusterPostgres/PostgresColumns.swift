import MusterSQL
import PostgresNIO

/// A PostgreSQL row read as either store reads rows: by position, NULL as 0 or "" unless asked as optional.
///
/// The schema keeps counts and times in `bigint`, flags in `integer` and scores in `double precision`, so a column
/// decodes as the type asked; a sum PostgreSQL widened to `numeric` is read through its text.
struct PostgresColumns: ColumnReading {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    func optionalInt(_ index: Int) -> Int? {
        let cell = row[index]
        if let value = try? cell.decode(Int?.self) { return value }
        if let value = try? cell.decode(Double?.self) { return Int(value) }
        return (try? cell.decode(String?.self))?.flatMap { Double($0) }.map { Int($0) }
    }

    func optionalDouble(_ index: Int) -> Double? {
        let cell = row[index]
        if let value = try? cell.decode(Double?.self) { return value }
        return optionalInt(index).map(Double.init)
    }

    func optionalString(_ index: Int) -> String? {
        try? row[index].decode(String?.self)
    }
}
