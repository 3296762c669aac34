import MusterCore
import Foundation

/// All intents, compiled once at start, and the rules that pick exactly one per message.
public struct IntentSet: Sendable {
    /// The intents in file order.
    public let intents: [Intent]
    /// How messages are normalised before matching.
    public let normaliser: Normaliser
    /// The most capturing groups any pattern has: the size of the match data shared across patterns.
    private let maximumGroups: Int
    /// The intents from highest priority down (file order within a priority), the order `match` tries them in.
    private let byPriority: [Intent]

    /// Loads and compiles the intents in `directory`, with the word replacements of its `normalise.yaml`.
    ///
    /// - Parameter botNames: the names the bot is addressed by, stripped from messages.
    /// - Throws: `MusterError` naming the file and line of anything malformed.
    public init(directory: URL, botNames: [String] = ["muster"]) throws {
        intents = try IntentLoader.load(from: directory)
        normaliser = Normaliser(botNames: botNames, replacements: try IntentLoader.replacements(in: directory))
        maximumGroups = intents.flatMap(\.patterns).map(\.compiled.captureCount).max() ?? 0
        byPriority = intents.sorted { ($0.priority, -$0.order) > ($1.priority, -$1.order) }
    }

    /// One intent's verdict on a message.
    public struct Candidate: Sendable {
        /// The intent.
        public var intent: Intent
        /// Its best match, or `nil` when no pattern matched.
        public var match: IntentMatch?
    }

    /// Every intent's verdict on `message`, best first; the first with a match is the winner. Slots are as
    /// normalised (this is the view `intents explain` and `intents check` need).
    public func candidates(for message: String) -> [Candidate] {
        guard let bytes = prepared(message) else { return intents.map { Candidate(intent: $0, match: nil) } }
        let scratch = MatchScratch(groups: maximumGroups)
        let judged = intents.map { Candidate(intent: $0, match: bestMatch(of: $0, in: bytes, scratch: scratch)) }
        return judged.sorted { left, right in
            switch (left.match, right.match) {
            case let (l?, r?): return l.beats(r)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.intent.order < right.intent.order
            }
        }
    }

    /// The winning intent for `message`, with its slots as typed, or `nil` when none matches.
    public func match(_ message: String) -> IntentMatch? {
        guard let bytes = prepared(message) else { return nil }
        let scratch = MatchScratch(groups: maximumGroups)
        var winner: IntentMatch?
        // Highest priority first: once an intent matches, no lower-priority intent can win, so none is tried.
        for intent in byPriority {
            if let winner, intent.priority < winner.priority { break }
            guard let match = bestMatch(of: intent, in: bytes, scratch: scratch) else { continue }
            if winner.map({ match.beats($0) }) ?? true { winner = match }
        }
        guard var chosen = winner else { return nil }
        chosen.slots = Self.restoringCase(of: chosen.slots, from: message)
        return chosen
    }

    /// The normalised message in UTF-8, or `nil` when it is over the length cap.
    private func prepared(_ message: String) -> [UInt8]? {
        let text = normaliser.normalise(message)
        return text.count <= Normaliser.maximumLength ? Array(text.utf8) : nil
    }

    /// The intent named `name`.
    public func intent(named name: String) -> Intent? {
        intents.first { $0.name == name }
    }

    /// Slots as the person typed them ("There was no gas explosion"), where normalisation left their words intact;
    /// otherwise as normalised. Matching is caseless, so only free text such as an official line is affected.
    private static func restoringCase(of slots: [String: String], from message: String) -> [String: String] {
        guard !slots.isEmpty, message.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }) else {
            return slots
        }
        if message.utf8.allSatisfy({ $0 < 0x80 }) { return asciiRestoringCase(of: slots, from: Array(message.utf8)) }
        let lower = message.lowercased()
        // Lower-casing kept every character in place (true but for a few scripts), so offsets carry across.
        guard lower.count == message.count else { return slots }
        return slots.mapValues { value in
            guard let range = lower.firstRange(of: value) else { return value }
            let start = message.index(message.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound))
            return String(message[start...].prefix(value.count))
        }
    }

    /// `restoringCase` for an ASCII message, on bytes: lower-casing keeps every byte in place, and a String search
    /// per slot was a third of matching time.
    private static func asciiRestoringCase(of slots: [String: String], from message: [UInt8]) -> [String: String] {
        let lower = message.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return slots.mapValues { value in
            let needle = Array(value.utf8)
            guard !needle.isEmpty, needle.count <= lower.count else { return value }
            for start in 0...(lower.count - needle.count) where lower[start] == needle[0] {
                if lower[start..<(start + needle.count)].elementsEqual(needle) {
                    return String(decoding: message[start..<(start + needle.count)], as: UTF8.self)
                }
            }
            return value
        }
    }

    private func bestMatch(of intent: Intent, in bytes: [UInt8], scratch: MatchScratch) -> IntentMatch? {
        var best: IntentMatch?
        for pattern in intent.patterns {
            guard let match = pattern.compiled.match(utf8: bytes, scratch: scratch) else { continue }
            let slots = match.groups.compactMapValues { value -> String? in
                let trimmed = value.trimmed
                return trimmed.isEmpty ? nil : trimmed
            }
            let slotLength = match.groups.values.reduce(0) { $0 + $1.utf8.count }
            let candidate = IntentMatch(
                intent: intent.name, slots: slots, priority: intent.priority,
                specificity: match.length - slotLength, order: intent.order
            )
            if best.map({ candidate.beats($0) }) ?? true { best = candidate }
        }
        return best
    }
}
