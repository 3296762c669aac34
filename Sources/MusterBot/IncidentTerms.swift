import MusterConfig
import MusterCore

/// What an incident room's terms ("fire, smoke, Hill St") come to as posts to count, the way a sitrep reads an
/// incident: taxonomy topics by their terms, a ward named as such narrows it, and a street or landmark labels it
/// without narrowing it, so posts that name no ward still count.
struct IncidentTerms {
    /// Taxonomy topics the terms name; a post counts when it has any of them.
    var topics: [String] = []
    /// Free text, when no term names a taxonomy topic (every word must appear, so only the first such term).
    var text: String?
    /// Wards named as wards.
    var wards: [Ward] = []
    /// Streets and landmarks named, for the label ("at Hill St").
    var places: [String] = []
    /// How answers name the posts counted: "Fire at Hill St", "“gas leak” across Northbridge".
    var label = ""

    init(_ terms: [String], context: SkillContext) {
        let resolver = context.resolver
        var placeWards: [Ward] = []
        func add(_ ward: Ward, to list: inout [Ward]) { if !list.contains(ward) { list.append(ward) } }
        for term in terms {
            // Each term read as a message is: its places (with their abbreviations) and topics are found the same way.
            let things = context.intents.read(term).things
            for thing in things where thing.kind == .topic && !topics.contains(thing.value) { topics.append(thing.value) }
            for thing in things where thing.kind == .area {
                guard let ward = context.config.ward(named: thing.value) else { continue }
                let named = resolver.placeNames(in: thing.text)
                if named.namesWard { add(ward, to: &wards) } else {
                    places += named.places.filter { !places.contains($0) }
                    add(ward, to: &placeWards)
                }
            }
            if !things.contains(where: { $0.kind == .topic || $0.kind == .area }), text == nil,
               case .text(let words)? = resolver.topic(term.lowercased())?.topic {
                text = words
            }
        }
        if !topics.isEmpty { text = nil }
        let organisation = context.config.organisation.shortName
        let place: String
        if topics.isEmpty, text == nil, wards.isEmpty {
            // Terms that only name places ("Hill St"): then the places are what the posts are about.
            wards = placeWards
            place = Wording.areas(wards.map(\.displayName), everywhere: organisation)
        } else if wards.isEmpty, !places.isEmpty {
            place = "at " + Wording.list(places)
        } else {
            place = Wording.areas(wards.map(\.displayName), everywhere: organisation)
        }
        let what = topics.isEmpty ? text.map { "“\($0)”" } ?? "All posts" : Wording.list(topics.map { context.label(ofTopic: $0) })
        label = "\(what) \(place)"
    }

    /// The posts counted over `window`.
    func query(over window: TimeWindow) -> PostQuery {
        PostQuery(topics: topics, text: text, areas: wards.map(\.name), window: window)
    }

    /// A watch of `kind` for `incident`, posting where it does.
    func watch(_ kind: Watch.Kind, for incident: Incident) -> Watch {
        Watch(
            kind: kind, topics: topics, text: text, areas: wards.map(\.name), label: incident.name, conversation: incident.conversation,
            setBy: incident.startedBy, createdAt: incident.startedAt, incidentID: incident.id
        )
    }
}
