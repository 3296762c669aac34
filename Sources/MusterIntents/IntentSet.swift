import Foundation
import MusterCore

/// All intents, compiled once at start, with the things they find and the rules that pick one ask per message.
///
/// Reading a message is two steps, both PCRE2 and both from files: find every thing it names anywhere in it
/// (wards, places, topics, outlets, times, references — `ThingFinder`), then score each intent by its cues, the
/// things it counts and its whole-sentence patterns. The best wins by a margin; closer than that, Muster asks.
public struct IntentSet: Sendable {
    /// The intents in file order.
    public let intents: [Intent]
    /// How messages are normalised before matching.
    public let normaliser: Normaliser
    /// The time grammar, which reads the windows found.
    public let windows: WindowGrammar
    /// How the ask is chosen.
    public let settings: ScoringSettings
    let grammar: ThingGrammar
    /// The last words that make a place a street rather than a landmark ("Hill Street", "Hill St"), from
    /// `things.yaml`, for readers outside the intents that tell the two apart.
    public var streetTypes: Set<String> { grammar.streetTypes }
    let finder: ThingFinder
    let corrector: TypoCorrector
    /// Words that carry nothing once things and cues are found.
    let filler: Set<String>
    /// An answer that picks an option of a clarification: "1", "the second", "option 2".
    let choicePattern: CompiledPattern
    /// `polite_request` in `things.yaml`: a question that asks for an action.
    let politeRequest: CompiledPattern
    /// Every cue of every intent in as few patterns as PCRE2 takes, each alternative ending in a numbered callout:
    /// one pass of a message through each finds them all.
    let cueScans: [CueScan]
    /// Callout number → which intent and which of its cues.
    let cueNumbers: [(intent: Int, cue: Int)]
    /// The most capturing groups any pattern has: the size of the match data shared across patterns.
    let maximumGroups: Int
    /// Match data and contexts kept between readings: allocating them for every message was measurable.
    let scratchPool = ScratchPool()

    /// Examples fit to offer in a "did you mean" (normalised): none that is some intent's counter-example, none
    /// written with a typo on purpose ("rumors abt the fire").
    public let suggestable: Set<String>

    /// Loads and compiles the intents in `directory` with the organisation's `vocabulary`.
    ///
    /// - Parameter botNames: the names the bot is addressed by, stripped from messages.
    /// - Throws: `MusterError` naming the file and line of anything malformed.
    public init(directory: URL, botNames: [String] = ["muster"], vocabulary: Vocabulary = Vocabulary()) throws {
        grammar = try ThingGrammar(directory: directory)
        windows = try WindowGrammar(directory: directory, numberWords: grammar.numbers)
        settings = try ScoringSettings(directory: directory)
        finder = try ThingFinder(vocabulary: vocabulary, grammar: grammar, windows: windows)
        intents = try IntentLoader.load(from: directory, fragments: Self.generatedFragments(grammar: grammar, windows: windows))
        normaliser = Normaliser(botNames: botNames, replacements: try IntentLoader.replacements(in: directory))
        // Words that only set a time aside ("before cabinet") carry no topic either.
        filler = grammar.filler.union(vocabulary.filler).union(grammar.asides)
        corrector = TypoCorrector(known: Self.knownWords(intents: intents, vocabulary: vocabulary, grammar: grammar, windows: windows),
                                  dictionary: vocabulary.dictionary, limits: settings.typos)
        choicePattern = try CompiledPattern(
            "^(?:the )?(?:(?:option|number|no\\.?|choice) )?(?<choice>\\d|\(grammar.numberPattern)|\(grammar.ordinalPattern))(?: one| please| thanks)*$"
        )
        do {
            politeRequest = try CompiledPattern(grammar.politeRequest)
        } catch let error as PatternError {
            throw MusterError("\(ThingGrammar.fileName): polite_request does not compile: \(error.message)")
        }
        (cueScans, cueNumbers) = try Self.cueScans(intents)
        let patterns = finder.patterns + cueScans.map(\.pattern) + intents.flatMap { $0.patterns.map(\.compiled) }
        maximumGroups = patterns.map(\.captureCount).max() ?? 0
        suggestable = Self.suggestable(intents, normaliser: normaliser, corrector: corrector)
    }

