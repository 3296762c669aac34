import Foundation
import MusterCore
import MusterSQL

/// The console's accounts, sessions and failed sign-ins in the post store's database (tables from migration v8).
///
/// It shares the post store's connection, like the outbox: a sign-in and the audit line that records it land in
/// the same file, and every `muster serve` on that file sees the same sessions.
public struct SQLiteAccountStore: AccountStore {
    private let database: Database

    /// The accounts in `store`'s database.
    public init(store: SQLitePostStore) {
        database = store.database
    }

    public func hasAccounts() throws -> Bool {
        try database.scalar("SELECT EXISTS (SELECT 1 FROM console_account)") == 1
    }

    public func accounts() throws -> [ConsoleAccount] {
        try database.rows("SELECT \(sql: Self.accountColumns) FROM console_account ORDER BY name", { Self.account($0, from: 0) })
    }

    public func account(named name: String) throws -> ConsoleAccount? {
        try database.rows("SELECT \(sql: Self.accountColumns) FROM console_account WHERE name = \(name)", { Self.account($0, from: 0) }).first
    }

    public func add(_ account: ConsoleAccount) throws -> Bool {
        try database.run("""
            INSERT INTO console_account (name, role, password_hash, created_at, disabled)
            VALUES (\(account.name), \(account.role.rawValue), \(account.passwordHash), \(Self.seconds(account.createdAt)), \(account.disabled))
            ON CONFLICT (name) DO NOTHING
            """) == 1
    }

    public func setPasswordHash(_ hash: String, forAccount name: String) throws -> Bool {
        try database.transaction {
            // A new password signs out every browser that knew the old one.
            try database.run("DELETE FROM console_session WHERE account_id = (SELECT id FROM console_account WHERE name = \(name))")
            return try database.run("UPDATE console_account SET password_hash = \(hash) WHERE name = \(name)") == 1
        }
    }

    public func setRole(_ role: StaffRole, forAccount name: String) throws -> Bool {
        try database.run("UPDATE console_account SET role = \(role.rawValue) WHERE name = \(name)") == 1
    }

    public func removeAccount(named name: String) throws -> Bool {
        // The sessions go with it (ON DELETE CASCADE; foreign keys are on for every connection).
        try database.run("DELETE FROM console_account WHERE name = \(name)") == 1
    }

    public func start(_ session: ConsoleSession) throws {
        let changed = try database.run("""
            INSERT INTO console_session (token_hash, csrf_token, account_id, created_at, expires_at, last_seen_at)
            SELECT \(session.tokenHash), \(session.csrfToken), id, \(Self.seconds(session.createdAt)), \(Self.seconds(session.expiresAt)),
                   \(Self.seconds(session.lastSeenAt))
            FROM console_account WHERE name = \(session.user)
            """)
        guard changed == 1 else { throw MusterError("There is no console account named \(session.user) to start a session for.") }
    }

    public func session(tokenHash: String, at now: Date) throws -> (session: ConsoleSession, account: ConsoleAccount)? {
        try database.rows("""
            SELECT s.token_hash, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, \(sql: Self.accountColumns(prefix: "a."))
            FROM console_session s JOIN console_account a ON a.id = s.account_id
            WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(Self.seconds(now)) AND a.disabled = 0
            """) { row -> (session: ConsoleSession, account: ConsoleAccount) in
            let account = Self.account(row, from: 5)
            var session = ConsoleSession(
                tokenHash: row.string(0), csrfToken: row.string(1), user: account.name,
                createdAt: Self.date(row.int(2)), expiresAt: Self.date(row.int(3))
            )
            session.lastSeenAt = Self.date(row.int(4))
            return (session: session, account: account)
        }.first
    }

    public func touchSession(tokenHash: String, at now: Date, expiresAt: Date) throws {
        try database.run("""
            UPDATE console_session SET last_seen_at = \(Self.seconds(now)), expires_at = \(Self.seconds(expiresAt)) WHERE token_hash = \(tokenHash)
            """)
    }

    public func endSession(tokenHash: String) throws {
        try database.run("DELETE FROM console_session WHERE token_hash = \(tokenHash)")
    }

    public func endSessions(ofAccount name: String) throws -> Int {
        try database.run("DELETE FROM console_session WHERE account_id = (SELECT id FROM console_account WHERE name = \(name))")
    }

    public func removeExpiredSessions(at now: Date) throws {
        try database.run("DELETE FROM console_session WHERE expires_at <= \(Self.seconds(now))")
    }

    public func recordFailedSignIn(name: String, at now: Date, forgetBefore: Date) throws {
        try database.transaction {
            try database.run("DELETE FROM console_sign_in_failure WHERE at < \(Self.seconds(forgetBefore))")
            try database.run("INSERT INTO console_sign_in_failure (name, at) VALUES (\(name), \(Self.seconds(now)))")
        }
    }

    public func failedSignIns(name: String, since: Date) throws -> Int {
        try database.scalar("SELECT count(*) FROM console_sign_in_failure WHERE name = \(name) AND at >= \(Self.seconds(since))") ?? 0
    }

    public func clearFailedSignIns(name: String) throws {
        try database.run("DELETE FROM console_sign_in_failure WHERE name = \(name)")
    }

    private static let accountColumns: SQL = accountColumns(prefix: "")

    private static func accountColumns(prefix: String) -> SQL {
        SQL(stringLiteral: ["name", "role", "password_hash", "created_at", "disabled"].map { prefix + $0 }.joined(separator: ", "))
    }

    private static func account(_ row: Row, from first: Int) -> ConsoleAccount {
        ConsoleAccount(
            name: row.string(first), role: StaffRole(rawValue: row.string(first + 1)) ?? .officer, passwordHash: row.string(first + 2),
            createdAt: date(row.int(first + 3)), disabled: row.int(first + 4) != 0
        )
    }

    private static func seconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    private static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
