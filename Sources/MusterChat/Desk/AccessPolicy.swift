import MusterBot
import MusterConfig
import MusterCore

/// Decides whether a chat message may be answered, and with which role, from the config's `chat:` section.
public struct AccessPolicy: Sendable {
    private let access: ChatAccess

    /// A policy over `access`.
    public init(access: ChatAccess) {
        self.access = access
    }

    /// Who is asking, or why they may not.
    public func speaker(for message: ChatMessage) -> Result<Speaker, ChatRefusal> {
        guard let places = access.places[message.platform] else {
            return .failure(ChatRefusal("Muster is not enabled for \(message.platform.rawValue) in this organisation's config."))
        }
        let workspaces = [message.workspace, message.workspaceName].compactMap { $0 }
        guard workspaces.contains(where: places.workspaces.contains) else {
            return .failure(ChatRefusal("This workspace (\(message.workspace)) is not on Muster's allowed list; an administrator can add it under chat → \(message.platform.rawValue) → workspaces."))
        }
        let channels = [message.channel, message.channelName].compactMap { $0 }
        guard places.channels.isEmpty || channels.contains(where: places.channels.contains) else {
            return .failure(ChatRefusal("Muster does not answer in this channel (\(channels.joined(separator: ", "))); an administrator can add it under chat → \(message.platform.rawValue) → channels."))
        }
        let person = access.people.first { $0.platform == message.platform && $0.id == message.userID }
        return .success(Speaker(name: person?.name ?? message.userName, role: person?.role ?? access.defaultRole, channel: message.place))
    }
}

/// Why Muster will not answer someone, in words they can act on.
public struct ChatRefusal: Error, Sendable, Equatable {
    /// The explanation.
    public var reason: String

    /// Creates a refusal.
    public init(_ reason: String) {
        self.reason = reason
    }
}
