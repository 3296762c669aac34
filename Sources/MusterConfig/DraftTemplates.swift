/// Reply templates in the organisation's voice (`drafts.yaml`): each a long version and a short one for 280
/// characters, with `{placeholders}` filled from the store and `[confirm: …]` gaps staff fill in.
public struct DraftTemplates: Sendable, Decodable {
    /// A long and a short version of one reply.
    public struct Template: Sendable, Decodable, Hashable {
        /// The full reply.
        public var long: String
        /// The version that must fit 280 characters.
        public var short: String
    }

    /// Replies to a post, by topic name; `default` for any other.
    public var post: [String: Template]
    /// Rebuttals by rumour status: `unverified`, `false`, `true`.
    public var rumour: [String: Template]
    /// The holding statement for a crisis.
    public var holdingStatement: Template
    /// A reply to a theme people are raising.
    public var theme: Template

    enum CodingKeys: String, CodingKey {
        case post, rumour, theme, holdingStatement = "holding_statement"
    }
}
