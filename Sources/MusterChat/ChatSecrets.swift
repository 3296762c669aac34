/// The secrets chat platforms share with Muster, read from the environment so they never sit in a config file or
/// the store. A platform whose secret is missing is switched off.
public struct ChatSecrets: Sendable {
    /// Slack's signing secret (`MUSTER_SLACK_SIGNING_SECRET`).
    public var slackSigningSecret: String?
    /// The Teams outgoing webhook's security token, base64 (`MUSTER_TEAMS_SECURITY_TOKEN`).
    public var teamsSecurityToken: String?
    /// The Mattermost outgoing webhook's token (`MUSTER_MATTERMOST_TOKEN`).
    public var mattermostWebhookToken: String?
    /// The Mattermost slash command's token (`MUSTER_MATTERMOST_COMMAND_TOKEN`).
    public var mattermostCommandToken: String?
    /// The generic webhook's signing secret (`MUSTER_WEBHOOK_SECRET`).
    public var webhookSecret: String?
    /// Outgoing webhook URLs for late answers and proactive posts, by platform: the names of the environment
    /// variables that hold them, when set. The outbox stores the name, never the URL.
    public var outgoing: [String: String]

    /// The environment variable holding each platform's outgoing webhook URL.
    public static let outgoingVariables = [
        "slack": "MUSTER_SLACK_WEBHOOK_URL", "teams": "MUSTER_TEAMS_WORKFLOW_URL", "mattermost": "MUSTER_MATTERMOST_WEBHOOK_URL",
    ]

    /// Reads the secrets from `environment`; empty values count as missing.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        slackSigningSecret = value("MUSTER_SLACK_SIGNING_SECRET")
        teamsSecurityToken = value("MUSTER_TEAMS_SECURITY_TOKEN")
        mattermostWebhookToken = value("MUSTER_MATTERMOST_TOKEN")
        mattermostCommandToken = value("MUSTER_MATTERMOST_COMMAND_TOKEN")
        webhookSecret = value("MUSTER_WEBHOOK_SECRET")
        outgoing = Self.outgoingVariables.filter { value($0.value) != nil }.mapValues { "env:\($0)" }
    }
}
