import Foundation

/// What `muster intents check` found wrong with one example, word or window.
public struct IntentCheckFailure: Sendable, CustomStringConvertible {
    /// The file and line of the example, or what the word is.
    public var location: String
    /// What went wrong.
    public var problem: String

    public var description: String { "\(location): \(problem)" }
}

extension IntentSet {
    /// Checks every example and counter-example, every word the finder knows and every window rule: each example
    /// must be answered by its own intent — not a clarification — with exactly the stated slots; no counter-example
    /// may be answered by its intent; every status, feeling and config phrase found alone must resolve to its own
    /// value; every window example must be found whole and read as a span.
    public func check(vocabulary: Vocabulary = Vocabulary()) -> [IntentCheckFailure] {
        checkExamples() + checkWords(vocabulary) + checkWindows()
    }

    private func checkExamples() -> [IntentCheckFailure] {
        var failures: [IntentCheckFailure] = []
        for intent in intents {
            for example in intent.examples {
                let location = "\(intent.file):\(example.line)"
                let reading = read(example.text, hasContext: intent.needsContext)
                if intent.isFallback {
                    if case .fallback(_, outOfScope: true) = reading.decision { continue }
                    failures.append(.init(location: location, problem: "\"\(example.text)\" is not out of scope (\(reading.why))"))
                    continue
                }
                guard case .answer(let winner, let slots) = reading.decision else {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" is not answered (\(reading.why)); expected \(intent.name)"))
                    continue
                }
                guard winner == intent.name else {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" is answered by \(winner) (\(reading.why)); expected \(intent.name)"))
                    continue
                }
                if !example.slots.isEmpty, slots.stated.mapValues({ $0.lowercased() }) != example.slots {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" gives slots \(Self.describe(slots.stated)); expected \(Self.describe(example.slots))"))
                }
            }
            for counter in intent.counterExamples where read(counter.text, hasContext: intent.needsContext).intent == intent.name {
                failures.append(.init(location: "\(intent.file):\(counter.line)", problem: "counter-example \"\(counter.text)\" is answered by \(intent.name)"))
            }
        }
        return failures
    }

    /// Each word alone must be found as its own kind with its own value: a status word that resolved to nothing
    /// ("bogus" marking a rumour unverified) or a place shadowed by another is caught here.
    private func checkWords(_ vocabulary: Vocabulary) -> [IntentCheckFailure] {
        var words: [(kind: ThingKind, value: String, text: String, origin: String)] = []
        for status in grammar.statuses { words += status.words.map { (.status, status.value, $0, ThingGrammar.fileName) } }
        for entry in vocabulary.entries { words.append((entry.kind, entry.value, entry.phrase, "the config")) }
        let scratch = MatchScratch(groups: maximumGroups)
        var failures: [IntentCheckFailure] = []
        for word in words {
            let text = normaliser.normalise(word.text)
            let found = finder.things(in: Array(text.utf8), scratch: scratch)
            let whole = found.filter { $0.range == 0..<text.utf8.count }
            if !whole.contains(where: { $0.kind == word.kind && $0.value == word.value }) {
                let got = found.map { "\($0.kind.rawValue) \($0.value) (“\($0.text)”)" }.joined(separator: ", ")
                failures.append(.init(location: "\(word.origin): \(word.kind.rawValue) “\(word.text)”",
                                      problem: "is read as \(got.isEmpty ? "nothing" : got); expected \(word.kind.rawValue) \(word.value)"))
            }
        }
        return failures
    }

    private func checkWindows() -> [IntentCheckFailure] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        calendar.firstWeekday = 2
        // A Monday evening late in a month: every rule has a past to point at.
        let now = Date(timeIntervalSince1970: 1_796_670_000)
        let scratch = MatchScratch(groups: maximumGroups)
        var failures: [IntentCheckFailure] = []
        for rule in windows.rules {
            for example in rule.examples {
                let location = "\(windows.path):\(rule.line)"
                let found = finder.things(in: Array(example.utf8), scratch: scratch).filter { $0.kind == .window }
                if found.first?.text != example {
                    failures.append(.init(location: location, problem: "window example “\(example)” is found as \(found.map { "“\($0.text)”" }.joined(separator: ", ").nilIfEmpty ?? "nothing")"))
                }
                if windows.window(for: example, now: now, calendar: calendar, day: { "\($0)" }) == nil {
                    failures.append(.init(location: location, problem: "window example “\(example)” does not read as a span of time"))
                }
            }
        }
        return failures
    }

    /// Leave-one-out over the examples: each example read again without the whole-sentence patterns that no other
    /// example of its intent matches — the patterns that were, in effect, written for it. How many still reach their
    /// intent with their slots says how much understanding rests on cues and things rather than on enumerated
    /// sentences. Returns (right, all, the ones that were not).
    public func leaveOneOut() -> (right: Int, total: Int, misses: [IntentCheckFailure]) {
        var right = 0
        var total = 0
        var misses: [IntentCheckFailure] = []
        for intent in intents where !intent.isFallback {
            let matchedBy = intent.examples.map { example -> Set<ObjectIdentifier> in
                let bytes = Array(normaliser.normalise(example.text).utf8)
                return Set(intent.patterns.filter { $0.compiled.match(utf8: bytes) != nil }.map { ObjectIdentifier($0.compiled) })
            }
            for (index, example) in intent.examples.enumerated() {
                total += 1
                let others = matchedBy.enumerated().filter { $0.offset != index }.reduce(into: Set<ObjectIdentifier>()) { $0.formUnion($1.element) }
                let own = matchedBy[index].subtracting(others)
                let reading = read(example.text, hasContext: intent.needsContext, ignoring: own)
                let slotsAgree = example.slots.isEmpty || reading.slots.stated.mapValues { $0.lowercased() } == example.slots
                if reading.intent == intent.name && slotsAgree {
                    right += 1
                } else {
                    misses.append(.init(location: "\(intent.file):\(example.line)", problem: "\"\(example.text)\" without its own pattern: \(reading.why)"))
                }
            }
        }
        return (right, total, misses)
    }

    /// Slots as `name="value"` pairs, sorted.
    public static func describe(_ slots: [String: String]) -> String {
        slots.isEmpty ? "none" : slots.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
