import Hummingbird
import MusterChat
import MusterCore

/// The chat platforms' endpoints. A platform whose secret is not set answers 404 with the variable to set, so a
/// misconfigured webhook says what is wrong rather than failing silently.
struct ChatRoutes: Sendable {
    let desk: ChatDesk
    let secrets: ChatSecrets
    let clock: any Clock

    func add(to router: Router<BasicRequestContext>) {
        let slack = secrets.slackSigningSecret.map { SlackAdapter(signingSecret: $0, desk: desk, clock: clock, webhook: secrets.outgoing["slack"]) }
        let slackMissing = "Slack is not set up on this server: set MUSTER_SLACK_SIGNING_SECRET."
        route(router, "/slack/events", slack.map { adapter -> Handler in adapter.events }, missing: slackMissing)
        route(router, "/slack/commands", slack.map { adapter -> Handler in adapter.command }, missing: slackMissing)

        let teams = secrets.teamsSecurityToken.flatMap { TeamsAdapter(securityToken: $0, desk: desk, clock: clock, workflow: secrets.outgoing["teams"]) }
        let teamsMissing = secrets.teamsSecurityToken == nil
            ? "Teams is not set up on this server: set MUSTER_TEAMS_SECURITY_TOKEN."
            : "MUSTER_TEAMS_SECURITY_TOKEN is not base64: copy the security token exactly as Teams showed it."
        route(router, "/teams/messages", teams.map { adapter -> Handler in adapter.message }, missing: teamsMissing)

        let mattermost = MattermostAdapter(
            webhookToken: secrets.mattermostWebhookToken, commandToken: secrets.mattermostCommandToken, desk: desk, clock: clock,
            incoming: secrets.outgoing["mattermost"]
        )
        route(router, "/mattermost/webhook", mattermost.webhook, missing: "")
        route(router, "/mattermost/command", mattermost.command, missing: "")

        let webhook = secrets.webhookSecret.map { WebhookAdapter(secret: $0, desk: desk, clock: clock) }
        route(router, "/webhook", webhook.map { adapter -> Handler in adapter.message }, missing: "The webhook is not set up on this server: set MUSTER_WEBHOOK_SECRET.")
    }

    typealias Handler = @Sendable (ChatRequest) async -> ChatResponse

    private func route(_ router: Router<BasicRequestContext>, _ path: RouterPath, _ handler: Handler?, missing: String) {
        router.post(path) { request, _ -> Response in
            guard let handler else { return HTTPBridge.response(.rejected(ChatRejection(status: 404, missing))) }
            switch await HTTPBridge.chatRequest(request, limit: MusterServer.maximumChatBody) {
            case .failure(let rejection): return HTTPBridge.response(.rejected(rejection))
            case .success(let chat): return HTTPBridge.response(await handler(chat))
            }
        }
    }
}
