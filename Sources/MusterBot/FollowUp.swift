import MusterIntents

/// Merges a follow-up's slots ("and in Ward 5?", "what about last week?", "only the negative ones", "same for
/// parking") into the previous question's, so the previous skill answers again with the change.
enum FollowUp {
    static let intent = "follow_up"
    /// The slots a follow-up may change; the things found decide which ("parking" is a topic, "Quayside" an area).
    static let changeable = ["area", "window", "sentiment", "topic", "outlet"]

    static func merge(_ followUp: [String: String], into previous: [String: String]) -> [String: String] {
        var slots = previous
        for key in changeable { if let value = followUp[key] { slots[key] = value } }
        // A new area brings the words it was named by; the old area's would name a place no longer asked about.
        if followUp["area"] != nil { slots[IntentSet.areaWordsSlot] = followUp[IntentSet.areaWordsSlot] }
        return slots
    }

    static let needsContext = Reply(
        title: "That sounds like a follow-up, but there is no earlier question in this conversation to follow.",
        sections: [Reply.Section(nil, [.text("Ask a full question first, e.g. “what are people saying about bins in Ward 4?”, then “and in Ward 5?”.")])]
    )
}
