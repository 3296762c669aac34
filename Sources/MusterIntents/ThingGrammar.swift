import Foundation
import MusterCore

/// The words for things that are the same for every organisation, read from `intents/things.yaml`: numbers and
/// ordinals, how wards are numbered, street abbreviations, the whole patch, the media in general, rumour statuses,
/// feelings, references to numbered items, filler, and the answers that accept a clarification.
struct ThingGrammar: Sendable {
    static let fileName = "things.yaml"

    var numbers: [String: Int]
    /// Number words longest first, so "forty-eight" is read before "forty" and "a couple of" before "a".
    var numbersLongestFirst: [(word: String, number: Int)]
    var ordinals: [String: Int]
    var lastWords: [String]
    var wardNumber: String
    var abbreviations: [String: [String]]
    /// The words that end a street's name, in full and short ("road", "rd"): a place ending in one is a street.
    var streetTypes: Set<String>
    var everywhere: [String]
    var media: [String]
    /// Value → its words, e.g. `false` → `untrue`, `fake`.
    var statuses: [(value: String, words: [String])]
    var sentiments: [(value: String, words: [String])]
    /// Where a feeling picks posts out: "only the negative ones".
    var sentimentPhrase: String
    /// "this week v last": the span before the other time, in a comparison.
    var previousPeriod: String
    var postWords: String
    var rumourWords: String
    var bareReference: String
    var ordinalReference: String
    var filler: Set<String>
    var confirm: [String]
    /// Words that open a free-text topic, a place, or an aside about another time.
    var topicPrepositions: Set<String>
    var topicOpeners: Set<String>
    var placePrepositions: Set<String>
    var asides: Set<String>
    /// What may follow a number's digits when it is a time or a count ("10am", "2nd"), not a topic's word.
    var numberEndings: Set<String>
    /// A team introducing itself, whose words are not what is asked about.
    var speaker: String
    /// Words that take the thing after them out of the question ("not the bins").
    var negation: String
    /// A request put politely as a question ("could you mark post 3 handled?"): it tells, so an action need not be
    /// confirmed for its question mark.
    var politeRequest: String

    static let digits = #"\d{1,3}"#

    init(directory: URL) throws {
        let file = try YAMLFile(directory.appendingPathComponent(Self.fileName))
        numbers = try file.numbers("numbers")
        numbersLongestFirst = numbers.map { ($0.key, $0.value) }.sorted { ($0.word.count, $0.word) > ($1.word.count, $1.word) }
        ordinals = try file.numbers("ordinals")
        lastWords = try file.strings("last")
        abbreviations = Dictionary(try file.lists("abbreviations").map { ($0.name.lowercased(), $0.items.map { $0.lowercased() }) }) { $1 }
        let short = abbreviations
        streetTypes = Set(try file.strings("street_types").flatMap { [$0.lowercased()] + (short[$0.lowercased()] ?? []) })
        everywhere = try file.strings("everywhere")
        media = try file.strings("media")
        statuses = try file.lists("statuses").map { ($0.name, $0.items) }
        sentiments = try file.lists("sentiments").map { ($0.name, $0.items) }
        filler = Set(try file.strings("filler").map { $0.lowercased() })
        confirm = try file.strings("confirm")
        topicPrepositions = Set(try file.strings("topic_prepositions").map { $0.lowercased() })
        placePrepositions = Set(try file.strings("place_prepositions").map { $0.lowercased() })
        topicOpeners = Set(try file.strings("topic_openers").map { $0.lowercased() })
        asides = Set(try file.strings("asides").map { $0.lowercased() })
        numberEndings = Set(try file.strings("number_endings").map { $0.lowercased() }).union([""])
        func required(_ key: String) throws -> String {
            guard let value = try file.string(key) else { throw MusterError("\(file.path): missing \"\(key)\"") }
            return value
        }
        wardNumber = try required("ward_number")
        sentimentPhrase = try required("sentiment_phrase")
        speaker = try required("speaker")
        previousPeriod = try required("previous_period")
        negation = try required("negation")
        politeRequest = try required("polite_request")
        postWords = try required("post_words")
        rumourWords = try required("rumour_words")
        bareReference = try required("bare_reference")
        ordinalReference = try required("ordinal_reference")
        for status in statuses where !["false", "true", "unverified"].contains(status.value) {
            throw MusterError("\(file.path): status \"\(status.value)\" is not one of false, true, unverified")
        }
        for sentiment in sentiments where !["negative", "positive", "neutral"].contains(sentiment.value) {
            throw MusterError("\(file.path): sentiment \"\(sentiment.value)\" is not one of negative, positive, neutral")
        }
    }

    /// `{number}`: digits, or a number written as words.
    var numberPattern: String {
        "(?:\(Self.digits)|\(Self.alternation(numbers.keys)))"
    }

    /// `{ordinal}`: "first", "2nd", "top", or a word for the last.
    var ordinalPattern: String {
        Self.alternation(Array(ordinals.keys) + lastWords)
    }

