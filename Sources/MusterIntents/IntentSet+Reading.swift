import MusterCore

extension IntentSet {
    /// How `message` reads: things first, then every intent's score, then the decision.
    ///
    /// - Parameter hasContext: whether the conversation has an earlier answer to build on; intents that follow on
    ///   (`context: true`) apply only then, so "and in Ward 5?" in a new conversation is a new question.
    public func read(_ message: String, hasContext: Bool = false) -> Reading {
        let normalised = normaliser.normalise(message)
        guard normalised.count <= Normaliser.maximumLength, !Normaliser.isGarbled(message) else {
            return Reading(normalised: normalised, corrections: [], things: [], scores: [], decision: .tooLong, why: "the message is over the length cap")
        }
        let (text, corrections) = corrected(normalised)
        let bytes = Array(text.utf8)
        let scratch = MatchScratch(groups: maximumGroups)
        let things = finder.things(in: bytes, scratch: scratch)
        let kinds = Dictionary(grouping: things, by: \.kind).mapValues(\.count)
        var judged: [Judged] = intents.map { judge($0, bytes: bytes, kinds: kinds, hasContext: hasContext, scratch: scratch) }
        judged.sort { ($0.score.score, $0.intent.priority, -$0.intent.order) > ($1.score.score, $1.intent.priority, -$1.intent.order) }
        let covered = judged.flatMap(\.covered) + things.map(\.range)
        let leftover = Leftover(bytes: bytes, covered: covered, filler: filler)
        var reading = Reading(normalised: text, corrections: corrections, things: things, scores: judged.map(\.score), decision: .fallback(nearest: [], outOfScope: false), why: "")
        (reading.decision, reading.why) = decide(judged, things: things, leftover: leftover, message: message)
        return reading
    }

    /// One intent's verdict with what it needs for slots.
    struct Judged {
        var intent: Intent
        var score: Reading.Score
        /// Captures of its whole-sentence pattern and cues that are not things (`line`, `subject`, `holding`).
        var captures: [String: String]
        /// Bytes its cues and pattern account for, which are not a free-text topic.
        var covered: [Range<Int>]
        /// Where its captures are: things inside them (a status word in an official line) are not its slots.
        var captureRanges: [String: Range<Int>]
        /// What its cues alone add up to.
        var cueScore: Double
    }

    private func judge(_ intent: Intent, bytes: [UInt8], kinds: [ThingKind: Int], hasContext: Bool, scratch: MatchScratch) -> Judged {
        var total = 0.0
        var cues: [(cue: String, weight: Double)] = []
        var captures: [String: String] = [:]
        var captureRanges: [String: Range<Int>] = [:]
        var covered: [Range<Int>] = []
        for cue in intent.cues {
            guard let match = cue.compiled.match(utf8: bytes, scratch: scratch) else { continue }
            total += cue.weight
            cues.append((cue.written, cue.weight))
            for (name, value) in match.groups where ThingKind(rawValue: name) == nil && captures[name] == nil {
                captures[name] = value.trimmed
                if let range = match.groupRanges[name] { captureRanges[name] = range }
            }
            // A cue's own words are not a topic, but what it captures (a line, a subject) is read on its own.
            covered.append(match.range)
        }
        let cueScore = total
        var weighted: [(kind: ThingKind, weight: Double)] = []
        for (kind, weight) in intent.thingWeights.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where kinds[kind, default: 0] > 0 {
            total += weight
            weighted.append((kind, weight))
        }
        var sentenceLine: Int?
        // A whole-sentence pattern is tried only where a cue or a thing already points: the patterns name their
        // cue words, and this keeps matching within its time budget.
        if total > 0 || intent.cues.isEmpty {
            for pattern in intent.patterns {
                guard let match = pattern.compiled.match(utf8: bytes, scratch: scratch) else { continue }
                total += settings.sentence
                sentenceLine = pattern.line
                for (name, value) in match.groups where ThingKind(rawValue: name) == nil && !Self.sharedSlots.contains(name) {
                    captures[name] = value.trimmed
                    if let range = match.groupRanges[name] { captureRanges[name] = range }
                }
                break
            }
        }
        var score = Reading.Score(intent: intent.name, score: total, cues: cues, things: weighted, sentenceLine: sentenceLine, excluded: nil)
        score.excluded = exclusion(of: intent, kinds: kinds, captures: captures, hasContext: hasContext)
        return Judged(intent: intent, score: score, captures: captures.filter { !$0.value.isEmpty }, covered: covered,
                      captureRanges: captureRanges, cueScore: cueScore)
    }

