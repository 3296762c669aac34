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
    var everywhere: [String]
    var media: [String]
    /// Value → its words, e.g. `false` → `untrue`, `fake`.
    var statuses: [(value: String, words: [String])]
    var sentiments: [(value: String, words: [String])]
    /// Where a feeling picks posts out: "only the negative ones".
    var sentimentPhrase: String
    var postWords: String
    var rumourWords: String
    var bareReference: String
    var ordinalReference: String
    var filler: Set<String>
    var confirm: [String]
    /// A team introducing itself, whose words are not what is asked about.
    var speaker: String
    /// Words that take the thing after them out of the question ("not the bins").
    var negation: String

    static let digits = #"\d{1,3}"#

    init(directory: URL) throws {
        let file = try YAMLFile(directory.appendingPathComponent(Self.fileName))
        numbers = try file.numbers("numbers")
        numbersLongestFirst = numbers.map { ($0.key, $0.value) }.sorted { ($0.word.count, $0.word) > ($1.word.count, $1.word) }
        ordinals = try file.numbers("ordinals")
        lastWords = try file.strings("last")
        abbreviations = Dictionary(try file.lists("abbreviations").map { ($0.name.lowercased(), $0.items.map { $0.lowercased() }) }) { $1 }
        everywhere = try file.strings("everywhere")
        media = try file.strings("media")
        statuses = try file.lists("statuses").map { ($0.name, $0.items) }
        sentiments = try file.lists("sentiments").map { ($0.name, $0.items) }
        filler = Set(try file.strings("filler").map { $0.lowercased() })
        confirm = try file.strings("confirm")
        func required(_ key: String) throws -> String {
            guard let value = try file.string(key) else { throw MusterError("\(file.path): missing \"\(key)\"") }
            return value
        }
        wardNumber = try required("ward_number")
        sentimentPhrase = try required("sentiment_phrase")
        speaker = try required("speaker")
        negation = try required("negation")
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
