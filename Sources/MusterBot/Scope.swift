import MusterIntents
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
    /// "in Ward 4 (Riverside)", "at Hill St" for an incident named by its place, or "across Northbridge".
    var place: String
    /// For an incident: the streets and landmarks it was named by ("Hill St"), which label it without narrowing it.
    var incidentPlaces: [String] = []

    /// The window asked about.
    var window: TimeWindow { query.window }
}

extension SkillContext {
    /// Resolves the area and topic slots (a place inside the topic is the area when none is named) and the window:
    /// the one named, else `defaultWindow` for these wards and topic, else the last 7 days.
    ///
    /// An incident (`incident: true`) is its topic, its window and its places: a street or landmark it was named by
    /// ("the hill st fire") labels it but does not narrow it to a ward, so posts that name no ward still count and
    /// every answer about it counts the same posts. A ward named as such ("the fire in Ward 7") still narrows.
    func scope(
        _ slots: [String: String], incident: Bool = false,
        defaultWindow: ((_ wards: [Ward], _ topic: TopicChoice) throws -> TimeWindow)? = nil
    ) throws -> Scope {
        var wards = try resolver.areas(slots["area"])
        let (topic, places) = resolver.topic(slots["topic"]) ?? (.everything, [])
        var incidentPlaces: [String] = []
        if incident, topic != .everything {
            let named = resolver.placeNames(in: slots[IntentSet.areaWordsSlot])
            if !named.namesWard, !named.places.isEmpty {
                incidentPlaces = named.places
                wards = []
            }
        } else if wards.isEmpty {
            wards = places
        }
        let window: TimeWindow
        if slots["window"] == nil, let defaultWindow {
            window = try defaultWindow(wards, topic)
        } else {
            window = try resolver.window(slots["window"], now: clock.now)
        }
        var query = PostQuery(areas: wards.map(\.name), window: window)
        topic.apply(to: &query)
        let place = incidentPlaces.isEmpty ? Wording.areas(wards.map(\.displayName), everywhere: config.organisation.shortName)
            : "at " + Wording.list(incidentPlaces)
        return Scope(wards: wards, topic: topic, query: query, place: place, incidentPlaces: incidentPlaces)
    }
}
