import Foundation
@testable import MusterChat
import Testing

/// What each platform sends, turned into the question the person typed.
@Suite("Adapters: reading platform payloads")
struct AdapterParsingTests {
    @Test("Slack text loses the bot's mention and keeps what links and entities say", arguments: [
        ("<@U0LAN0Z89> what are people saying about bins?", "what are people saying about bins?"),
        ("<!here> any news on <https://northbridge.example/bins|the bin strike>?", "any news on the bin strike?"),
        ("see <https://northbridge.example/bins>", "see https://northbridge.example/bins"),
        ("bins &amp; recycling in &lt;Ward 4&gt;", "bins & recycling in <Ward 4>"),
        ("they wrote &amp;lt;b&amp;gt; literally", "they wrote &lt;b&gt; literally"),
        ("3 < 4 but no closing bracket", "3 < 4 but no closing bracket"),
    ])
    func slackText(sent: String, typed: String) {
        #expect(SlackAdapter.plainText(fromSlack: sent) == typed)
    }

    @Test("Teams text loses the <at> mention, HTML tags and &nbsp;", arguments: [
        ("<at>Muster</at>&nbsp;what are people saying about bins?", "what are people saying about bins?"),
        ("<p><at>Muster</at> bins <b>in</b> Ward&nbsp;4</p>", "bins in Ward 4"),
        ("<at>Muster</at> fish &amp; chips &quot;van&quot; &lt;Quayside&gt;", "fish & chips \"van\" <Quayside>"),
        ("<at>Muster</at> &amp;nbsp; is literal", "&nbsp; is literal"),
    ])
    func teamsText(sent: String, typed: String) {
        #expect(TeamsAdapter.plainText(fromTeams: sent) == typed)
    }

    @Test("a Slack app mention becomes a question in its thread, keyed by the event id")
    func slackMention() throws {
        let event = try JSONFields(Data("""
            {"type": "event_callback", "team_id": "T0NBCOMMS", "event_id": "Ev0PV52K21",
             "authorizations": [{"user_id": "U0LAN0Z89", "is_bot": true}],
             "event": {"type": "app_mention", "user": "U0NBLEAD1", "channel": "C0NBCOMMS", "ts": "1700000000.000100",
                       "thread_ts": "1700000000.000001", "text": "<@U0LAN0Z89> bins in Ward 4?"}}
            """.utf8))
        let message = try #require(try SlackAdapter.message(from: event))
        #expect(message.workspace == "T0NBCOMMS")
        #expect(message.channel == "C0NBCOMMS")
        #expect(message.userID == "U0NBLEAD1")
        #expect(message.text == "bins in Ward 4?")
        #expect(message.conversation == "slack:T0NBCOMMS:C0NBCOMMS:1700000000.000001")
        #expect(message.deliveryID == "Ev0PV52K21")
    }

    @Test("Slack events Muster must not answer are ignored: its own posts, edits, and channel chatter without a mention", arguments: [
        #"{"type": "app_mention", "user": "U0LAN0Z89", "channel": "C0NBCOMMS", "text": "an answer"}"#,
        #"{"type": "app_mention", "bot_id": "B01", "user": "U0OTHERBOT", "channel": "C0NBCOMMS", "text": "hi"}"#,
        #"{"type": "message", "subtype": "message_changed", "user": "U0NBLEAD1", "channel": "D0DM", "channel_type": "im", "text": "x"}"#,
        #"{"type": "message", "user": "U0NBLEAD1", "channel": "C0NBCOMMS", "channel_type": "channel", "text": "lunch?"}"#,
    ])
    func slackIgnored(event: String) throws {
        let payload = try JSONFields(Data("""
            {"type": "event_callback", "team_id": "T0NBCOMMS", "authorizations": [{"user_id": "U0LAN0Z89", "is_bot": true}], "event": \(event)}
            """.utf8))
        #expect(try SlackAdapter.message(from: payload) == nil)
    }

    @Test("a Teams activity becomes a question from its tenant and channel, with the mention stripped")
    func teamsActivity() throws {
        let activity = try JSONFields(Data("""
            {"type": "message", "id": "1700000000123", "text": "<at>Muster</at> bins in Ward 4?",
             "from": {"id": "29:1abc", "aadObjectId": "0b7e4f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", "name": "Priya Shah"},
             "conversation": {"id": "19:abc@thread.tacv2;messageid=1700000000123"},
             "channelData": {"tenant": {"id": "6f1c2a7e-4b1d-4c55-9a0e-5d3b2c1a0f99"}, "channel": {"id": "19:abc@thread.tacv2", "name": "comms"}}}
            """.utf8))
        let message = try TeamsAdapter.message(from: activity)
        #expect(message.workspace == "6f1c2a7e-4b1d-4c55-9a0e-5d3b2c1a0f99")
        #expect(message.channel == "19:abc@thread.tacv2")
        #expect(message.userID == "0b7e4f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b")
        #expect(message.userName == "Priya Shah")
        #expect(message.text == "bins in Ward 4?")
    }

    @Test("a Mattermost command or webhook with an empty team, channel or user id is refused, as Slack's are", arguments: [
        "team_id=&channel_id=C1&user_id=U1&text=bins", "team_id=T1&channel_id=&user_id=U1&text=bins", "team_id=T1&channel_id=C1&user_id=&text=bins",
    ])
    func mattermostEmptyIDs(body: String) throws {
        let form = try FormFields(Data(body.utf8))
        #expect(throws: ChatRejection.malformed("The request lacks team_id, channel_id or user_id.")) { try MattermostAdapter.message(fromCommand: form) }
        #expect(throws: ChatRejection.self) { try MattermostAdapter.message(fromWebhook: { form[$0] }) }
    }

    @Test("a body that is not a JSON object is refused with 400")
    func notJSON() {
        #expect(throws: ChatRejection.malformed("The body is not a JSON object.")) { try JSONFields(Data("[1, 2]".utf8)) }
    }
}
