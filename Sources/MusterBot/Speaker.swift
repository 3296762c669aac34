import MusterCore

/// Who is asking: their name (for the audit log and "marked by") and their role, which gates actions that change
/// state.
public struct Speaker: Sendable, Hashable {
    /// A person's role in the comms team.
    public typealias Role = StaffRole

    /// The person's name or handle.
    public var name: String
    /// Their role.
    public var role: Role
    /// Where they are asking from (a channel or thread, or the CLI).
    public var channel: String

    /// Creates a speaker.
    public init(name: String, role: Role, channel: String = "cli") {
        self.name = name
        self.role = role
        self.channel = channel
    }

    /// Whether this person's role allows an action that needs `role`.
    public func may(_ role: Role) -> Bool {
        self.role >= role
    }

    /// Someone at the command line of the machine Muster runs on: trusted with everything.
    public static let console = Speaker(name: "console", role: .admin)
}
