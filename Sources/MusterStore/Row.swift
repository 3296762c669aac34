import CSQLite

/// The current row of a stepping statement; valid only inside the closure that receives it.
public struct Row {
    let statement: OpaquePointer

    init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// Whether column `index` holds NULL.
    public func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(statement, index) == SQLITE_NULL
    }

    /// Column `index` as an integer (0 for NULL).
    public func int(_ index: Int32) -> Int {
        Int(sqlite3_column_int64(statement, index))
    }

    /// Column `index` as an integer, or `nil` for NULL.
    public func optionalInt(_ index: Int32) -> Int? {
        isNull(index) ? nil : int(index)
    }

    /// Column `index` as a double (0 for NULL).
    public func double(_ index: Int32) -> Double {
        sqlite3_column_double(statement, index)
    }

    /// Column `index` as a double, or `nil` for NULL.
    public func optionalDouble(_ index: Int32) -> Double? {
        isNull(index) ? nil : double(index)
    }

    /// Column `index` as text ("" for NULL).
    public func string(_ index: Int32) -> String {
        optionalString(index) ?? ""
    }

    /// Column `index` as text, or `nil` for NULL.
    public func optionalString(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        return String(cString: bytes)
    }
}
