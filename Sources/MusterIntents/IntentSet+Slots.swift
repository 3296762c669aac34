import MusterCore

/// A `Leftover` worked out only when a slot needs it: most messages name a topic, and skip it.
final class LazyLeftover {
    /// The message the leftover is of.
    let bytes: [UInt8]
    private let make: () -> Leftover
    private(set) lazy var value: Leftover = make()

    init(bytes: [UInt8], _ make: @escaping () -> Leftover) {
        self.bytes = bytes
        self.make = make
    }
}

/// The words of a message that no thing and no cue accounts for: where a free-text topic comes from.
struct Leftover {
    /// A run of words next to each other that carry something.
    struct Run {
        var words: [String]
        /// The word just before the run ("the" in "about the new cycle lane").
        var before: String?
        /// Whether a topic preposition opens it, with nothing but filler between ("about the new cycle lane").
        var introduced = false
        /// Whether it opens the message (only filler and things before it) and ends a clause ("barley rd speeding,
        /// what are residents posting?"): the subject put first.
        var leads = false
        var text: String { words.joined(separator: " ") }
    }

    let runs: [Run]
    /// The message the runs are from.
    let bytes: [UInt8]

    init(bytes: [UInt8], covered: [Range<Int>], cues: [Range<Int>] = [], places: [Range<Int>] = [], filler: Set<String>, prepositions: Set<String>, asides: Set<String>, numberEndings: Set<String>) {
        self.bytes = bytes
        var runs: [Run] = []
        var current: [String] = []
        var before: String?
        var lastWord: String?
        var introduced = false
        // The topic preposition seen since the last word that carried something, if any.
        var opened = false
        var start = 0
        var wordCount = 0
        // Whether only filler and things have come so far, and whether the current run began that way.
        var atStart = true
        var runAtStart = false
        func close(endingClause: Bool = false) {
            // After "before" or "until" the words set a time aside ("before cabinet,"): no subject.
            let aside = before.map(asides.contains) ?? false
            if !current.isEmpty { runs.append(Run(words: current, before: before, introduced: introduced, leads: runAtStart && endingClause && !aside)) }
            if !current.isEmpty { atStart = false }
            current = []
        }
        for end in bytes.indices where end == bytes.count - 1 || bytes[end + 1] == UInt8(ascii: " ") {
            let range = start..<(end + 1)
            start = end + 2
            let isCovered = covered.contains { $0.overlaps(range) }
            // Words of the ask ("mood wise,") come before any subject put first.
            if cues.contains(where: { $0.overlaps(range) }) { atStart = false }
            let token = String(decoding: bytes[range], as: UTF8.self)
            let word = String(token[...].word)
            if !word.isEmpty { wordCount += 1 }
            // A time or a number ("the 10am", "3 calls") is never a topic's word; "20mph" may be.
            let isTime = word.first?.isNumber == true && numberEndings.contains(String(word.drop { $0.isNumber }))
            if isCovered || word.isEmpty || filler.contains(word) || isTime {
                close(endingClause: token == "-")
                // A place keeps "about" open: "on the eastwood rd sinkhole" is about the sinkhole.
                let isPlace = places.contains { $0.overlaps(range) }
                if prepositions.contains(word) { opened = true } else if !isPlace, isCovered || !filler.contains(word) { opened = false }
            } else {
                if current.isEmpty { (before, introduced, runAtStart) = (lastWord, opened, atStart) }
                current.append(word)
                opened = false
            }
            if !word.isEmpty { lastWord = word }
            // Punctuation after a word ends a run: "bins, parking" is two; it ends a clause, and any "about" before.
            if let last = token.last, ",;:!?.".contains(last) {
                close(endingClause: true)
                opened = false
            }
        }
        close()
        self.runs = runs
        self.isShort = wordCount <= Self.shortMessage
    }

    /// Whether the message is a few words only ("cycle lane chatter?"): then its longest run is the topic even
    /// with no "about" before it. In a longer message an unopened run is as likely an aside ("the chief's going
    /// to ring me"), and searching for it would answer "no posts" about the wrong thing.
    let isShort: Bool
    static let shortMessage = 6

    /// The free-text topic: the run after "about" (or a word like it in `prepositions`) if there is one, else the
    /// longest run.
    func topic(excluding place: Run?) -> String? {
        let candidates = runs.filter { run in run.text != place?.text && run.words.contains { $0.count >= 3 } }
        if let introduced = candidates.last(where: \.introduced) { return introduced.text }
        if let subject = candidates.first(where: \.leads) { return subject.text }
        return isShort ? candidates.max { $0.words.count < $1.words.count }?.text : nil
    }
}

