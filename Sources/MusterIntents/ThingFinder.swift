import MusterCore

/// Finds every thing a message names — wards and places, topics, outlets, times, references, statuses, feelings —
/// anywhere in it, in one pass of one PCRE2 pattern built at start-up from the organisation's vocabulary and
/// `things.yaml` / `windows.yaml`: every phrase is an alternative ending in a callout that names it, grouped by first
/// letter, and the pattern is made to fail so that every alternative is tried at every place. Overlaps are then
/// settled here: within a kind the leftmost longest wins, and a thing inside a longer one of another kind is left out.
struct ThingFinder: Sendable {
    /// What one alternative stands for.
    struct Entry: Sendable {
        var kind: ThingKind
        /// The value, or one of the marks below to read it from the matched words.
        var value: String
    }

    /// The organisation's names (one pattern) and the shared grammar (another): together they were too large for
    /// one PCRE2 pattern.
    let patterns: [CompiledPattern]
    /// Callout number → what it stands for, numbered across both patterns.
    let entries: [Entry]
    let grammar: ThingGrammar
    /// An ordinal reference ending in one of these is a rumour ("the second claim") or a post ("the last tweet").
    let rumourNoun: CompiledPattern
    let postNoun: CompiledPattern
    /// Matches the words just before a thing that take it out of the question.
    let negated: CompiledPattern
    /// The first word of each way `negated` can begin: it is tried only where one of these is near.
    let negationStarts: [[UInt8]]
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
        negationStarts = ThingGrammar.leadingWords(of: grammar.negation).map { Array($0.utf8) }
        var names: [(source: String, entry: Entry)] = []
        var alternatives: [(source: String, entry: Entry)] = []
        func add(_ kind: ThingKind, _ source: String, _ value: String) {
            // Each of a pattern's own alternatives separately, so that all can be grouped by first letter.
            for part in ThingGrammar.expandedAlternatives(of: source) { alternatives.append((part, Entry(kind: kind, value: value))) }
        }
        for entry in vocabulary.entries {
            names.append((Self.fragment(for: entry.phrase, plural: entry.plural, grammar: grammar), Entry(kind: entry.kind, value: entry.value)))
        }
        add(.area, grammar.expand(grammar.wardNumber), Self.wardNumberMark)
        for pattern in grammar.everywhere { add(.everywhere, pattern, "everywhere") }
        for pattern in grammar.media { add(.outlet, pattern, "the media") }
        for status in grammar.statuses { for word in status.words { add(.status, ThingGrammar.escape(word), status.value) } }
        for sentiment in grammar.sentiments {
            let words = "(?:" + sentiment.words.map(ThingGrammar.escape).joined(separator: "|") + ")"
            add(.sentiment, grammar.sentimentPhrase.replacingOccurrences(of: "{sentiment}", with: words), sentiment.value)
        }
        for rule in windows.rules { add(.window, rule.source, Self.wordsMark) }
        add(.window, grammar.previousPeriod, Thing.previousPeriod)
        let numbered = "(?: (?:no\\.? ?|number |#)?|#)\(grammar.numberPattern)"
        add(.post, "(?:\(grammar.postWords))\(numbered)", Self.numberMark)
        add(.rumour, "(?:\(grammar.rumourWords))\(numbered)", Self.numberMark)
        add(.reference, grammar.expand(grammar.ordinalReference), Self.numberMark)
        add(.reference, grammar.expand(grammar.bareReference), Self.numberMark)
        add(.speaker, grammar.speaker, Self.wordsMark)