    /// Slot names of the shared grammar, whose values come from the things found rather than the pattern.
    static let sharedSlots: Set<String> = ["area", "area2", "topic", "window", "window2", "outlet", "post", "rumour", "status", "sentiment",
                                           "n", "unit", "weekday", "clock", "date"]

    private func exclusion(of intent: Intent, kinds: [ThingKind: Int], captures: [String: String], hasContext: Bool) -> Reading.Exclusion? {
        if intent.needsContext && !hasContext { return .noContext }
        if let refused = intent.refuses.first(where: { kinds[$0, default: 0] > 0 }) { return .refuses(refused) }
        for need in intent.needs {
            let met = need.alternatives.contains { slot, count in
                if let kind = ThingKind(rawValue: slot) {
                    var have = kinds[kind, default: 0]
                    // A bare "3" or "the second one" is whichever of post or rumour the ask needs.
                    if kind == .post || kind == .rumour { have += kinds[.reference, default: 0] }
                    if kind == .area { have += kinds[.everywhere, default: 0] }
                    return have >= count
                }
                return captures[slot] != nil
            }
            if !met { return .missing(need.written) }
        }
        return nil
    }

    private func decide(_ judged: [Judged], things: [Thing], leftover: Leftover, message: String) -> (Reading.Decision, String) {
        let nearest = judged.filter { $0.score.score > 0 }.prefix(3).map(\.intent.name)
        let eligible = judged.filter { $0.score.isEligible }
        // An ask that is clear but lacks what it needs ("mark as handled" with no post) says what to add. An action
        // counts as asked only on its full score (verb and state: "mark … handled", "flag … as unverified"); others
        // on a cue of 2 or more.
        let incomplete = judged.first { judged in
            guard case .missing = judged.score.excluded, judged.intent.missing != nil else { return false }
            return judged.intent.acts ? judged.score.score >= settings.act : judged.cueScore >= 2
        }
        guard let best = eligible.first, best.score.score >= settings.minimum else {
            if let incomplete, incomplete.score.score >= settings.minimum {
                return (.incomplete(intent: incomplete.intent.name, message: incomplete.intent.missing!), "\(incomplete.intent.name) \(incomplete.score.excluded!)")
            }
            return (.fallback(nearest: nearest, outOfScope: false), "no intent reaches the minimum score of \(Self.format(settings.minimum))")
        }
        if let incomplete, incomplete.score.score >= best.score.score + (incomplete.intent.acts ? 0 : settings.margin) {
            return (.incomplete(intent: incomplete.intent.name, message: incomplete.intent.missing!),
                    "\(incomplete.intent.name) scores highest but \(incomplete.score.excluded!)")
        }
        if best.intent.isFallback {
            return (.fallback(nearest: nearest.filter { $0 != best.intent.name }, outOfScope: true), "\(best.intent.name) wins: out of scope")
        }
        let option = { (judged: Judged) in
            Reading.Option(intent: judged.intent.name, slots: self.slots(for: judged, things: things, leftover: leftover, message: message), ask: judged.intent.ask)
        }
        if let runnerUp = eligible.dropFirst().first(where: { !$0.intent.isFallback }), best.score.score - runnerUp.score.score < settings.margin {
            return (.clarify([option(best), option(runnerUp)]),
                    "\(best.intent.name) \(Self.format(best.score.score)) and \(runnerUp.intent.name) \(Self.format(runnerUp.score.score)) are within the margin of \(Self.format(settings.margin))")
        }
        if best.intent.acts && best.score.score < settings.act {
            return (.clarify([option(best)]), "\(best.intent.name) changes something and scores \(Self.format(best.score.score)), under \(Self.format(settings.act)): confirm first")
        }
        let margin = eligible.dropFirst().first.map { " by \(Self.format(best.score.score - $0.score.score)) over \($0.intent.name)" } ?? ""
        return (.answer(intent: best.intent.name, slots: option(best).slots), "\(best.intent.name) wins with \(Self.format(best.score.score))\(margin)")
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(format: "%.1f", number)
    }

    /// Reads typos as known words, keeping punctuation around them.
    private func corrected(_ text: String) -> (String, [Correction]) {
        var corrections: [Correction] = []
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            let core = token.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed()
            let word = String(core)
            guard word.count >= settings.typos.minimumLength, let known = corrector.correction(of: word) else { return String(token) }
            corrections.append(Correction(typed: word, read: known))
            return String(token).replacingOccurrences(of: word, with: known)
        }
        return (corrections.isEmpty ? text : words.joined(separator: " "), corrections)
    }
}
