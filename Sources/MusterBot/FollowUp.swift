import Foundation
import MusterCore

/// Merges a follow-up's slots ("and in Ward 5?", "what about last week?", "only the negative ones") into the
/// previous question's, so the previous skill answers again with the change.
enum FollowUp {
    static let intent = "follow_up"

    static func merge(_ followUp: [String: String], into previous: [String: String], resolver: SlotResolver, now: Date) throws(SlotProblem) -> [String: String] {
        var slots = previous
        if let area = followUp["area"] { slots["area"] = area }
        if let window = followUp["window"] { slots["window"] = window }
        if let sentiment = followUp["sentiment"] { slots["sentiment"] = sentiment }
        if let subject = followUp["subject"] {
            slots[try kind(of: subject, resolver: resolver, now: now)] = subject
        }
        return slots
    }

    /// Whether a follow-up's free subject names an area, a time or a topic.
    private static func kind(of subject: String, resolver: SlotResolver, now: Date) throws(SlotProblem) -> String {
        if (try? resolver.areas(subject)) != nil { return "area" }
        if (try? resolver.window(subject, now: now)) != nil { return "window" }
        if subject.hasPrefix("ward ") {
            _ = try resolver.areas(subject)
        }
        return "topic"
    }

    static let needsContext = Reply(
        title: "That sounds like a follow-up, but there is no earlier question in this conversation to follow.",
        sections: [Reply.Section(nil, [.text("Ask a full question first, e.g. “what are people saying about bins in Ward 4?”, then “and in Ward 5?”.")])]
    )
}
