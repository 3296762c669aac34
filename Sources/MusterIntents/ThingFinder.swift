import MusterCore

/// Finds every thing a message names — wards and places, topics, outlets, times, references, statuses, feelings —
/// anywhere in it, with one unanchored PCRE2 pattern per kind built at start-up from the organisation's vocabulary
/// and `things.yaml` / `windows.yaml`.
struct ThingFinder: Sendable {
    /// One kind's pattern; each alternative ends in `(*MARK:n)`, naming the value it stands for.
    struct KindPattern: Sendable {
        var kind: ThingKind
        var pattern: CompiledPattern
        /// Mark → value. A mark starting with `#` is read from the matched words instead (a number, a window).
        var values: [String: String]
    }

    let patterns: [KindPattern]
    let grammar: ThingGrammar
    /// An ordinal reference ending in one of these is a rumour ("the second claim") or a post ("the last tweet").
    let rumourNoun: CompiledPattern
    let postNoun: CompiledPattern
    /// Matches the words just before a thing that take it out of the question.
    let negated: CompiledPattern
    let wardNumbers: [Int: String]

    static let numberMark = "#number"
    static let wordsMark = "#words"
    static let wardNumberMark = "#ward"

    init(vocabulary: Vocabulary, grammar: ThingGrammar, windows: WindowGrammar) throws {
        self.grammar = grammar
        wardNumbers = vocabulary.wardNumbers
        rumourNoun = try CompiledPattern("(?:\(grammar.rumourWords))$")
        postNoun = try CompiledPattern("(?:\(grammar.postWords))$")
        negated = try CompiledPattern("(?<!\\w)(?:\(grammar.negation)) $")
        var alternatives: [ThingKind: [(source: String, value: String)]] = [:]
        for entry in vocabulary.entries {
            alternatives[entry.kind, default: []].append((Self.fragment(for: entry.phrase, plural: entry.plural, grammar: grammar), entry.value))
        }
        func add(_ kind: ThingKind, _ source: String, _ value: String) { alternatives[kind, default: []].append((source, value)) }
        add(.area, grammar.expand(grammar.wardNumber), Self.wardNumberMark)
        for pattern in grammar.everywhere { add(.everywhere, pattern, "everywhere") }
        for pattern in grammar.media { add(.outlet, pattern, "the media") }
        for status in grammar.statuses { for word in status.words { add(.status, ThingGrammar.escape(word), status.value) } }
        let sentimentWords = grammar.sentiments.map { sentiment in
            "(?:" + sentiment.words.map(ThingGrammar.escape).joined(separator: "|") + ")(*MARK:\(sentiment.value))"
        }
        add(.sentiment, grammar.sentimentPhrase.replacingOccurrences(of: "{sentiment}", with: "(?:" + sentimentWords.joined(separator: "|") + ")"), "")
        add(.window, windows.findingPattern, Self.wordsMark)
        let numbered = "(?: (?:no\\.? ?|number |#)?|#)\(grammar.numberPattern)"
        add(.post, "(?:\(grammar.postWords))\(numbered)", Self.numberMark)
        add(.rumour, "(?:\(grammar.rumourWords))\(numbered)", Self.numberMark)
        add(.reference, grammar.expand(grammar.ordinalReference), Self.numberMark)
        add(.reference, grammar.expand(grammar.bareReference), Self.numberMark)
        add(.speaker, grammar.speaker, Self.wordsMark)

        var built: [KindPattern] = []
        for kind in ThingKind.allCases {
            guard let list = alternatives[kind], !list.isEmpty else { continue }
            var values: [String: String] = [:]
            // Longest first, so "hill street" is taken before "hill" where both would match at one place.
            let sorted = list.sorted { $0.source.count > $1.source.count }
            let marked = sorted.enumerated().map { index, alternative -> String in
                // The sentiment phrase marks its own words; every other alternative is marked with its value.
                guard !alternative.value.isEmpty else { return "(?:\(alternative.source))" }
                values["m\(index)"] = alternative.value
                return "(?:\(alternative.source))(*MARK:m\(index))"
            }
            let body = Self.byFirstLetter(marked)
            do {
                let pattern = try CompiledPattern("(?J)(?<![\\w@#])(?:\(body))(?:(?<=\\W)|(?!\\w))")
                built.append(KindPattern(kind: kind, pattern: pattern, values: values))
            } catch let error as PatternError {
                throw MusterError("the \(kind.rawValue) words do not compile: \(error.message)", hint: "Check \(ThingGrammar.fileName), \(WindowGrammar.fileName) and the config's names.")
            }
        }
        patterns = built
    }