    /// A pattern of cues whose callouts number cues from `offset + 1` in `cueNumbers`.
    struct CueScan {
        let pattern: CompiledPattern
        let offset: Int

        /// The cues found in `bytes`, numbered as in `cueNumbers`.
        func hits(in bytes: [UInt8], scratch: MatchScratch) -> [CalloutHit] {
            pattern.callouts(in: bytes, scratch: scratch, atWordEnd: true).map { hit in
                var numbered = hit
                numbered.number += offset
                return numbered
            }
        }
    }

    /// The intent named `name`.
    public func intent(named name: String) -> Intent? {
        intents.first { $0.name == name }
    }

    /// The patterns every message is run through — the thing scans and the cue scans — for the benchmark's floor. Whole-sentence patterns are tried only for intents a cue or thing already points at.
    public var scanningPatterns: [CompiledPattern] {
        finder.patterns + cueScans.map(\.pattern)
    }

    /// How many whole-sentence patterns there are.
    public var sentencePatternCount: Int { intents.reduce(0) { $0 + $1.patterns.count } }

    /// All cues as `(?:cue1(?C1)|cue2(?C2)|…)(*FAIL)`. Each alternative is atomic once it ends on a word boundary,
    /// so it is reported once per place it starts. PCRE2 numbers callouts up to 255 and caps a compiled pattern's
    /// size, so the cues are split across as few scans as fit; each scan's callouts are numbered from `offset`.
    private static func cueScans(_ intents: [Intent]) throws -> ([CueScan], [(intent: Int, cue: Int)]) {
        var numbers: [(intent: Int, cue: Int)] = []
        var cues: [[String]] = []
        for (intentIndex, intent) in intents.enumerated() {
            for (cueIndex, cue) in intent.cues.enumerated() {
                numbers.append((intentIndex, cueIndex))
                // Each of the cue's own alternatives separately, so that they can be grouped by first letter below.
                cues.append(ThingGrammar.expandedAlternatives(of: cue.expanded).map { part in
                    // One that begins with a letter gets its leading boundary from the group it joins below; the
                    // boundary where it ends is checked as its callout is reached.
                    let beginsWithLetter = part.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
                    return beginsWithLetter ? "(?:\(part))" : "(?:\(IntentLoader.wholeWords(part)))"
                })
            }
        }
        do {
            let scans = try CompiledPattern.splitting(cues[...], fits: { $0.count <= 255 }) { run in
                let alternatives = run.enumerated().flatMap { index, parts in parts.map { "\($0)(?C\(index + 1))" } }
                // Every alternative is tried at every place (the `(*FAIL)`), so group them under their first letter:
                // at each place only those beginning with its letter are tried.
                return "(?J)(?:" + ThingFinder.byFirstLetter(alternatives, before: "(?<!\\w)") + ")(*FAIL)"
            }
            return (scans.map { CueScan(pattern: $0.pattern, offset: $0.parts.lowerBound) }, numbers)
        } catch let error as PatternError {
            throw MusterError("the cues together do not compile: \(error.message)")
        }
    }

    private static func suggestable(_ intents: [Intent], normaliser: Normaliser, corrector: TypoCorrector) -> Set<String> {
        let counterExamples = Set(intents.flatMap { $0.counterExamples.map { normaliser.normalise($0.text) } })
        let examples = intents.flatMap(\.examples).map { normaliser.normalise($0.text) }
        return Set(examples.filter { text in
            !counterExamples.contains(text)
                && !text.split(separator: " ").contains { corrector.mayCorrect($0) && corrector.correction(of: String($0.word)) != nil }
        })
    }

