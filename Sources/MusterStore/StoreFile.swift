/// The store file a program opens: its construction lives here, beside the type, so that callers elsewhere reach
/// it through what it offers and name no SQLite type.
public enum StoreFile {
    /// Opens the store file at `path`, creating it and bringing its tables up to date when needed.
    public static func open(at path: String) throws -> SQLitePostStore {
        try SQLitePostStore(path: path)
    }
}