    /// Every thing in `bytes` (a normalised message), in order of where it starts. A thing inside a longer thing of
    /// another kind is left out: "today" in "North East Today", "station" in "Northbridge Station", "4" in "ward 4".
    func things(in bytes: [UInt8], scratch: MatchScratch) -> [Thing] {
        var found: [Thing] = []
        for kind in patterns {
            for match in kind.pattern.matches(utf8: bytes, scratch: scratch) where !match.range.isEmpty {
                let text = String(decoding: bytes[match.range], as: UTF8.self)
                guard let value = value(of: match, text: text, in: kind) else { continue }
                var thingKind = kind.kind
                if thingKind == .reference {
                    if rumourNoun.match(text) != nil { thingKind = .rumour } else if postNoun.match(text) != nil { thingKind = .post }
                }
                found.append(Thing(kind: thingKind, value: value, text: text, range: match.range))
            }
        }
        let kept = found.filter { thing in
            !found.contains { other in
                other.kind != thing.kind && other.range.count > thing.range.count
                    && other.range.lowerBound <= thing.range.lowerBound && other.range.upperBound >= thing.range.upperBound
            }
            // "across the town centre" is a ward, not the whole town.
            && !(thing.kind == .everywhere && found.contains { $0.kind == .area && $0.range.overlaps(thing.range) })
            && !isNegated(thing, in: bytes, scratch: scratch)
        }
        return kept.sorted { ($0.range.lowerBound, $0.range.count) < ($1.range.lowerBound, $1.range.count) }
    }

    /// Whether the words just before `thing` take it out of the question: "not the bins", "rather than Riverside".
    private func isNegated(_ thing: Thing, in bytes: [UInt8], scratch: MatchScratch) -> Bool {
        guard [.topic, .area, .outlet].contains(thing.kind), thing.range.lowerBound > 0 else { return false }
        var start = max(0, thing.range.lowerBound - 24)
        // Start on a whole character: PCRE2 is given valid UTF-8 only.
        while start < thing.range.lowerBound, bytes[start] & 0xC0 == 0x80 { start += 1 }
        let before = Array(bytes[start..<thing.range.lowerBound])
        return negated.match(utf8: before, scratch: scratch) != nil
    }

    private func value(of match: CompiledPattern.Match, text: String, in kind: KindPattern) -> String? {
        guard let mark = match.mark else { return nil }
        if kind.kind == .sentiment { return mark }
        switch kind.values[mark] {
        case Self.wordsMark?: return text
        case Self.numberMark?:
            let reading = grammar.number(in: text)
            if reading.isLast { return "last" }
            return reading.number.map(String.init)
        case Self.wardNumberMark?:
            guard let number = grammar.number(in: text).number else { return nil }
            // An unknown number stays as typed, so the answer can say which wards there are.
            return wardNumbers[number] ?? "ward \(number)"
        case let value?: return value
        case nil: return nil
        }
    }

    /// Alternatives grouped under their first letter (`r(?:iverside…|…)`), so that at each place in a message PCRE2
    /// tries only the phrases that begin with the letter there rather than all of them. Order within a letter is
    /// kept (longest first); alternatives that start with anything else keep their place at the end.
    static func byFirstLetter(_ alternatives: [String]) -> String {
        var groups: [Character: [String]] = [:]
        var letters: [Character] = []
        var rest: [String] = []
        for alternative in alternatives {
            // Each is `(?:source)(*MARK:…)`: group on the source's first character when it is a plain letter or digit.
            let source = alternative.dropFirst(3)
            guard alternative.hasPrefix("(?:"), let first = source.first, first.isASCII, first.isLetter || first.isNumber,
                  let second = source.dropFirst().first, second != "?", second != "*", second != "+", second != "{"
            else {
                rest.append(alternative)
                continue
            }
            if groups[first] == nil { letters.append(first) }
            groups[first, default: []].append("(?:" + source.dropFirst())
        }
        let grouped = letters.map { "\($0)(?:" + groups[$0]!.joined(separator: "|") + ")" }
        return (grouped + rest).joined(separator: "|")
    }

    /// A config phrase as a pattern: words escaped, any run of spaces or a hyphen between them, apostrophes
    /// optional, street types by their short forms too ("Hill Street" → `hill[\s-]+(?:street|st|str)\.?`), `@`
    /// optional before a handle, and a plural ending for topic terms.
    static func fragment(for phrase: String, plural: Bool, grammar: ThingGrammar) -> String {
        let words = phrase.lowercased().replacingOccurrences(of: "-", with: " ").split(separator: " ").map(String.init)
        let parts = words.map { word -> String in
            let bare = word.hasPrefix("@") ? String(word.dropFirst()) : word
            var escaped = ThingGrammar.escape(bare).replacingOccurrences(of: "'", with: "'?").replacingOccurrences(of: "&", with: " ?& ?")
            if word.hasPrefix("@") { escaped = "@?" + escaped }
            if let short = grammar.abbreviations[bare] {
                escaped = "(?:\(escaped)|" + short.map(ThingGrammar.escape).joined(separator: "|") + ")\\.?"
            }
            return escaped
        }
        // "fly-tipping", "fly tipping" and "flytipping" all read the same.
        var source = parts.joined(separator: "[\\s-]?")
        if plural { source += "(?:s|es)?" }
        return source
    }
}
