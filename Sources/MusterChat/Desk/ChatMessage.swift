import Foundation
import MusterCore

/// A question from a chat platform, verified and parsed, in the same shape whichever platform sent it.
public struct ChatMessage: Sendable, Hashable {
    /// The platform it came from.
    public var platform: ChatPlatform
    /// The workspace id (Slack team, Teams tenant, Mattermost team).
    public var workspace: String
    /// The workspace's name, when the platform sends one (Mattermost's team domain).
    public var workspaceName: String?
    /// The channel id.
    public var channel: String
    /// The channel's name, when the platform sends one.
    public var channelName: String?
    /// The sender's user id.
    public var userID: String
    /// The sender's display name or handle.
    public var userName: String
    /// What they wrote, with the bot's mention and platform markup taken out.
    public var text: String
    /// The conversation a follow-up ("and in Ward 5?") builds on: a thread, or a channel.
    public var conversation: String
    /// The platform's id for this delivery, to drop repeats; `nil` when it sends none.
    public var deliveryID: String?

    /// Creates a message.
    public init(
        platform: ChatPlatform, workspace: String, workspaceName: String? = nil, channel: String, channelName: String? = nil,
        userID: String, userName: String, text: String, conversation: String, deliveryID: String? = nil
    ) {
        self.platform = platform
        self.workspace = workspace
        self.workspaceName = workspaceName
        self.channel = channel
        self.channelName = channelName
        self.userID = userID
        self.userName = userName
        self.text = text
        self.conversation = conversation
        self.deliveryID = deliveryID
    }

    /// Where it was asked, for the audit log: `slack:C0NBCOMMS`.
    public var place: String {
        "\(platform.rawValue):\(channelName ?? channel)"
    }
}

extension ChatMessage {
    /// Where it came from, as the desk records it; the adapter adds what only its platform knows.
    public func reference(thread: String? = nil, replyURL: String? = nil, at now: Date) -> ConversationReference {
        ConversationReference(
            key: conversation, platform: platform, workspace: workspace, channel: channel, channelName: channelName, thread: thread,
            userID: userID, userName: userName, replyURL: replyURL, seenAt: now
        )
    }
}