        entries = (names + alternatives).map(\.entry)
        var built: [CompiledPattern] = []
        var offset = 0
        for (list, origin) in [(names, "the config's names"), (alternatives, "\(ThingGrammar.fileName) and \(WindowGrammar.fileName)")] where !list.isEmpty {
            let marked = list.enumerated().map { index, alternative in "(?:\(alternative.source))(?C\"\(offset + index)\")" }
            offset += list.count
            do {
                built += try CompiledPattern.splitting(marked[...]) { "(?J)(?<![\\w@#])(?:" + Self.byFirstLetter(Array($0)) + ")(*FAIL)" }.map(\.pattern)
            } catch let error as PatternError {
                throw MusterError("the words for things do not compile: \(error.message)", hint: "Check \(origin).")
            }
        }
        patterns = built
    }

    /// Every thing in `bytes` (a normalised message), in order of where it starts. Within a kind the leftmost longest
    /// wins; a thing inside a longer thing of another kind is left out: "today" in "North East Today", "station" in
    /// "Northbridge Station", "4" in "ward 4".
    func things(in bytes: [UInt8], scratch: MatchScratch) -> [Thing] {
        var found: [Thing] = []
        let hits = patterns.flatMap { $0.callouts(in: bytes, scratch: scratch, everyPlace: true, atWordEnd: true) }
        for hit in hits where !hit.range.isEmpty && hit.number < entries.count {
            let entry = entries[hit.number]
            let text = String(decoding: bytes[hit.range], as: UTF8.self)
            guard let value = value(of: entry, text: text) else { continue }
            var kind = entry.kind
            // "the second claim" is a rumour, "the last tweet" a post; a bare "3" is left to the ask.
            if kind == .reference, text.utf8.contains(UInt8(ascii: " ")) {
                if rumourNoun.match(text) != nil { kind = .rumour } else if postNoun.match(text) != nil { kind = .post }
            }
            found.append(Thing(kind: kind, value: value, text: text, range: hit.range))
        }
        // Leftmost first, longest first at one place: each kind keeps the things that do not overlap an earlier one.
        found.sort { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        var kept: [Thing] = []
        for thing in found where !kept.contains(where: { $0.kind == thing.kind && $0.range.overlaps(thing.range) }) {
            kept.append(thing)
        }
        return kept.filter { thing in
            !kept.contains { other in
                other.kind != thing.kind && other.range.count > thing.range.count
                    && other.range.lowerBound <= thing.range.lowerBound && other.range.upperBound >= thing.range.upperBound
                    // A landmark names its topic too ("Ashworth Academy", "Northbridge Station delays"); a street
                    // does not ("Station Road").
                    && !(thing.kind == .topic && other.kind == .area && !isStreet(other.text))
            }
            // "across the town centre" is a ward, not the whole town.
            && !(thing.kind == .everywhere && kept.contains { $0.kind == .area && $0.range.overlaps(thing.range) })
            && !isNegated(thing, in: bytes, scratch: scratch)
        }
    }

    /// Whether the words just before `thing` take it out of the question: "not the bins", "rather than Riverside".
    private func isNegated(_ thing: Thing, in bytes: [UInt8], scratch: MatchScratch) -> Bool {
        guard [.topic, .area, .outlet].contains(thing.kind), thing.range.lowerBound > 0 else { return false }
        var start = max(0, thing.range.lowerBound - 24)
        // Start on a whole character: PCRE2 is given valid UTF-8 only.
        while start < thing.range.lowerBound, bytes[start] & 0xC0 == 0x80 { start += 1 }
        let before = Array(bytes[start..<thing.range.lowerBound])
        // Most things have no "not" anywhere near: no need to ask PCRE2.
        guard negationStarts.isEmpty || negationStarts.contains(where: { Self.contains(before, $0) }) else { return false }
        return negated.match(utf8: before, scratch: scratch) != nil
    }

    /// Whether a place's words end in a street type ("Station Road", "Hill St").
    private func isStreet(_ text: String) -> Bool {
        guard let last = text.split(whereSeparator: { $0 == " " || $0 == "-" }).last.map({ String($0).trimmingCharacters(in: .punctuationCharacters) }) else { return false }
        return grammar.streetTypes.contains(last)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }

    private func value(of entry: Entry, text: String) -> String? {
        switch entry.value {
        case Self.wordsMark: return text
        case Self.numberMark:
            let reading = grammar.number(in: text)
            if reading.isLast { return "last" }
            return reading.number.map(String.init)
        case Self.wardNumberMark:
            guard let number = grammar.number(in: text).number else { return nil }
            // An unknown number stays as typed, so the answer can say which wards there are.
            return wardNumbers[number] ?? "ward \(number)"
        default: return entry.value
        }
    }

    /// Alternatives grouped under their first letter (`r(?:iverside…|…)`), so that at each place in a message PCRE2
    /// tries only the phrases that begin with the letter there rather than all of them. Order within a letter is
    /// kept (longest first); alternatives that start with anything else keep their place at the end. `before`, if
    /// given, is put in front of the grouped ones only (a word boundary that punctuation-led ones must not get).
    static func byFirstLetter(_ alternatives: [String], before prefix: String = "") -> String {
        var groups: [Character: [String]] = [:]
        var letters: [Character] = []
        var rest: [String] = []
        for alternative in alternatives {
            // Each is `(?:source)…`: group on the source's first character when it is a plain letter or digit.
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
        guard !prefix.isEmpty, !grouped.isEmpty else { return (grouped + rest).joined(separator: "|") }
        return (["\(prefix)(?:" + grouped.joined(separator: "|") + ")"] + rest).joined(separator: "|")
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
        // "burglary" and "burglaries", "bin" and "bins", "bus" and "buses".
        if plural, source.hasSuffix("y"), source.count > 3 { source = String(source.dropLast()) + "(?:y|ies)" } else if plural { source += "(?:s|es)?" }
        return source
    }
}
