import Foundation
import MusterConfig
import MusterCore
import MusterIntents
import MusterText

/// What a topic slot turned out to name: a taxonomy topic, or words to search for.
enum TopicChoice: Sendable, Hashable {
    case topic(Topic)
    case text(String)
    /// No topic: every post (a question that only named a place).
    case everything

    /// How answers name it.
    var label: String {
        switch self {
        case .topic(let topic): return topic.label
        case .text(let words): return "“\(words)”"
        case .everything: return "All posts"
        }
    }

    /// Narrows `query` to this topic.
    func apply(to query: inout PostQuery) {
        switch self {
        case .topic(let topic): query.topics = [topic.name]
        case .text(let words): query.text = words
        case .everything: break
        }
    }
}

/// A slot value Muster does not know, with the nearest values it does.
enum SlotProblem: Error, Sendable {
    case unknownArea(typed: String, suggestions: [Ward])
    case unknownWindow(typed: String)
    case unknownOutlet(typed: String, suggestions: [Outlet])
}

/// What an outlet slot named: one configured outlet, or the media in general.
enum OutletChoice: Sendable, Hashable {
    case outlet(Outlet)
    case allMedia

    /// How answers name it.
    var label: String {
        switch self {
        case .outlet(let outlet): return outlet.name
        case .allMedia: return "The media"
        }
    }
}

/// Resolves slot text against the organisation's config: areas to wards, topics to the taxonomy (or free text),
/// windows to exact spans of time.
struct SlotResolver: Sendable {
    let config: CouncilConfig
    let gazetteer: Gazetteer
    let tagger: TopicTagger
    let windows: TimeWindowParser

    init(config: CouncilConfig, windows grammar: WindowGrammar) {
        self.config = config
        gazetteer = Gazetteer(wards: config.wards)
        tagger = TopicTagger(topics: config.topics)
        windows = TimeWindowParser(local: LocalTime(timeZone: config.organisation.timeZone), grammar: grammar)
    }

    /// The second window of a comparison: "the period before" (from "this week v last") is what the first window's
    /// rule says comes before it ("this week" → last week), else the span of the same length just before;
    /// anything else is read as a window.
    func window(_ text: String?, now: Date, comparedWith first: TimeWindow, named firstWords: String?) throws(SlotProblem) -> TimeWindow {
        guard text == Thing.previousPeriod else { return try window(text, now: now) }
        if let words = firstWords, let before = windows.grammar.before(words) { return try window(before, now: now) }
        return first.previous
    }

    func window(_ text: String?, now: Date) throws(SlotProblem) -> TimeWindow {
        guard let window = windows.window(for: text, now: now) else { throw .unknownWindow(typed: text ?? "") }
        return window
    }

