import Foundation
@testable import MusterBot
@testable import MusterChat
import MusterCore
import Testing

/// The chat apps' side: where an answer is posted for each place, with what buttons, and how presses are read back.
@Suite("Chat apps: couriers, buttons and presses")
struct ChatAppTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let reply = Reply(title: "Bins and waste in Ward 4", facts: [.init("Posts", "12")], suggestions: ["show me the posts", "draft a reply"])

    static let appSecrets = ChatSecrets(environment: [
        "MUSTER_SLACK_SIGNING_SECRET": "s", "MUSTER_SLACK_BOT_TOKEN": "xoxb-1-2-abc", "MUSTER_SLACK_API_URL": "http://127.0.0.1:9/api",
        "MUSTER_SLACK_WEBHOOK_URL": "https://hooks.slack.invalid/x", "MUSTER_TEAMS_APP_ID": "11111111-2222-3333-4444-555555555555",
        "MUSTER_TEAMS_APP_PASSWORD": "p", "MUSTER_MATTERMOST_URL": "https://chat.example.org/", "MUSTER_MATTERMOST_BOT_TOKEN": "bottoken",
        "MUSTER_PUBLIC_URL": "https://muster.example.gov.uk/",
    ])
    static let webhookSecrets = ChatSecrets(environment: ["MUSTER_SLACK_WEBHOOK_URL": "https://hooks.slack.invalid/x", "MUSTER_MATTERMOST_WEBHOOK_URL": "https://mm.invalid/hooks/x"])

    static func body(_ message: OutboxMessage?) throws -> [String: Any] {
        let message = try #require(message)
        return try #require(try JSONSerialization.jsonObject(with: Data(message.body.utf8)) as? [String: Any])
    }

    let slackPlace = ConversationReference(
        key: "slack:T1:C2:1700000000.000100", platform: .slack, workspace: "T1", channel: "C2", thread: "1700000000.000100", seenAt: now
    )

    @Test("with the bot token, a Slack answer is a chat.postMessage into the asker's channel and thread, with buttons that continue the conversation")
    func slackApp() throws {
        let message = ChatCouriers(secrets: Self.appSecrets).envelope(for: Self.reply, to: slackPlace, at: Self.now)
        #expect(message?.destination == "http://127.0.0.1:9/api/chat.postMessage")
        #expect(message?.route == .slackAPI)
        #expect(message?.place == "slack:T1:C2", "paced per channel")
        let body = try Self.body(message)
        #expect(body["channel"] as? String == "C2" && body["thread_ts"] as? String == "1700000000.000100")
        let blocks = try #require(body["blocks"] as? [[String: Any]])
        let actions = try #require(blocks.last)
        #expect(actions["type"] as? String == "actions")
        #expect(actions["block_id"] as? String == "muster:slack:T1:C2:1700000000.000100")
        let buttons = try #require(actions["elements"] as? [[String: Any]])
        #expect(buttons.compactMap { $0["value"] as? String } == ["show me the posts", "draft a reply"])
        #expect(buttons.compactMap { ($0["text"] as? [String: Any])?["text"] as? String } == ["Show me the posts", "Draft a reply"])
        #expect(!message!.body.contains("Try:"), "the suggestions are buttons, not a line of text")
    }

    @Test("without the bot token, a Slack answer goes through the incoming webhook, in the thread, with the suggestions as text")
    func slackWebhook() throws {
        let message = ChatCouriers(secrets: Self.webhookSecrets).envelope(for: Self.reply, to: slackPlace, at: Self.now)
        #expect(message?.destination == "env:MUSTER_SLACK_WEBHOOK_URL" && message?.route == .webhook)
        let body = try Self.body(message)
        #expect(body["thread_ts"] as? String == "1700000000.000100")
        #expect(message!.body.contains("Try:") && !message!.body.contains("\"actions\""))
    }

    @Test("a press of a Muster button in Slack asks what the button says, in the conversation its block names, answering in the thread")
    func slackPress() throws {
        func form(blockID: String, channel: String = "C2") -> FormFields {
            let payload: [String: Any] = [
                "type": "block_actions", "team": ["id": "T1", "domain": "northbridge"], "user": ["id": "U1", "username": "priya"],
                "channel": ["id": channel, "name": "comms"], "trigger_id": "1.2.3",
                "container": ["type": "message", "message_ts": "1700000000.000200", "channel_id": channel],
                "message": ["ts": "1700000000.000200", "thread_ts": "1700000000.000100"],
                "actions": [["type": "button", "action_id": "muster_suggestion_0", "block_id": blockID, "value": "show me the posts", "action_ts": "1.5"]],
                "response_url": "https://hooks.slack.com/actions/T1/1/x",
            ]
            let json = String(decoding: try! JSONSerialization.data(withJSONObject: payload), as: UTF8.self)
            return try! FormFields(Data(("payload=" + json.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).utf8))
        }
        let press = try #require(try SlackAdapter.press(from: form(blockID: "muster:slack:T1:C2:U1")))
        #expect(press.message.text == "show me the posts")
        #expect(press.message.conversation == "slack:T1:C2:U1", "a slash command's conversation carries on")
        #expect(press.thread == "1700000000.000100")
        #expect(press.responseURL == "https://hooks.slack.com/actions/T1/1/x")
        let foreign = try #require(try SlackAdapter.press(from: form(blockID: "muster:slack:T1:C9:U1")))
        #expect(foreign.message.conversation == "slack:T1:C2:1700000000.000100", "a block naming another channel is not believed")
        #expect(try SlackAdapter.press(from: FormFields(Data("payload=%7B%22type%22%3A%22view_submission%22%7D".utf8))) == nil)
        #expect(throws: ChatRejection.malformed("The interaction has no payload.")) { try SlackAdapter.press(from: FormFields(Data("a=b".utf8))) }
    }

    @Test("a Teams bot answer goes to the connector at the activity's service URL, replying to the activity, with ids percent-encoded and Action.Submit buttons")
    func teamsBot() throws {
        let place = ConversationReference(
            key: "teams:19:abc@thread.tacv2;messageid=1699", platform: .teams, workspace: "tenant", channel: "19:abc@thread.tacv2", thread: "1699",
            conversationID: "19:abc@thread.tacv2;messageid=1699", serviceURL: "https://smba.trafficmanager.net/uk", botID: "28:app", botName: "Muster",
            userID: "29:user", userName: "Priya", seenAt: Self.now
        )
        let message = ChatCouriers(secrets: Self.appSecrets).envelope(for: Self.reply, to: place, at: Self.now)
        #expect(message?.destination == "https://smba.trafficmanager.net/uk/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1699/activities/1699")
        #expect(message?.route == .teamsConnector)
        let body = try Self.body(message)
        #expect(body["replyToId"] as? String == "1699")
        #expect((body["from"] as? [String: Any])?["id"] as? String == "28:app")
        #expect((body["recipient"] as? [String: Any])?["id"] as? String == "29:user")
        let card = try #require(((body["attachments"] as? [[String: Any]])?.first?["content"]) as? [String: Any])
        let actions = try #require(card["actions"] as? [[String: Any]])
        #expect(actions.map { $0["type"] as? String } == ["Action.Submit", "Action.Submit"])
        #expect(actions.compactMap { ($0["data"] as? [String: String])?["muster"] } == ["show me the posts", "draft a reply"])
    }

    @Test("a press of a Teams card button arrives as a message with value.muster and no text, and is read as that question")
    func teamsPress() throws {
        let activity = try JSONFields(Data("""
            {"type": "message", "id": "1700", "conversation": {"id": "a:personal"}, "from": {"id": "29:user", "aadObjectId": "aad-1", "name": "Priya"},
             "recipient": {"id": "28:app"}, "channelData": {"tenant": {"id": "tenant"}}, "value": {"muster": "show me the posts"}}
            """.utf8))
        let message = try TeamsAdapter.message(from: activity)
        #expect(message.text == "show me the posts" && message.conversation == "teams:a:personal" && message.userID == "aad-1")
    }

    @Test("only the bot's own mention is taken out of a Teams bot message, by its entity")
    func teamsMention() throws {
        let activity = try JSONFields(Data("""
            {"type": "message", "id": "1", "text": "<at>Muster</at> status of ops\\n", "conversation": {"id": "a:1"}, "from": {"id": "29:u"},
             "recipient": {"id": "28:app"}, "entities": [{"type": "mention", "text": "<at>Muster</at>", "mentioned": {"id": "28:app", "name": "Muster"}}]}
            """.utf8))
        #expect(try TeamsAdapter.message(from: activity).text == "status of ops")
    }

    @Test("a Mattermost bot answer is a REST post in the asker's thread, with alphanumeric buttons whose signed context Muster checks")
    func mattermostBot() throws {
        let place = ConversationReference(key: "mattermost:team:chan", platform: .mattermost, workspace: "team", channel: "chan", thread: "post1", seenAt: Self.now)
        let message = ChatCouriers(secrets: Self.appSecrets).envelope(for: Self.reply, to: place, at: Self.now)
        #expect(message?.destination == "https://chat.example.org/api/v4/posts" && message?.route == .mattermostAPI)
        let body = try Self.body(message)
        #expect(body["channel_id"] as? String == "chan" && body["root_id"] as? String == "post1")
        let attachment = try #require(((body["props"] as? [String: Any])?["attachments"] as? [[String: Any]])?.first)
        let actions = try #require(attachment["actions"] as? [[String: Any]])
        #expect(actions.compactMap { $0["id"] as? String } == ["muster0", "muster1"])
        let integration = try #require(actions.first?["integration"] as? [String: Any])
        #expect(integration["url"] as? String == "https://muster.example.gov.uk/mattermost/actions")

        let buttons = try #require(MattermostCourier.buttons(Self.appSecrets))
        let context = try JSONFields(JSONSerialization.data(withJSONObject: try #require(integration["context"])))
        #expect(buttons.verified(context) == .init(say: "show me the posts", team: "team", channel: "chan", root: "post1"))
        var tampered = try #require(integration["context"] as? [String: Any])
        tampered["say"] = "forget author @someone"
        #expect(buttons.verified(try JSONFields(JSONSerialization.data(withJSONObject: tampered))) == nil, "a changed question fails the signature")
        let otherBot = MattermostButtons(publicURL: "https://muster.example.gov.uk", botToken: "another")
        #expect(otherBot.verified(context) == nil, "another Muster's buttons are not this one's")
    }

    @Test("muster post uses the platform's webhook even when the app is installed, and nothing when there is none")
    func webhookPost() throws {
        let message = ChatCouriers(secrets: Self.appSecrets).webhookPost(Self.reply, to: .slack, at: Self.now)
        #expect(message?.destination == "env:MUSTER_SLACK_WEBHOOK_URL" && message?.label == "post: Bins and waste in Ward 4")
        #expect(ChatCouriers(secrets: Self.appSecrets).webhookPost(Self.reply, to: .mattermost, at: Self.now) == nil)
    }
}