extension IntentSet {
    /// The slot that holds the words the areas were named by, beside `area`. It is for the answers; intent files
    /// and transcripts state slots without it (see `stated`).
    public static let areaWordsSlot = "area words"

    /// The slots `judged` answers with: its captures, and the things it takes, as values the skills resolve.
    func slots(for judged: IntentSet.Judged, things: [Thing], leftover lazyLeftover: LazyLeftover, message: String) -> [String: String] {
        let intent = judged.intent
        var slots = judged.captures.filter { intent.takes.contains($0.key) }
        // A status word inside an official line ("A&E is open as normal") is the line's, not a status.
        let taken = judged.captureRanges.filter { intent.takes.contains($0.key) }.values
        let things = things.filter { thing in !taken.contains { $0.lowerBound <= thing.range.lowerBound && $0.upperBound >= thing.range.upperBound } }
        func values(_ kinds: Set<ThingKind>) -> [String] {
            var seen: Set<String> = []
            return things.filter { kinds.contains($0.kind) }.map(\.value).filter { seen.insert($0).inserted }
        }
        func put(_ key: String, _ second: String, _ list: [String]) {
            guard intent.takes.contains(key), let first = list.first else { return }
            if intent.takes.contains(second), list.count > 1 {
                slots[key] = first
                slots[second] = list.dropFirst().joined(separator: " and ")
            } else {
                slots[key] = list.joined(separator: " and ")
            }
        }
        // An unknown ward number ("Ward 44") keeps the capitals it was typed with, for the answer that says so.
        var areas = values([.area, .everywhere]).map { $0.hasPrefix("ward ") ? Self.restoringCase(of: $0, from: message) : $0 }
        // "Riverside, Northbridge": a ward named beside the whole patch narrows it, unless two are being compared.
        if !intent.takes.contains("area2"), areas.count > 1 { areas.removeAll { $0 == "everywhere" } }
        put("area", "area2", areas)
        if slots["area"] != nil {
            // The words the areas were named by: a street or landmark ("hill st") names where an incident is, which
            // the answers about incidents use as its place rather than narrowing it to the ward.
            slots[Self.areaWordsSlot] = things.filter { $0.kind == .area }.map(\.text).joined(separator: " and ")
        }
        // Two times are two sides of a comparison; otherwise the last named is the window ("cabinet on Thursday wants
        // … over the past month"), unless it only says when something else happens ("… before the weekend",
        // "… that was not there this morning").
        // A day named on its own ("on tues", "Thursday") is more often when something happened than the span asked
        // about, so another time wins over it.
        let windows = things.filter { $0.kind == .window }
        let asked = windows.filter { !isAside($0, in: lazyLeftover.bytes) }
        let spans = asked.filter { !windowsGrammarDates($0.value) }
        let chosen = intent.takes.contains("window2") ? windows : Array((spans.isEmpty ? (asked.isEmpty ? windows : asked) : spans).suffix(1))
        // "this week v last" compares with the period before; outside a comparison "last" alone is no time.
        put("window", "window2", chosen.filter { $0.value != Thing.previousPeriod || intent.takes.contains("window2") }.map(\.value))
        var place: Leftover.Run?
        // A name no ward has is capitalised as typed: without a capital past the first letter there is none to look for.
        let hasCapital = message.utf8.dropFirst().contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        if intent.takes.contains("area"), areas.isEmpty, hasCapital,
           let unknown = lazyLeftover.value.runs.last(where: { $0.before.map(grammar.placePrepositions.contains) ?? false }),
           unknown.words.count <= 3, Self.looksLikeAName(unknown.text, in: message) {
            // "parking in Narnia": a name where a place goes, which no ward has; the answer says so.
            slots["area"] = Self.restoringCase(of: unknown.text, from: message)
            place = unknown
        }
        let topics = values([.topic])
        if intent.takes.contains("topic2"), topics.count > 1 {
            // "potholes vs street lights": two topics are the two sides of a comparison, in the order named.
            slots["topic"] = topics[0]
            slots["topic2"] = topics[1]
        } else if intent.takes.contains("topic") {
            if let topic = Self.askedTopic(in: things, bytes: lazyLeftover.bytes, prepositions: grammar.topicPrepositions) {
                slots["topic"] = topic
            } else if intent.takes.contains("text"), let words = lazyLeftover.value.topic(excluding: place) {
                slots["topic"] = Self.restoringCase(of: words, from: message)
            }
        }
        if intent.takes.contains("outlet") {
            // No outlet Muster knows, but a whole-sentence pattern saw one ("what is the Daily Bugle saying"): the
            // answer names it and the outlets that are followed.
            if let outlet = values([.outlet]).first ?? judged.sentenceOutlet.map({ Self.restoringCase(of: $0, from: message) }) {
                slots["outlet"] = outlet
            }
        }
        if intent.takes.contains("status"), let status = values([.status]).first { slots["status"] = status }
        if intent.takes.contains("sentiment"), let sentiment = values([.sentiment]).first { slots["sentiment"] = sentiment }
        let references = values([.reference])
        func reference(_ kind: ThingKind, _ noun: String) -> String? {
            guard let value = values([kind]).first ?? references.first else { return nil }
            return value == "last" ? "the last one" : "\(noun) \(value)"
        }
        let takesPost = intent.takes.contains("post")
        let takesRumour = intent.takes.contains("rumour")
        if takesRumour, !values([.rumour]).isEmpty || !takesPost { slots["rumour"] = reference(.rumour, "rumour") }
        if takesPost, slots["rumour"] == nil { slots["post"] = reference(.post, "post") }
        if let line = slots["line"] { slots["line"] = Self.restoringCase(of: line, from: message) }
        return slots
    }

