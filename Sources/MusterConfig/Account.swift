import MusterCore

/// A known non-public account: the organisation's own, or a partner's (fire service, police, NHS).
public struct Account: Sendable, Decodable, Hashable {
    /// The handle, without `@`.
    public var handle: String
    /// The account's display name.
    public var name: String
    /// Official or partner (or staff, media).
    public var kind: AuthorKind
}
