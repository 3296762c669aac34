import Foundation

/// The web console's accounts, sessions and failed sign-ins.
///
/// All of it lives in the store, never in one process's memory: two `muster serve` instances behind one address
/// share who is signed in, a restart keeps people signed in, and `muster users remove` ends a session at once.
/// SQLite implements it today; a PostgreSQL backend implements the same protocol.
public protocol AccountStore: Sendable {
    /// Whether any account exists, disabled or not: with none, a loopback console may stay open for the demo.
    func hasAccounts() throws -> Bool
    /// Every account, by name.
    func accounts() throws -> [ConsoleAccount]
    /// The account with this name, whatever its case.
    func account(named name: String) throws -> ConsoleAccount?
    /// Adds an account; `false` when the name is taken.
    func add(_ account: ConsoleAccount) throws -> Bool
    /// Replaces an account's password hash and ends its sessions; `false` when there is no such account.
    func setPasswordHash(_ hash: String, forAccount name: String) throws -> Bool
    /// Changes an account's role (a single sign-on account's, as its identity provider now says); `false` when there
    /// is no such account.
    func setRole(_ role: StaffRole, forAccount name: String) throws -> Bool
    /// Removes an account and ends its sessions; `false` when there is no such account.
    func removeAccount(named name: String) throws -> Bool

    /// Records a new session.
    func start(_ session: ConsoleSession) throws
    /// The unexpired session whose token hashes to `tokenHash`, with its account, or `nil`.
    func session(tokenHash: String, at now: Date) throws -> (session: ConsoleSession, account: ConsoleAccount)?
    /// Records that a session was used at `now`, moving its idle expiry to `expiresAt`.
    func touchSession(tokenHash: String, at now: Date, expiresAt: Date) throws
    /// Ends one session (signing out).
    func endSession(tokenHash: String) throws
    /// Ends every session of an account; returns how many there were.
    func endSessions(ofAccount name: String) throws -> Int
    /// Deletes sessions that expired before `now`.
    func removeExpiredSessions(at now: Date) throws

    /// Records a failed sign-in for `name` (known or not), dropping records older than `forgetBefore`.
    func recordFailedSignIn(name: String, at now: Date, forgetBefore: Date) throws
    /// How many sign-ins for `name` failed since `since`.
    func failedSignIns(name: String, since: Date) throws -> Int
    /// Forgets the failures of `name`, after it signs in.
    func clearFailedSignIns(name: String) throws
}
