import Foundation

/// A person who may sign in to the web console, with the role that gates what they may change, as in chat.
public struct ConsoleAccount: Sendable, Hashable {
    /// The sign-in name, unique whatever its case; it is also the name in the audit log.
    public var name: String
    /// What they may do.
    public var role: StaffRole
    /// The password's bcrypt hash (`$2b$…`); the password itself is never stored. Empty for an account made by a
    /// single sign-on, which has no password and signs in only through the identity provider.
    public var passwordHash: String
    /// When the account was made.
    public var createdAt: Date
    /// A disabled account cannot sign in, but its name stays taken and its history readable.
    public var disabled: Bool

    /// Creates an account.
    ///
    /// - Parameters:
    ///   - name: the sign-in name.
    ///   - role: officer, lead or admin.
    ///   - passwordHash: the bcrypt hash of the password.
    ///   - createdAt: when it was made.
    ///   - disabled: whether sign-in is refused.
    public init(name: String, role: StaffRole, passwordHash: String, createdAt: Date, disabled: Bool = false) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabled = disabled
    }
}
