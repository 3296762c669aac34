import Foundation
import MusterConfig
import MusterCore
import MusterText

/// What a topic slot turned out to name: a taxonomy topic, or words to search for.
enum TopicChoice: Sendable, Hashable {
    case topic(Topic)
    case text(String)

    /// How answers name it.
    var label: String {
        switch self {
        case .topic(let topic): return topic.label
        case .text(let words): return "“\(words)”"
        }
    }
}

/// A slot value Muster does not know, with the nearest values it does.
enum SlotProblem: Error, Sendable {
    case unknownArea(typed: String, suggestions: [Ward])
    case unknownWindow(typed: String)
}

/// Resolves slot text against the organisation's config: areas to wards, topics to the taxonomy (or free text),
/// windows to exact spans of time.
struct SlotResolver: Sendable {
    let config: CouncilConfig
    let gazetteer: Gazetteer
    let tagger: TopicTagger
    let windows: TimeWindowParser

    init(config: CouncilConfig) {
        self.config = config
        gazetteer = Gazetteer(wards: config.wards)
        tagger = TopicTagger(topics: config.topics)
        windows = TimeWindowParser(local: LocalTime(timeZone: config.organisation.timeZone))
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
        var wards: [Ward] = []
        for name in names {
            guard let wardName = gazetteer.ward(named: Tokenizer.tokens(name)), let ward = config.ward(named: wardName) else {
                throw .unknownArea(typed: name, suggestions: nearestWards(to: name))
            }
            if !wards.contains(ward) { wards.append(ward) }
        }
        return wards
    }

    /// A taxonomy topic when the words name one (ignoring filler such as "the new"), else the words as free text.
    func topic(_ text: String?) -> TopicChoice? {
        guard let text else { return nil }
        let tokens = Tokenizer.tokens(text)
        guard !tokens.isEmpty else { return nil }
        if let name = tagger.topic(covering: tokens, ignoring: config.lexicon.stopwords),
           let topic = config.topics.first(where: { $0.name == name }) {
            return .topic(topic)
        }
        let words = tokens.drop { $0 == "the" }.joined(separator: " ")
        return .text(words)
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
