import MusterCore

/// Who may use Muster from which chat workspace and channel, and with what role: the config's `chat:` section.
///
/// A platform without an entry answers no one. Secrets (signing secrets, tokens, webhook URLs) are not here: they
/// come from the environment.
public struct ChatAccess: Sendable, Decodable {
    /// Where one platform may be used from.
    public struct Places: Sendable, Decodable {
        /// Allowed Slack workspaces (team ids), Teams tenants or Mattermost teams; required, so that a forgotten
        /// list never opens Muster to everyone.
        public var workspaces: [String]
        /// Allowed channels; empty or missing means every channel in the allowed workspaces.
        public var channels: [String]

        /// Creates an allow-list.
        public init(workspaces: [String], channels: [String] = []) {
            self.workspaces = workspaces
            self.channels = channels
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            workspaces = try container.decode([String].self, forKey: .workspaces)
            channels = try container.decodeIfPresent([String].self, forKey: .channels) ?? []
        }

        private enum CodingKeys: String, CodingKey { case workspaces, channels }
    }

    /// A named member of staff with a role above the default.
    public struct Person: Sendable, Decodable {
        /// The platform their id belongs to.
        public var platform: ChatPlatform
        /// Their user id on that platform (Slack `U…`, Teams AAD object id, Mattermost user id).
        public var id: String
        /// Their name, for the audit log.
        public var name: String
        /// Their role.
        public var role: StaffRole

        /// Creates a person.
        public init(platform: ChatPlatform, id: String, name: String, role: StaffRole) {
            self.platform = platform
            self.id = id
            self.name = name
            self.role = role
        }
    }

    /// The role of anyone in an allowed channel who is not listed in `people`.
    public var defaultRole: StaffRole
    /// Allowed places, per platform.
    public var places: [ChatPlatform: Places]
    /// Staff with their roles.
    public var people: [Person]

    /// No one may use Muster from any chat platform.
    public static let closed = ChatAccess(defaultRole: .officer, places: [:], people: [])

    /// Creates an access list.
    public init(defaultRole: StaffRole, places: [ChatPlatform: Places], people: [Person]) {
        self.defaultRole = defaultRole
        self.places = places
        self.people = people
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        defaultRole = try container.decodeIfPresent(StaffRole.self, forKey: .defaultRole) ?? .officer
        people = try container.decodeIfPresent([Person].self, forKey: .people) ?? []
        var places: [ChatPlatform: Places] = [:]
        for platform in ChatPlatform.allCases {
            if let key = CodingKeys(rawValue: platform.rawValue), let entry = try container.decodeIfPresent(Places.self, forKey: key) {
                places[platform] = entry
            }
        }
        self.places = places
    }

    private enum CodingKeys: String, CodingKey {
        case defaultRole = "default_role", people, slack, teams, mattermost, webhook
    }
}
