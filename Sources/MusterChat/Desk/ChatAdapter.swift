import Foundation
import MusterCore

/// One chat platform's side of Muster: the endpoints it answers. Each platform is one folder holding its adapter,
/// its courier (how replies reach it later) and its renderer; the server mounts every adapter's endpoints, and the
/// exhaustive switch in `ChatAdapters` names each platform, so a new one cannot be half wired.
public protocol ChatAdapter: Sendable {
    /// The platform.
    var platform: ChatPlatform { get }
    /// Its endpoints, each switched on or off by the secrets.
    var endpoints: [ChatEndpoint] { get }
}

/// An HTTP endpoint a chat platform posts to.
public struct ChatEndpoint: Sendable {
    /// Its path (`/slack/events`).
    public let path: String
    /// Answers one request.
    public let handle: @Sendable (ChatRequest) async -> ChatResponse

    /// An endpoint that answers with `handle`.
    public init(_ path: String, _ handle: @escaping @Sendable (ChatRequest) async -> ChatResponse) {
        self.path = path
        self.handle = handle
    }

    /// An endpoint that is switched off: it answers 404 with what to set, so a misconfigured platform says what is
    /// wrong rather than failing silently.
    public static func off(_ path: String, _ missing: String) -> ChatEndpoint {
        ChatEndpoint(path) { _ in .rejected(ChatRejection(status: 404, missing)) }
    }

    /// `handle` when it is there, else an endpoint switched off with `missing`.
    static func on(_ path: String, _ handle: (@Sendable (ChatRequest) async -> ChatResponse)?, missing: String) -> ChatEndpoint {
        handle.map { ChatEndpoint(path, $0) } ?? .off(path, missing)
    }
}

/// Everything the adapters need besides the desk: the secrets, the clock, and a way to fetch a URL (the Bot
/// Framework's signing keys).
public struct ChatAdapters: Sendable {
    /// Every platform's adapter.
    public let all: [any ChatAdapter]

    /// The adapters for every platform, each with the endpoints `secrets` switch on.
    ///
    /// - Parameter fetch: reads a URL's body (used for the Bot Framework's OpenID metadata and keys).
    public init(secrets: ChatSecrets, desk: ChatDesk, clock: any Clock, fetch: @escaping @Sendable (String) async throws -> Data) {
        all = ChatPlatform.allCases.map { platform -> any ChatAdapter in
            switch platform {
            case .slack: SlackAdapter(secrets: secrets, desk: desk, clock: clock)
            case .teams: TeamsAdapter(secrets: secrets, desk: desk, clock: clock, fetch: fetch)
            case .mattermost: MattermostAdapter(secrets: secrets, desk: desk, clock: clock)
            case .webhook: WebhookAdapter(secrets: secrets, desk: desk, clock: clock)
            }
        }
    }
}
