import Foundation

/// A signed-in browser: what the store keeps of a console session.
///
/// The cookie's token itself is never stored, only its SHA-256, so a copy of the store (a backup, a leaked file)
/// signs nobody in.
public struct ConsoleSession: Sendable, Hashable {
    /// The SHA-256 of the session cookie's token, as lowercase hex.
    public var tokenHash: String
    /// The token the page must send back in `X-CSRF-Token` with every request that changes anything.
    public var csrfToken: String
    /// The account signed in.
    public var user: String
    /// When they signed in.
    public var createdAt: Date
    /// When the session ends unless it is used again before then.
    public var expiresAt: Date
    /// When it was last used.
    public var lastSeenAt: Date

    /// Creates a session record.
    ///
    /// - Parameters:
    ///   - tokenHash: the SHA-256 of the cookie's token, hex.
    ///   - csrfToken: the CSRF token for this session.
    ///   - user: the account's name.
    ///   - createdAt: when it started.
    ///   - expiresAt: when it ends if idle.
    public init(tokenHash: String, csrfToken: String, user: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.csrfToken = csrfToken
        self.user = user
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        lastSeenAt = createdAt
    }
}
