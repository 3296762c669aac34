import Foundation
import MusterBot
import MusterChat
import MusterTesting
import Testing

/// Replies shaped for each platform, within the limits past which the platform refuses or splits the message.
@Suite("Chat renderers")
struct RendererTests {
    /// An answer far too long for any chat message: 200 posts of 300 characters, each with markup in it.
    static let long: Reply = {
        let posts = (1...200).map { number in
            let start = "Post \(number) <script>alert(1)</script> fish & chips *bold* _under_ "
            let text = start + String(repeating: "x", count: 300 - start.count)
            return Reply.Item.post(PostReference(
                number: number, author: "@resident\(number)", text: text, time: "Mon 23 Nov 09:00", engagement: "\(number) likes",
                url: "https://x.example/resident\(number)/status/\(number)"
            ))
        }
        return Reply(
            title: "Everything anyone said about bins, recycling and the depot " + String(repeating: "and more ", count: 20),
            facts: [Reply.Fact("Posts", "200 — up 12%"), Reply.Fact("Sentiment", "70% negative")],
            sections: [
                Reply.Section("Most engaged", Array(posts.prefix(100))),
                Reply.Section("Suggested reply", [.draft(Draft(long: "Hi, sorry about the bins. [confirm: day] — NCC", short: "Sorry about the bins. — NCC", tone: "Warm"))]),
                Reply.Section("Latest", Array(posts.suffix(100))),
            ],
            footer: "Posts up to 09:41 today.",
            suggestions: ["and in Ward 5?"]
        )
    }()

    /// Every string under a `text` key, however deep.
    static func texts(in value: Any) -> [String] {
        switch value {
        case let object as [String: Any]:
            return object.flatMap { key, value in
                if key == "text", let text = value as? String { return [text] }
                return texts(in: value)
            }
        case let array as [Any]:
            return array.flatMap(texts(in:))
        default:
            return []
        }
    }

    static func text(of block: [String: Any]) -> String? {
        (block["text"] as? [String: Any])?["text"] as? String
    }

    @Test("a long answer stays within Slack's block limits and says it was cut")
    func slackLimits() throws {
        let blocks = SlackRenderer().blocks(Self.long)
        #expect(blocks.count <= 50)
        let header = try #require(blocks.first)
        #expect(header["type"] as? String == "header")
        #expect(try #require(Self.text(of: header)).count <= 150)
        for section in blocks where section["type"] as? String == "section" {
            #expect(try #require(Self.text(of: section)).count <= 3000)
        }
        #expect(Self.texts(in: blocks).map(\.count).reduce(0, +) <= 13_000)
        let last = try #require(blocks.last)
        #expect(last["type"] as? String == "context")
        #expect(Self.texts(in: last).joined().contains("too long for Slack and has been cut"))
    }

    @Test("user text cannot make Slack markup: <, > and & arrive escaped")
    func slackEscapes() {
        let mrkdwn = Self.texts(in: SlackRenderer().blocks(Self.long)).joined(separator: "\n")
        #expect(mrkdwn.contains("&lt;script&gt;alert(1)&lt;/script&gt; fish &amp; chips"))
        #expect(!mrkdwn.contains("<script>"))
        #expect(!mrkdwn.contains("fish & chips"))
    }

    @Test("a long answer stays within Teams' message size, as an Adaptive Card 1.4 that says it was cut")
    func teamsLimits() throws {
        let message = AdaptiveCardRenderer().message(Self.long)
        let json = try JSONSerialization.data(withJSONObject: message)
        #expect(json.count < 28_000)
        let attachment = try #require((message["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(card["version"] as? String == "1.4")
        let body = try #require(card["body"] as? [[String: Any]])
        #expect(body.last?["text"] as? String == "_This answer was too long for Teams and has been cut; ask for fewer posts, or use the web console._")
        let text = Self.texts(in: body).joined(separator: "\n")
        #expect(text.contains("\\*bold\\* \\_under\\_"))
    }

    @Test("a long answer fits one Mattermost post, says it was cut, and escapes Markdown in user text")
    func markdownLimits() {
        let markdown = MarkdownRenderer().render(Self.long)
        #expect(markdown.unicodeScalars.count <= 16_383)
        #expect(markdown.hasSuffix("_This answer was too long for one post and has been cut; ask for fewer posts, or use the web console._"))
        #expect(markdown.contains("\\*bold\\* \\_under\\_"))
        #expect(!markdown.replacingOccurrences(of: "\\*bold\\*", with: "").contains("*bold*"))
    }

    @Test("a short answer is not cut, on any platform")
    func shortNotCut() throws {
        let reply = Reply(title: "Bins", facts: [Reply.Fact("Posts", "3")], footer: "Posts up to 09:41 today.")
        #expect(!Self.texts(in: SlackRenderer().blocks(reply)).joined().contains("has been cut"))
        #expect(!String(decoding: try JSONSerialization.data(withJSONObject: AdaptiveCardRenderer().message(reply)), as: UTF8.self).contains("has been cut"))
        #expect(!MarkdownRenderer().render(reply).contains("has been cut"))
    }

    @Test("a real answer from the demo bot leads with its title on Slack, Teams and Mattermost")
    func demoAnswer() throws {
        let reply = try Fixture.demo().bot.respond(to: "what are people saying about bins in Ward 4?", in: UUID().uuidString)
        let title = "Bins and waste in Ward 4 (Riverside) · the last 7 days"
        #expect(reply.title == title)

        let blocks = SlackRenderer().blocks(reply)
        #expect(blocks.first?["type"] as? String == "header")
        #expect(blocks.first.flatMap(Self.text(of:)) == title)
        #expect((SlackRenderer().message(reply)["text"] as? String)?.hasPrefix(title) == true)
        #expect(!Self.texts(in: blocks).joined().contains("has been cut"))

        let card = try #require(((AdaptiveCardRenderer().message(reply)["attachments"] as? [[String: Any]])?.first?["content"]) as? [String: Any])
        let first = try #require((card["body"] as? [[String: Any]])?.first)
        #expect(first["type"] as? String == "TextBlock")
        #expect(first["text"] as? String == title)

        #expect(MarkdownRenderer().render(reply).hasPrefix("#### \(title)\n"))
    }
}
