import MusterCore
import MusterPostgres

/// Where Muster keeps its records, as `--store`, `MUSTER_STORE`, `MUSTER_STORE_FILE` and `MUSTER_STORE_READ` say:
/// everything in one store file, or the posts on a PostgreSQL server (answers perhaps read from a replica of it) and
/// the rest in a file beside them.
struct StoreLocation {
    /// The store file.
    let file: String
    /// The PostgreSQL server holding the posts, when they are not in the file.
    let postgres: PostgresAddress?
    /// A replica of that server's database to read answers from.
    let replica: PostgresAddress?

    /// Reads `named` (a file path or a `postgres://` address; `configured`, the config's `store`, when `nil`). With
    /// an address, the file is `file` (`MUSTER_STORE_FILE`), else `configured`, and answers may be read from
    /// `replica` (`MUSTER_STORE_READ`), which only a PostgreSQL store can have.
    init(named: String?, file: String?, replica: String? = nil, configured: String) throws {
        let named = named ?? configured
        // Addresses may carry a password: errors name the variable, never its value.
        let replica = replica.flatMap { $0.isEmpty ? nil : $0 }
        guard PostgresAddress.isAddress(named) else {
            if replica != nil {
                throw MusterError(
                    "MUSTER_STORE_READ is set but the store is a file, \(named)",
                    hint: "a replica to read answers from is for a store on PostgreSQL: set MUSTER_STORE to the primary's postgres:// address, or unset MUSTER_STORE_READ"
                )
            }
            self.file = named
            postgres = nil
            self.replica = nil
            return
        }
        postgres = try PostgresAddress(named)
        self.replica = try replica.map { address in
            guard PostgresAddress.isAddress(address) else {
                throw MusterError("MUSTER_STORE_READ is not a postgres:// address", hint: "give the replica as postgres://user@host:port/database")
            }
            return try PostgresAddress(address)
        }
        self.file = file ?? configured
    }
}
