import MusterPostgres

/// Where Muster keeps its records, as `--store`, `MUSTER_STORE` and `MUSTER_STORE_FILE` say: everything in one store
/// file, or the posts on a PostgreSQL server and the rest in a file beside them.
struct StoreLocation {
    /// The store file.
    let file: String
    /// The PostgreSQL server holding the posts, when they are not in the file.
    let postgres: PostgresAddress?

    /// Reads `named` (a file path or a `postgres://` address; `configured`, the config's `store`, when `nil`). With
    /// an address, the file is `file` (`MUSTER_STORE_FILE`), else `configured`.
    init(named: String?, file: String?, configured: String) throws {
        let named = named ?? configured
        guard PostgresAddress.isAddress(named) else {
            self.file = named
            postgres = nil
            return
        }
        postgres = try PostgresAddress(named)
        self.file = file ?? configured
    }
}
