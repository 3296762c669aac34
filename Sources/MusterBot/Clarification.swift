import MusterIntents

/// "Did you mean 1 or 2": the readings of a message that scored too close to choose between, each named by its
/// intent's `ask:` with the message's own topic and place filled in, answerable as "1" or "2" (or "yes" when
/// Muster only wants to confirm an action).
enum Clarification {
    static func reply(for options: [Reading.Option], context: SkillContext) -> Reply {
        let asks = options.map { describe($0, context: context) }
        guard asks.count > 1 else {
            return Reply(
                title: "Do you want me to \(asks.first ?? "do that")?",
                sections: [Reply.Section(nil, [.text("Reply yes (or 1) and I will; anything else and I'll leave it.")])],
                suggestions: ["yes"]
            )
        }
        let numbered = asks.enumerated().map { "\($0.element) (\($0.offset + 1))" }
        return Reply(
            title: "Do you want \(Wording.either(numbered))?",
            sections: [Reply.Section(nil, asks.enumerated().map { .bullet("\($0.offset + 1) — \($0.element)") })],
            suggestions: asks.indices.map { "\($0 + 1)" }
        )
    }

    /// An option's `ask:` with `{topic}`, `{place}`, `{outlet}`, `{post}`, `{rumour}` and `{status}` filled in.
    static func describe(_ option: Reading.Option, context: SkillContext) -> String {
        let slots = option.slots
        let resolver = context.resolver
        let topic = resolver.topic(slots["topic"]).map { choice -> String in
            if case .topic(let topic) = choice.topic { return topic.label.lowercased() }
            return choice.topic.label
        } ?? "everything"
        let wards = (try? resolver.areas(slots["area"])) ?? []
        let place = wards.isEmpty ? "" : " " + Wording.areas(wards.map(\.displayName), everywhere: "")
        let outlet = ((try? resolver.outlet(slots["outlet"])) ?? .allMedia).label
        var text = option.ask
        for (name, value) in [("topic", topic), ("place", place), ("outlet", outlet), ("post", slots["post"] ?? "that post"),
                              ("rumour", slots["rumour"] ?? "that rumour"), ("status", slots["status"] ?? "unverified")] {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}
