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

    /// Replies to a post, by topic name; `default` for any other; `asking` for someone asking or passing on a claim
    /// in an incident, and `distress` for someone in trouble, which point to the official source.
    public var post: [String: Template]
    /// Rebuttals by rumour status: `unverified`, `false`, `true`.
    public var rumour: [String: Template]
    /// Holding statements for an incident by its stage: `first_hour`, `ongoing`, `casualties` (with condolence) and
    /// `recovery`.
    public var holdingStatement: [String: Template]
    /// A reply to a theme people are raising.
    public var theme: Template

    enum CodingKeys: String, CodingKey {
        case post, rumour, theme, holdingStatement = "holding_statement"
    }
}
