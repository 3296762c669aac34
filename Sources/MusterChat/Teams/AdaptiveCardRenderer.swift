import Foundation
import MusterBot

/// Renders a reply as an Adaptive Card (version 1.4, which every Teams client shows) for Teams replies and Workflows
/// posts.
///
/// Teams refuses messages over about 28 KB; the card stops adding items at 24 KB of JSON and says it was cut.
public struct AdaptiveCardRenderer: Sendable {
    /// The card schema version.
    public static let version = "1.4"
    /// The most bytes of card JSON Muster allows itself.
    public static let byteBudget = 24_000

    private let style = MarkupStyle.markdown

    /// Creates a renderer.
    public init() {}

    /// A Bot Framework message activity carrying the card: the body of an outgoing-webhook reply or a Workflows post.
    ///
    /// - Parameter buttons: whether the suggestions are `Action.Submit` buttons; only a bot can take their presses.
    public func message(_ reply: Reply, buttons: Bool = false) -> [String: Any] {
        [
            "type": "message",
            "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": NSNull(), "content": card(reply, buttons: buttons)]],
        ]
    }

    /// The card itself.
    public func card(_ reply: Reply, buttons: Bool = false) -> [String: Any] {
        var body: [[String: Any]] = [["type": "TextBlock", "text": style.escape(reply.title), "size": "Medium", "weight": "Bolder", "wrap": true]]
        var bytes = 300 + reply.title.utf8.count
        var cut = false
        func add(_ element: [String: Any]) {
            guard !cut else { return }
            let size = (try? JSONSerialization.data(withJSONObject: element).count) ?? 0
            guard bytes + size <= Self.byteBudget else {
                cut = true
                return
            }
            body.append(element)
            bytes += size
        }
        if !reply.facts.isEmpty {
            add(["type": "FactSet", "facts": reply.facts.map { ["title": $0.label, "value": $0.value] }])
        }
        for section in reply.sections {
            if let heading = section.heading {
                add(["type": "TextBlock", "text": style.escape(heading), "weight": "Bolder", "spacing": "Medium", "wrap": true])
            }
            for item in section.items {
                add(element(for: item))
            }
        }
        let actions: [[String: Any]] = buttons
            ? SuggestionButton.buttons(for: reply).map { ["type": "Action.Submit", "title": $0.label, "data": [TeamsAdapter.submitKey: $0.ask]] }
            : []
        for line in style.closing(of: reply, buttons: !actions.isEmpty) {
            add(["type": "TextBlock", "text": line, "isSubtle": true, "size": "Small", "wrap": true])
        }
        if cut {
            body.append(["type": "TextBlock", "text": "_This answer was too long for Teams and has been cut; ask for fewer posts, or use the web console._", "isSubtle": true, "wrap": true])
        }
        var card: [String: Any] = ["type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "version": Self.version, "body": body]
        if !actions.isEmpty { card["actions"] = actions }
        return card
    }

    private func element(for item: Reply.Item) -> [String: Any] {
        let text = style.lines(for: item).joined(separator: "\n\n")
        switch item {
        case .draft:
            return ["type": "Container", "style": "emphasis", "items": [["type": "TextBlock", "text": text, "wrap": true]]]
        case .sparkline:
            return ["type": "TextBlock", "text": text, "fontType": "Monospace", "wrap": true]
        case .bullet(let bullet):
            return ["type": "TextBlock", "text": "- " + style.escape(bullet), "wrap": true, "spacing": "None"]
        case .text, .post:
            return ["type": "TextBlock", "text": text, "wrap": true]
        }
    }
}