    /// Replaces the grammar's own placeholders in a pattern from this file.
    func expand(_ pattern: String) -> String {
        var text = pattern
        for (name, value) in [("number", numberPattern), ("digits", Self.digits), ("ordinal", ordinalPattern),
                              ("post_words", "(?:\(postWords))"), ("rumour_words", "(?:\(rumourWords))")] {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The number a reference, ward number or window names: its digits, else a number word, else an ordinal;
    /// `isLast` when it names the last item ("the last one").
    func number(in text: String) -> (number: Int?, isLast: Bool) {
        if let digits = text.split(whereSeparator: { !$0.isNumber }).first, let number = Int(digits) { return (number, false) }
        let words = text.split { !$0.isLetter && $0 != "-" }.map(String.init)
        if words.contains(where: lastWords.contains) { return (nil, true) }
        if let ordinal = words.lazy.compactMap({ ordinals[$0] }).first { return (ordinal, false) }
        let spaced = " " + words.joined(separator: " ") + " "
        return (numbersLongestFirst.first { spaced.contains(" \($0.word) ") }?.number, false)
    }


    /// Words as one PCRE2 alternation, longest first so a longer word is preferred where both would match.
    static func alternation<Words: Sequence>(_ words: Words) -> String where Words.Element == String {
        "(?:" + words.sorted { ($0.count, $0) > ($1.count, $1) }.map(escape).joined(separator: "|") + ")"
    }

    /// `text` with PCRE2's special characters escaped and its spaces matching any run of spaces or a hyphen.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", "#": result += "\\\(character)"
            case " ": result += "[\\s-]+"
            default: result.append(character)
            }
        }
        return result
    }
}

extension ThingGrammar {
    /// The literal first word of each way `pattern` can begin (`(?:not|never mind|forget)…` → not, never, forget);
    /// empty when one way begins with something else, so that a caller knows it cannot filter on them.
    static func leadingWords(of pattern: String) -> [String] {
        var body = pattern
        if body.hasPrefix("(?:"), let close = Self.groupEnd(body) {
            body = String(body[body.index(body.startIndex, offsetBy: 3)..<close])
        }
        var words: [String] = []
        for part in topLevelAlternatives(of: body) {
            let word = part.prefix { $0.isLetter }
            guard !word.isEmpty, word.count == part.count || part.dropFirst(word.count).first == " " else { return [] }
            words.append(String(word))
        }
        return words
    }

    /// `pattern`'s top-level alternatives: `a|b(?:c|d)|e` → `a`, `b(?:c|d)`, `e` (groups, classes and escapes kept
    /// whole).
    static func topLevelAlternatives(of pattern: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inClass = false
        var escaped = false
        for character in pattern {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass: depth -= 1
            case "|" where !inClass && depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}

extension ThingGrammar {
    /// `pattern` as alternatives that each begin with a literal letter where that can be done: leading groups are
    /// multiplied out (`(?:in |over )?(?:the )?last week` → `in the last week`, `in last week`, `over the last week`…,
    /// `last week`), so that grouping by first letter leaves few alternatives to try at every place. Groups with a
    /// name, a quantifier other than `?`, or too many ways through are left as they are.
    static func expandedAlternatives(of pattern: String, limit: Int = 48) -> [String] {
        var result: [String] = []
        for alternative in topLevelAlternatives(of: pattern) {
            let expanded = expandLeading(alternative, budget: limit)
            result += expanded
        }
        return result
    }

    private static func expandLeading(_ alternative: String, budget: Int) -> [String] {
        guard alternative.hasPrefix("(?:"), let close = groupEnd(alternative) else { return [alternative] }
        let content = String(alternative[alternative.index(alternative.startIndex, offsetBy: 3)..<close])
        var rest = String(alternative[alternative.index(after: close)...])
        var optional = false
        if rest.hasPrefix("?") {
            // `??` is lazy, and a quantifier after the group (`*`, `+`, `{n}`) cannot be multiplied out.
            guard !rest.hasPrefix("??"), !rest.hasPrefix("?+") else { return [alternative] }
            optional = true
            rest.removeFirst()
        } else if let first = rest.first, "*+{".contains(first) {
            return [alternative]
        }
        let parts = topLevelAlternatives(of: content)
        guard parts.count + (optional ? 1 : 0) <= budget else { return [alternative] }
        var result: [String] = []
        for part in parts + (optional ? [""] : []) {
            let joined = part + rest
            // An empty way through would make the alternative match nothing at all.
            guard !joined.isEmpty else { return [alternative] }
            result += expandLeading(joined, budget: budget / max(1, parts.count))
            if result.count > budget { return [alternative] }
        }
        return result
    }

    /// The index of the `)` that closes the group `pattern` opens with.
    static func groupEnd(_ pattern: String) -> String.Index? {
        var depth = 0
        var inClass = false
        var escaped = false
        for index in pattern.indices {
            let character = pattern[index]
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}
