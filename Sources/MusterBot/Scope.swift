import MusterConfig
import MusterCore

/// What a question is about — where, on what topic, and when — resolved once from its slots.
struct Scope {
    /// The wards named (or found inside the topic); empty for everywhere.
    var wards: [Ward]
    /// The topic, free text, or everything.
    var topic: TopicChoice
    /// The store query for it: areas, window and topic applied.
    var query: PostQuery
    /// "in Ward 4 (Riverside)", or "across Northbridge".
    var place: String

    /// The window asked about.
    var window: TimeWindow { query.window }
}

extension SkillContext {
    /// Resolves the area and topic slots (a place inside the topic is the area when none is named) and the window:
    /// the one named, else `defaultWindow` for these wards and topic, else the last 7 days.
    func scope(
        _ slots: [String: String], defaultWindow: ((_ wards: [Ward], _ topic: TopicChoice) throws -> TimeWindow)? = nil
    ) throws -> Scope {
        var wards = try resolver.areas(slots["area"])
        let (topic, places) = resolver.topic(slots["topic"]) ?? (.everything, [])
        if wards.isEmpty { wards = places }
        let window: TimeWindow
        if slots["window"] == nil, let defaultWindow {
            window = try defaultWindow(wards, topic)
        } else {
            window = try resolver.window(slots["window"], now: clock.now)
        }
        var query = PostQuery(areas: wards.map(\.name), window: window)
        topic.apply(to: &query)
        let place = Wording.areas(wards.map(\.displayName), everywhere: config.organisation.shortName)
        return Scope(wards: wards, topic: topic, query: query, place: place)
    }
}
