import Foundation
import MusterBot
import MusterConfig
import MusterCore

/// Microsoft Teams outgoing webhooks: the HMAC is checked over the raw body, `<at>` mentions are stripped, and the
/// answer is the response, as an Adaptive Card, within four seconds (Teams allows five). A slower answer is
/// acknowledged and follows through the Workflows webhook when one is configured.
public struct TeamsAdapter: Sendable {
    /// How long a message waits for its answer before acknowledging.
    public static let budget = Duration.seconds(4)

    private let signature: RequestSignature.Teams
    private let desk: ChatDesk
    private let clock: any Clock
    private let workflow: String?
    private let renderer = AdaptiveCardRenderer()

    /// Creates the adapter; `nil` when the security token is not base64.
    ///
    /// - Parameter workflow: the outbox destination for late answers (`env:MUSTER_TEAMS_WORKFLOW_URL`), if set.
    public init?(securityToken: String, desk: ChatDesk, clock: any Clock, workflow: String?) {
        guard let signature = RequestSignature.Teams(securityToken: securityToken) else { return nil }
        self.signature = signature
        self.desk = desk
        self.clock = clock
        self.workflow = workflow
    }

    /// `POST /teams/messages`.
    public func message(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            try signature.verify(authorization: request.header("Authorization"), body: request.body)
            let message = try Self.message(from: try JSONFields(request.body))
            let workflow = self.workflow
            let renderer = self.renderer
            let now = clock.now
            let outcome = await desk.handle(message, within: Self.budget) { reply in
                workflow.map {
                    OutboxMessage(platform: "teams", destination: $0, label: "answer to \(message.userName) in \(message.channelName ?? message.channel)", body: jsonText(renderer.message(reply)), at: now)
                }
            }
            switch outcome {
            case .answered(let reply):
                return .json(renderer.message(reply))
            case .deferred:
                let next = workflow == nil
                    ? "That is taking longer than Teams allows. Please ask again in a minute."
                    : "Still working on that: the answer will be posted to the channel shortly."
                return .json(["type": "message", "text": next])
            case .refused(let reason):
                return .json(["type": "message", "text": reason])
            case .repeated:
                return .json(["type": "message", "text": ""])
            }
        }
    }

    /// The question in a message activity.
    package static func message(from activity: JSONFields) throws(ChatRejection) -> ChatMessage {
        guard activity.string("type") == "message" else { throw .malformed("Only message activities are answered.") }
        guard let text = activity.string("text"), let conversation = activity.string("conversation", "id"),
              let user = activity.string("from", "aadObjectId") ?? activity.string("from", "id")
        else { throw .malformed("The activity lacks text, a conversation or a sender.") }
        let tenant = activity.string("channelData", "tenant", "id") ?? activity.string("conversation", "tenantId") ?? ""
        let channel = activity.string("channelData", "channel", "id") ?? activity.string("channelData", "teamsChannelId") ?? conversation
        return ChatMessage(
            platform: .teams, workspace: tenant, channel: channel, channelName: activity.string("channelData", "channel", "name"),
            userID: user, userName: activity.string("from", "name") ?? user, text: plainText(fromTeams: text),
            conversation: "teams:\(conversation)", deliveryID: activity.string("id").map { "\($0):\(conversation)" }
        )
    }

    /// Teams message text as a person typed it: `<at>…</at>` mentions and other tags removed, entities decoded.
    static func plainText(fromTeams text: String) -> String {
        var result = text.replacingOccurrences(of: #"<at>[^<]*</at>"#, with: " ", options: .regularExpression)
        result = result.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