    /// The topic asked about when several are named: the first after "about", "on", "re" and the like ("Fire
    /// service here, what are people saying about the sandbags and the flooding" asks about flooding), else the
    /// first.
    private static func askedTopic(in things: [Thing], bytes: [UInt8], prepositions: Set<String>) -> String? {
        let topics = things.filter { $0.kind == .topic }
        guard topics.count > 1, Set(topics.map(\.value)).count > 1 else { return topics.first?.value }
        let areas = things.filter { $0.kind == .area }.map(\.range)
        let introduced = topics.first { topic in
            // "about the hill street fire": the words before the place in front of the topic.
            var start = topic.range.lowerBound
            while let area = areas.first(where: { $0.upperBound == start - 1 || $0.upperBound == start }) { start = area.lowerBound }
            let before = String(decoding: bytes[max(0, start - 16)..<start], as: UTF8.self)
            let words = before.split(separator: " ").suffix(3).map { String($0) }
            return words.contains { prepositions.contains($0) }
        }
        return (introduced ?? topics[0]).value
    }

    /// Whether a window names one day ("on tues", "24 nov") rather than a span.
    private func windowsGrammarDates(_ text: String) -> Bool {
        windows.namesOneDay(text)
    }

    /// Whether the word before a time makes it an aside rather than the window asked about (`asides`).
    private func isAside(_ window: Thing, in bytes: [UInt8]) -> Bool {
        let before = String(decoding: bytes[max(0, window.range.lowerBound - 12)..<window.range.lowerBound], as: UTF8.self)
        return before.split(separator: " ").last.map { grammar.asides.contains(String($0)) } ?? false
    }

    /// `restoringCase` for an ASCII message, on bytes: lower-casing keeps every byte in place (Foundation's search
    /// was a twentieth of reading a message).
    private static func asciiRestoringCase(of value: String, from message: [UInt8]) -> String {
        let lower = message.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        let needle = Array(value.utf8)
        guard needle.count <= lower.count else { return value }
        for start in 0...(lower.count - needle.count) where lower[start] == needle[0] && lower[start..<(start + needle.count)].elementsEqual(needle) {
            return String(decoding: message[start..<(start + needle.count)], as: UTF8.self)
        }
        return value
    }

    /// Whether words where a place would go look like a name: capitalised as typed, or not ordinary words.
    private static func looksLikeAName(_ words: String, in message: String) -> Bool {
        let typed = restoringCase(of: words, from: message)
        return typed.first?.isUppercase == true
    }

    /// `value` as the person typed it ("There was no gas explosion"), where normalisation left its words intact;
    /// otherwise as normalised.
    static func restoringCase(of value: String, from message: String) -> String {
        guard !value.isEmpty, message.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }) else {
            return value
        }
        if message.utf8.allSatisfy({ $0 < 0x80 }) { return asciiRestoringCase(of: value, from: Array(message.utf8)) }
        let lower = message.lowercased()
        // Lower-casing kept every character in place (true but for a few scripts), so offsets carry across.
        guard lower.count == message.count, let range = lower.range(of: value) else { return value }
        let start = message.index(message.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound))
        return String(message[start...].prefix(value.count))
    }
}

extension Dictionary where Key == String, Value == String {
    /// The slots as intent files and transcripts state them: without the words the areas were named by.
    public var stated: [String: String] {
        filter { $0.key != IntentSet.areaWordsSlot }
    }
}
