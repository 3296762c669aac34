/// A chat platform Muster answers on. Every switch over it is exhaustive, so a new platform makes the compiler list
/// each place that must learn about it.
public enum ChatPlatform: String, Sendable, CaseIterable, Codable {
    /// Slack: the Events API, slash commands and button presses; answers through the Web API or a webhook.
    case slack
    /// Microsoft Teams: a Bot Framework bot, or an outgoing webhook with Workflows for later posts.
    case teams
    /// Mattermost: outgoing webhooks, slash commands and button clicks; answers through a bot account or a webhook.
    case mattermost
    /// Muster's own signed JSON webhook, for other tools.
    case webhook
}