    /// The wards named in `text` ("ward 4 and quayside"), in the order named.
    func areas(_ text: String?) throws(SlotProblem) -> [Ward] {
        guard let text else { return [] }
        let names = text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: "&", with: ",")
            .split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
        // "Northbridge", "the whole patch", "everywhere": no area filter at all.
        let everywhere = [config.organisation.name, config.organisation.shortName, Self.everywhere].map { $0.lowercased() } + config.lexicon.everywhere
        if names.count == 1, everywhere.contains(names[0].lowercased()) { return [] }
        var wards: [Ward] = []
        for name in names {
            guard let wardName = gazetteer.ward(named: Tokenizer.tokens(name)), let ward = config.ward(named: wardName) else {
                throw .unknownArea(typed: name, suggestions: nearestWards(to: name))
            }
            if !wards.contains(ward) { wards.append(ward) }
        }
        return wards
    }

    /// The words among `areaWords` (as the intents give them, "hill st and ward 4") that name a place inside a ward
    /// — a street, landmark or postcode — rather than the ward itself, capitalised for an answer ("Hill St").
    func placeNames(in areaWords: String?) -> (places: [String], namesWard: Bool) {
        guard let areaWords else { return ([], false) }
        var places: [String] = []
        var namesWard = false
        for words in areaWords.components(separatedBy: " and ") where !words.isEmpty {
            let folded = words.lowercased()
            let isWard = folded.hasPrefix("ward ") || folded.wholeMatch(of: /w\d+/) != nil
                || config.wards.contains { ward in ([ward.name] + ward.aliases).contains { $0.lowercased() == folded } }
            if isWard { namesWard = true } else { places.append(words.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")) }
        }
        return (places, namesWard)
    }

    /// A taxonomy topic when the words name one (ignoring filler such as "the new"), else the words as free text;
    /// places named inside ("the fire on Hill Street") become areas instead.
    func topic(_ text: String?) -> (topic: TopicChoice, places: [Ward])? {
        guard let text else { return nil }
        var tokens = Tokenizer.tokens(text)
        var places: [Ward] = []
        for match in gazetteer.places(in: tokens).reversed() {
            guard let ward = config.ward(named: match.ward) else { continue }
            var start = match.range.lowerBound
            if start > 0, config.lexicon.placePrepositions.contains(tokens[start - 1]) { start -= 1 }
            tokens.removeSubrange(start..<match.range.upperBound)
            if !places.contains(ward) { places.insert(ward, at: 0) }
        }
        let filler = config.lexicon.stopwords
        if let name = tagger.topic(covering: tokens, ignoring: filler), let topic = config.topics.first(where: { $0.name == name }) {
            return (.topic(topic), places)
        }
        let words = tokens.filter { !filler.contains($0) }
        guard !words.isEmpty else { return places.isEmpty ? nil : (.everything, places) }
        return (.text(words.joined(separator: " ")), places)
    }

    /// The taxonomy topic a choice is, or the first one its free text names ("bins complaints" → bins); `nil` when
    /// it names none.
    func taxonomyTopic(in choice: TopicChoice) -> Topic? {
        switch choice {
        case .topic(let topic): return topic
        case .text(let words): return tagger.topics(in: Tokenizer.tokens(words)).first.flatMap { name in config.topics.first { $0.name == name } }
        case .everything: return nil
        }
    }

    /// The area value of the whole patch, as the intents give it.
    static let everywhere = "everywhere"

    /// The outlet named by its name, handle or a word only its name has ("the Gazette"); "the media", "the press"
    /// and no outlet at all mean every outlet.
    func outlet(_ text: String?) throws(SlotProblem) -> OutletChoice {
        guard let text else { return .allMedia }
        var key = text.lowercased()
        for prefix in ["the ", "@"] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        if key == Self.allMedia { return .allMedia }
        let outlets = config.outlets
        if let exact = outlets.first(where: { $0.name.lowercased() == key || $0.handles.contains { $0.lowercased() == key } }) {
            return .outlet(exact)
        }
        let byWord = outlets.filter { Tokenizer.tokens($0.name).contains(key) }
        if byWord.count == 1 { return .outlet(byWord[0]) }
        let scored = outlets.map { outlet in
            (outlet, ([outlet.name] + outlet.handles).map { EditDistance.between(key, $0.lowercased()) }.min() ?? .max)
        }
        let best = scored.map(\.1).min() ?? .max
        let near = best <= max(3, key.count / 3) ? scored.filter { $0.1 == best }.map(\.0) : byWord
        throw .unknownOutlet(typed: text, suggestions: Array(near.prefix(3)))
    }

    /// Taxonomy topics whose name or a term is spelled closest to `words`, for "did you mean" when a free-text
    /// search finds nothing.
    func nearestTopics(to words: String) -> [Topic] {
        let scored = config.topics.map { topic in
            (topic, ([topic.name] + topic.terms).map { EditDistance.between(words, $0) }.min() ?? .max)
        }
        let best = scored.map(\.1).min() ?? .max
        guard best <= max(2, words.count / 3) else { return [] }
        return scored.filter { $0.1 == best }.prefix(3).map(\.0)
    }

    /// The outlet value of the media in general, as the intents give it (from `things.yaml`'s `media:` words).
    static let allMedia = "media"

    /// A sentiment slot as a label; the intents give `negative`, `positive` or `neutral` (`things.yaml`).
    func sentiment(_ text: String?) -> SentimentLabel? {
        text.flatMap { SentimentLabel(rawValue: $0.lowercased()) }
    }

    /// Up to three wards whose number, name or alias is nearest to what was typed (all equally near).
    private func nearestWards(to typed: String) -> [Ward] {
        let key = typed.lowercased()
        let scored = config.wards.map { ward in
            (ward, ward.references.map { EditDistance.between(key, $0) }.min() ?? .max)
        }
        let best = scored.map(\.1).min() ?? .max
        guard best <= max(2, key.count / 3) else { return [] }
        return scored.filter { $0.1 == best }.prefix(3).map(\.0)
    }
}
