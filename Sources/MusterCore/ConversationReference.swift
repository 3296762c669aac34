import Foundation

/// Where a chat message came from, kept so that any later message (a slow answer, an alert, a scheduled sitrep) can
/// be posted back to the same place: the platform's ids for the workspace, channel and thread, and for Teams the
/// connector's address and the bot's and asker's accounts.
public struct ConversationReference: Sendable, Hashable {
    /// The conversation a follow-up builds on, as the bot keys it (`slack:T0NB:C0NB:1716.0001`).
    public var key: String
    /// The platform.
    public var platform: ChatPlatform
    /// The workspace id (Slack team, Teams tenant, Mattermost team).
    public var workspace: String
    /// The channel id; for Teams the channel, chat or personal conversation.
    public var channel: String
    /// The channel's name, when the platform sends one (a Mattermost incoming webhook posts by name).
    public var channelName: String?
    /// The thread to answer in: Slack's parent `ts`, Mattermost's root post id, or the Teams activity to reply to.
    public var thread: String?
    /// The Teams conversation id (`19:…;messageid=…`, `a:…`), which the connector addresses.
    public var conversationID: String?
    /// The Teams connector's base URL for this conversation (`activity.serviceUrl`), learnt from a signed activity.
    public var serviceURL: String?
    /// The bot's own account in the conversation (Teams `28:<app id>`) and its name.
    public var botID: String?
    /// The bot's display name there.
    public var botName: String?
    /// The asker's platform account (Teams `29:…`), for addressing the reply.
    public var userID: String?
    /// The asker's display name.
    public var userName: String?
    /// A short-lived URL the platform gave for answers to this one request (`response_url`, `reply_url`), if any.
    /// Directories never keep it: it lapses within half an hour, and a later alert must not find a dead address.
    public var replyURL: String?
    /// When a message last came from here.
    public var seenAt: Date

    /// Creates a reference.
    public init(
        key: String, platform: ChatPlatform, workspace: String, channel: String, channelName: String? = nil, thread: String? = nil, conversationID: String? = nil,
        serviceURL: String? = nil, botID: String? = nil, botName: String? = nil, userID: String? = nil, userName: String? = nil,
        replyURL: String? = nil, seenAt: Date
    ) {
        self.key = key
        self.platform = platform
        self.workspace = workspace
        self.channel = channel
        self.channelName = channelName
        self.thread = thread
        self.conversationID = conversationID
        self.serviceURL = serviceURL
        self.botID = botID
        self.botName = botName
        self.userID = userID
        self.userName = userName
        self.replyURL = replyURL
        self.seenAt = seenAt
    }
}

/// The places chat messages came from, by conversation, shared by every instance on the store. Places not heard
/// from within the audit period are pruned with the audit log (`PersonalDataStore.prune`).
public protocol ConversationDirectory: Sendable {
    /// Records `reference`, replacing what was known of its conversation (a Teams service URL can change).
    func record(_ reference: ConversationReference) throws
    /// The place a conversation was last seen at, if it ever was.
    func reference(for key: String) throws -> ConversationReference?
    /// The places seen on `platform` (all when `nil`), most recent first.
    func references(on platform: ChatPlatform?, limit: Int) throws -> [ConversationReference]
}
