/// One row of a result, as either store reads it: columns by position, NULL read as 0 or "" unless asked as optional.
public protocol ColumnReading {
    /// Column `index` as an integer (0 for NULL).
    func int(_ index: Int) -> Int
    /// Column `index` as an integer, or `nil` for NULL.
    func optionalInt(_ index: Int) -> Int?
    /// Column `index` as a double (0 for NULL).
    func double(_ index: Int) -> Double
    /// Column `index` as a double, or `nil` for NULL.
    func optionalDouble(_ index: Int) -> Double?
    /// Column `index` as text ("" for NULL).
    func string(_ index: Int) -> String
    /// Column `index` as text, or `nil` for NULL.
    func optionalString(_ index: Int) -> String?
}

extension ColumnReading {
    public func int(_ index: Int) -> Int { optionalInt(index) ?? 0 }
    public func double(_ index: Int) -> Double { optionalDouble(index) ?? 0 }
    public func string(_ index: Int) -> String { optionalString(index) ?? "" }
}
