import MusterCore

/// The secrets and addresses chat platforms share with Muster, read from the environment so they never sit in a
/// config file or the store. A platform whose secret is missing is switched off; an app whose token is missing falls
/// back to the platform's webhooks.
public struct ChatSecrets: Sendable {
    /// Slack's signing secret (`MUSTER_SLACK_SIGNING_SECRET`).
    public var slackSigningSecret: String?
    /// The Slack app's bot token (`MUSTER_SLACK_BOT_TOKEN`, `xoxb-…`): answers go through `chat.postMessage`.
    public var slackBotToken: String?
    /// Slack's Web API base, to which a method name is appended (`MUSTER_SLACK_API_URL`).
    public var slackAPIURL: String
    /// The Teams outgoing webhook's security token, base64 (`MUSTER_TEAMS_SECURITY_TOKEN`).
    public var teamsSecurityToken: String?
    /// The Teams bot's registration, when `MUSTER_TEAMS_APP_ID` is set.
    public var teamsBot: TeamsBotSettings?
    /// The Mattermost outgoing webhook's token (`MUSTER_MATTERMOST_TOKEN`).
    public var mattermostWebhookToken: String?
    /// The Mattermost slash command's token (`MUSTER_MATTERMOST_COMMAND_TOKEN`).
    public var mattermostCommandToken: String?
    /// The Mattermost server's base URL (`MUSTER_MATTERMOST_URL`), for its REST API.
    public var mattermostURL: String?
    /// The Mattermost bot account's access token (`MUSTER_MATTERMOST_BOT_TOKEN`).
    public var mattermostBotToken: String?
    /// The generic webhook's signing secret (`MUSTER_WEBHOOK_SECRET`).
    public var webhookSecret: String?
    /// Muster's own address as the chat platforms reach it (`MUSTER_PUBLIC_URL`), for Mattermost's button callbacks.
    public var publicURL: String?
    /// Outgoing webhook URLs for late answers and proactive posts, by platform: the names of the environment
    /// variables that hold them, when set. The outbox stores the name, never the URL.
    public var outgoing: [ChatPlatform: String]

    /// The environment variable holding each platform's outgoing webhook URL.
    public static let outgoingVariables: [ChatPlatform: String] = [
        .slack: "MUSTER_SLACK_WEBHOOK_URL", .teams: "MUSTER_TEAMS_WORKFLOW_URL", .mattermost: "MUSTER_MATTERMOST_WEBHOOK_URL",
    ]

    /// Reads the secrets from `environment`; empty values count as missing.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        slackSigningSecret = value("MUSTER_SLACK_SIGNING_SECRET")
        slackBotToken = value("MUSTER_SLACK_BOT_TOKEN")
        slackAPIURL = Self.base(value("MUSTER_SLACK_API_URL") ?? "https://slack.com/api/")
        teamsSecurityToken = value("MUSTER_TEAMS_SECURITY_TOKEN")
        teamsBot = value("MUSTER_TEAMS_APP_ID").map { appID in
            TeamsBotSettings(
                appID: appID, password: value("MUSTER_TEAMS_APP_PASSWORD"), tenant: value("MUSTER_TEAMS_APP_TENANT") ?? "botframework.com",
                openIDMetadataURL: value("MUSTER_BOTFRAMEWORK_OPENID_URL") ?? "https://login.botframework.com/v1/.well-known/openidconfiguration",
                issuer: value("MUSTER_BOTFRAMEWORK_ISSUER") ?? "https://api.botframework.com",
                loginURL: value("MUSTER_MICROSOFT_LOGIN_URL") ?? "https://login.microsoftonline.com",
                scope: value("MUSTER_BOTFRAMEWORK_SCOPE") ?? "https://api.botframework.com/.default"
            )
        }
        mattermostWebhookToken = value("MUSTER_MATTERMOST_TOKEN")
        mattermostCommandToken = value("MUSTER_MATTERMOST_COMMAND_TOKEN")
        mattermostURL = value("MUSTER_MATTERMOST_URL").map { Self.base($0) }
        mattermostBotToken = value("MUSTER_MATTERMOST_BOT_TOKEN")
        webhookSecret = value("MUSTER_WEBHOOK_SECRET")
        publicURL = value("MUSTER_PUBLIC_URL").map { String(Self.base($0).dropLast()) }
        outgoing = Self.outgoingVariables.filter { value($0.value) != nil }.mapValues { "env:\($0)" }
    }

    /// A base URL with exactly one trailing slash, so paths can be appended.
    private static func base(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url + "/"
    }
}

/// A Teams bot's Azure registration and the Microsoft endpoints it talks to; every URL can be changed for a
/// sovereign cloud or a test.
public struct TeamsBotSettings: Sendable {
    /// The Microsoft App ID (a GUID): the audience of inbound tokens and the client id of outbound ones.
    public var appID: String
    /// The app's client secret (`MUSTER_TEAMS_APP_PASSWORD`); without it Muster can hear but not answer.
    public var password: String?
    /// The tenant that issues outbound tokens: `botframework.com` for multi-tenant bots, else the tenant id.
    public var tenant: String
    /// The OpenID metadata that lists the keys inbound tokens are signed with.
    public var openIDMetadataURL: String
    /// The issuer inbound tokens must name.
    public var issuer: String
    /// The Microsoft identity authority; tokens come from `<login>/<tenant>/oauth2/v2.0/token`.
    public var loginURL: String
    /// The scope outbound tokens are asked for.
    public var scope: String

    /// The client-credentials token endpoint.
    public var tokenURL: String {
        var login = loginURL
        while login.hasSuffix("/") { login.removeLast() }
        return "\(login)/\(tenant)/oauth2/v2.0/token"
    }
}