    /// Which of `count` options `message` picks ("1", "the second", "two"; "yes" when there is one), or `nil`.
    public func choice(in message: String, of count: Int) -> Int? {
        let text = normaliser.normalise(message)
        if count == 1, grammar.confirm.contains(text) { return 1 }
        guard let match = choicePattern.match(text), let picked = match.groups["choice"] else { return nil }
        let reading = grammar.number(in: picked)
        let number = reading.isLast ? count : reading.number
        guard let number, (1...count).contains(number) else { return nil }
        return number
    }

    /// `{status}`, `{sentiment}`, `{post}` and `{rumour}` for whole-sentence patterns, made from the same words the
    /// finder uses, so a pattern can only accept what resolves.
    private static func generatedFragments(grammar: ThingGrammar, windows: WindowGrammar) -> [String: String] {
        let numbered = "(?: (?:no\\.? ?|number |#)?|#)\(grammar.numberPattern)"
        let bare = grammar.expand(grammar.bareReference)
        let ordinal = grammar.expand(grammar.ordinalReference)
        return [
            "status": ThingGrammar.alternation(grammar.statuses.flatMap(\.words)),
            "sentiment": ThingGrammar.alternation(grammar.sentiments.flatMap(\.words)),
            "post": "(?:(?:\(grammar.postWords))\(numbered)|\(ordinal)|\(bare))",
            "rumour": "(?:(?:\(grammar.rumourWords))\(numbered)|\(ordinal)|\(bare))",
        ]
    }

    /// The words a typo may be read as: every word of the vocabulary and the shared grammar, the whole words of
    /// the cues, and the examples' words that are in the dictionary (an example may carry a typo on purpose).
    private static func knownWords(intents: [Intent], vocabulary: Vocabulary, grammar: ThingGrammar, windows: WindowGrammar) -> Set<String> {
        var texts = vocabulary.entries.map(\.phrase)
        texts += grammar.statuses.flatMap(\.words) + grammar.sentiments.flatMap(\.words) + Array(grammar.numbers.keys)
        texts += Array(grammar.ordinals.keys) + Array(windows.units.keys) + Array(windows.weekdays.keys) + Array(windows.months.keys)
        texts += Array(windows.timesOfDay.keys) + Array(grammar.filler)
        var words: Set<String> = []
        for text in texts {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) { words.insert(String(word)) }
        }
        for intent in intents {
            for example in intent.examples.map(\.text) + [intent.help] {
                for word in example.lowercased().split(whereSeparator: { !$0.isLetter }) where vocabulary.dictionary.contains(String(word)) {
                    words.insert(String(word))
                }
            }
            for cue in intent.cues { words.formUnion(literalWords(in: cue.written)) }
        }
        return words
    }

    /// Words a pattern spells out whole: runs of letters not cut by regex syntax ("misinfo" in `misinfo(?:rmation)?`
    /// is a word; "rmation" is not).
    static func literalWords(in pattern: String) -> [String] {
        let characters = Array(pattern)
        var words: [String] = []
        var start = 0
        while start < characters.count {
            guard characters[start].isLetter else { start += 1; continue }
            var end = start
            while end < characters.count, characters[end].isLetter { end += 1 }
            let before = start > 0 ? characters[start - 1] : " "
            let after = end < characters.count ? characters[end] : " "
            let cut = ["?", "(", "[", "*", "+", "{"].contains(after) || [")", "]", ":", "\\"].contains(before)
            if !cut, end - start >= 4 { words.append(String(characters[start..<end]).lowercased()) }
            start = end
        }
        return words
    }
}

/// Scratch space for readings, handed out one per reading and taken back after, so that concurrent readings never
/// share one and a reading allocates none.
final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MatchScratch] = []

    /// Scratch for patterns with up to `groups` groups: a free one, or a new one.
    func take(groups: Int) -> MatchScratch {
        lock.withLock { free.popLast() } ?? MatchScratch(groups: groups)
    }

    /// Returns `scratch` for the next reading (a few are kept; the rest are freed).
    func give(_ scratch: MatchScratch) {
        lock.withLock { if free.count < 16 { free.append(scratch) } }
    }
}
