import Foundation
import MusterCore

extension IntentSet {
    /// How `message` reads: things first, then every intent's score, then the decision.
    ///
    /// - Parameter hasContext: whether the conversation has an earlier answer to build on; intents that follow on
    ///   (`context: true`) apply only then, so "and in Ward 5?" in a new conversation is a new question.
    public func read(_ message: String, hasContext: Bool = false) -> Reading {
        read(message, hasContext: hasContext, ignoring: [])
    }

    /// `read`, with some whole-sentence patterns left out (for leave-one-out checks of the examples).
    func read(_ message: String, hasContext: Bool, ignoring ignored: Set<ObjectIdentifier>) -> Reading {
        let normalised = normaliser.normalise(message)
        // (`count` walks every character; the byte count settles most messages without it.)
        guard normalised.utf8.count <= Normaliser.maximumLength || normalised.count <= Normaliser.maximumLength, !Normaliser.isGarbled(message) else {
            return Reading(normalised: normalised, corrections: [], things: [], scores: [], decision: .tooLong, reason: { "the message is over the length cap" })
        }
        let (text, corrections) = corrected(normalised)
        let bytes = Array(text.utf8)
        let scratch = scratchPool.take(groups: maximumGroups)
        defer { scratchPool.give(scratch) }
        let things = finder.things(in: bytes, scratch: scratch)
        // Counted by distinct value: "Abbey … Priory Close" names one ward, not two to compare.
        let kinds = Dictionary(grouping: things, by: \.kind).mapValues { Set($0.map(\.value)).count }
        var hits = [[CalloutHit]](repeating: [], count: intents.count)
        var cueHits = cueScans.count == 1 ? cueScans[0].hits(in: bytes, scratch: scratch)
            : cueScans.flatMap { $0.hits(in: bytes, scratch: scratch) }.sorted { ($0.range.lowerBound, $0.number) < ($1.range.lowerBound, $1.number) }
        // A team's introduction asks nothing: "Multi-agency cell: what is rising" is no sitrep.
        let speakers = things.filter { $0.kind == .speaker }.map(\.range)
        if !speakers.isEmpty { cueHits.removeAll { hit in speakers.contains { $0.overlaps(hit.range) } } }
        for hit in cueHits where hit.number <= cueNumbers.count {
            hits[cueNumbers[hit.number - 1].intent].append(hit)
        }
        var judged: [Judged] = intents.indices.map { judge(intents[$0], hits: hits[$0], bytes: bytes, kinds: kinds) }
        // Words a sentence pattern takes for an outlet but that name a place or a subject ("what is quayside saying").
        let named = things.filter { [.area, .topic, .window].contains($0.kind) }.map(\.range)
        // Whole sentences are read after a team's introduction ("Nor Valley Police here - please open an incident room …").
        var sentenceStart = speakers.first { $0.lowerBound == 0 }?.upperBound ?? 0
        while sentenceStart < bytes.count, Self.afterIntroduction.contains(bytes[sentenceStart]) { sentenceStart += 1 }
        let sentence = Sentence(bytes: sentenceStart == 0 || sentenceStart == bytes.count ? bytes : Array(bytes[sentenceStart...]),
                                offset: sentenceStart == bytes.count ? 0 : sentenceStart, named: named)
        matchSentences(&judged, sentence: sentence, kinds: kinds, hasContext: hasContext, scratch: scratch, ignoring: ignored)
        exclude(&judged, kinds: kinds, hasContext: hasContext)
        func leftover(opened by: Set<String>) -> Leftover {
            Leftover(bytes: bytes, covered: cueHits.map(\.range) + things.map(\.range), cues: cueHits.map(\.range),
                     places: things.filter { $0.kind == .area }.map(\.range), filler: filler,
                     prepositions: by, asides: grammar.asides, numberEndings: grammar.numberEndings)
        }
        // An intent that takes no free text is out when the message has some (worked out only if one is in the running).
        if judged.contains(where: { $0.intent.refusesText && $0.score.isEligible && $0.score.score > 0 }),
           !things.contains(where: { $0.kind == .topic }), leftover(opened: grammar.topicOpeners).topic(excluding: nil) != nil {
            for index in judged.indices where judged[index].intent.refusesText && judged[index].score.isEligible { judged[index].score.excluded = .freeText }
        }
        // Sorted through their positions: the verdicts themselves are large to move.
        judged = judged.indices.sorted {
            (judged[$0].score.score, judged[$0].intent.priority, -judged[$0].intent.order) > (judged[$1].score.score, judged[$1].intent.priority, -judged[$1].intent.order)
        }.map { judged[$0] }
        let lazy = LazyLeftover(bytes: bytes) { leftover(opened: grammar.topicPrepositions) }
        var reading = Reading(normalised: text, corrections: corrections, things: things, scores: judged.map(\.score), decision: .fallback(nearest: [], outOfScope: false), reason: { "" })
        (reading.decision, reading.reason) = decide(judged, things: things, leftover: lazy, message: message,
                                                      isQuestion: Normaliser.endsWithQuestionMark(message) && politeRequest.match(utf8: bytes, scratch: scratch) == nil)
        return reading
    }

    /// Adds whole-sentence patterns' bonus. One is tried only where a cue or a thing already points, and only for an
    /// intent that its bonus could bring within the margin of the best so far, best first: the patterns name their
    /// cue words, and most intents are far behind, so this keeps matching within its time budget. (Intents out of
    /// the running whatever their captures — no context, a refused thing — set no bar.)
    private func matchSentences(_ judged: inout [Judged], sentence: Sentence, kinds: [ThingKind: Int], hasContext: Bool, scratch: MatchScratch,
                                ignoring ignored: Set<ObjectIdentifier>) {
        let order = judged.indices.filter { judged[$0].score.score > 0 }.sorted { judged[$0].score.score > judged[$1].score.score }
        var best = 0.0
        for index in order {
            if judged[index].score.score + settings.sentence + settings.margin > best {
                matchSentence(&judged[index], sentence: sentence, scratch: scratch, ignoring: ignored)
            }
            if exclusion(of: judged[index].intent, kinds: kinds, captures: nil, hasContext: hasContext) == nil {
                best = max(best, judged[index].score.score)
            }
        }
    }

    /// Sets why each intent cannot answer, if it cannot. An action is in the running only on words that ask for it —
    /// a verb, or the state it sets ("handled", "false"), weighing 2 or more — or a whole sentence: a number and a
    /// dash are not an ask.
    private func exclude(_ judged: inout [Judged], kinds: [ThingKind: Int], hasContext: Bool) {
        for index in judged.indices {
            judged[index].score.excluded = exclusion(of: judged[index].intent, kinds: kinds, captures: judged[index].captures,
                                                     sentenceOutlet: judged[index].sentenceOutlet, hasContext: hasContext)
            if judged[index].intent.acts, judged[index].score.excluded == nil, judged[index].score.sentenceLine == nil,
               judged[index].cueScore + judged[index].score.things.filter({ ![.reference, .post, .rumour].contains($0.kind) }).reduce(0, { $0 + $1.weight }) < 2 {
                judged[index].score.excluded = .notAsked
            }
        }
    }

    /// One intent's verdict with what it needs for slots.
    struct Judged {
        var intent: Intent
        var score: Reading.Score
        /// Captures of its whole-sentence pattern and cues that are not things (`line`, `subject`, `holding`).
        var captures: [String: String]
        /// Where its captures are: things inside them (a status word in an official line) are not its slots.
        var captureRanges: [String: Range<Int>]
        /// What its cues alone add up to.
        var cueScore: Double
        /// An outlet its whole-sentence pattern read where the finder knew none ("the Daily Bugle").
        var sentenceOutlet: String?
    }

    /// An intent's cues and things.
    private func judge(_ intent: Intent, hits: [CalloutHit], bytes: [UInt8], kinds: [ThingKind: Int]) -> Judged {
        var total = 0.0
        var fired: UInt64 = 0
        var captures: [String: String] = [:]
        var captureRanges: [String: Range<Int>] = [:]
        for hit in hits {
            let index = cueNumbers[hit.number - 1].cue
            total += intent.cues[index].weight
            fired |= 1 << UInt64(index & 63)
            for (name, range) in hit.groups where ThingKind(rawValue: name) == nil && captures[name] == nil {
                captures[name] = String(decoding: bytes[range], as: UTF8.self).trimmed
                captureRanges[name] = range
            }
        }
        let cueScore = total
        var counted: UInt64 = 0
        for (index, (kind, weight)) in intent.thingWeights.enumerated() where kinds[kind, default: 0] > 0 {
            total += weight
            counted |= 1 << UInt64(index)
        }
        let score = Reading.Score(judged: intent, score: total, firedCues: fired, countedThings: counted, sentenceLine: nil, excluded: nil)
        return Judged(intent: intent, score: score, captures: captures.filter { !$0.value.isEmpty },
                      captureRanges: captureRanges, cueScore: cueScore)
    }

    /// What may separate a team's introduction from the message: "Fire service: …", "NVP press office - …".
    private static let afterIntroduction: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-")]

    /// What whole-sentence patterns are matched against: the message after any team introduction, starting `offset`
    /// bytes in, and where it names places, subjects and times.
    struct Sentence {
        let bytes: [UInt8]
        let offset: Int
        let named: [Range<Int>]
    }

    /// Adds the first of the intent's whole-sentence patterns that matches, with what it captures; an outlet it saw
    /// counts only where no place, subject or time was found.
    private func matchSentence(_ judged: inout Judged, sentence: Sentence, scratch: MatchScratch, ignoring ignored: Set<ObjectIdentifier>) {
        for pattern in judged.intent.patterns where ignored.isEmpty || !ignored.contains(ObjectIdentifier(pattern.compiled)) {
            guard let match = pattern.compiled.match(utf8: sentence.bytes, scratch: scratch) else { continue }
            let ranges = match.groupRanges.mapValues { ($0.lowerBound + sentence.offset)..<($0.upperBound + sentence.offset) }
            judged.score.score += settings.sentence
            judged.score.sentenceLine = pattern.line
            if let outlet = match.groups["outlet"]?.trimmed, !outlet.isEmpty,
               !(ranges["outlet"].map { range in sentence.named.contains { $0.overlaps(range) } } ?? false) {
                judged.sentenceOutlet = outlet
            }
            for (name, value) in match.groups where ThingKind(rawValue: name) == nil && !Self.sharedSlots.contains(name) && !value.trimmed.isEmpty {
                judged.captures[name] = value.trimmed
                if let range = ranges[name] { judged.captureRanges[name] = range }
            }
            return
        }
    }

    /// Slot names of the shared grammar, whose values come from the things found rather than the pattern.
    static let sharedSlots: Set<String> = ["area", "area2", "topic", "topic2", "window", "window2", "outlet", "post", "rumour", "status", "sentiment",
                                           "n", "unit", "weekday", "clock", "date"]

    /// Why the intent cannot answer; with `captures` `nil`, only the reasons that do not depend on them.
    private func exclusion(of intent: Intent, kinds: [ThingKind: Int], captures: [String: String]?, sentenceOutlet: String? = nil,
                           hasContext: Bool) -> Reading.Exclusion? {
        if intent.needsContext && !hasContext { return .noContext }
        if let refused = intent.refuses.first(where: { kinds[$0, default: 0] > 0 }) { return .refuses(refused) }
        guard let captures else { return nil }
        for need in intent.needs {
            let met = need.alternatives.contains { slot, count in
                if let kind = ThingKind(rawValue: slot) {
                    var have = kinds[kind, default: 0] + (kind == .outlet && sentenceOutlet != nil ? 1 : 0)
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

    private func decide(_ judged: [Judged], things: [Thing], leftover: LazyLeftover, message: String, isQuestion: Bool) -> (Reading.Decision, @Sendable () -> String) {
        // An action is near only when something asked for it ("don't mark post 3 handled" is not near marking).
        let nearest = judged.filter { $0.score.score > 0 && (!$0.intent.acts || $0.score.score >= 2) }.prefix(3).map(\.intent.name)
        let eligible = judged.filter { $0.score.isEligible }
        // An ask that is clear but lacks what it needs ("mark as handled" with no post) says what to add. An action
        // counts as asked only on its full score (verb and state: "mark … handled", "flag … as unverified"); others
        // on a cue of 4 or more (its own verb: "compare bins", not "better than").
        let incomplete = judged.first { judged in
            guard case .missing = judged.score.excluded, judged.intent.missing != nil else { return false }
            return judged.intent.acts ? judged.score.score >= settings.act : judged.cueScore >= 4
        }
        guard let best = eligible.first, best.score.score >= settings.minimum else {
            if let incomplete, incomplete.score.score >= settings.minimum {
                return (.incomplete(intent: incomplete.intent.name, message: incomplete.intent.missing!), { "\(incomplete.intent.name) \(incomplete.score.excluded!)" })
            }
            return (.fallback(nearest: nearest, outOfScope: false), { [minimum = settings.minimum] in "no intent reaches the minimum score of \(Self.format(minimum))" })
        }
        if let incomplete, incomplete.score.score >= best.score.score + (incomplete.intent.acts ? 0 : settings.margin) {
            return (.incomplete(intent: incomplete.intent.name, message: incomplete.intent.missing!),
                    { "\(incomplete.intent.name) scores highest but \(incomplete.score.excluded!)" })
        }
        if best.intent.isFallback {
            return (.fallback(nearest: nearest.filter { $0 != best.intent.name }, outOfScope: true), { "\(best.intent.name) wins: out of scope" })
        }
        let option = { (judged: Judged) in
            Reading.Option(intent: judged.intent.name, slots: self.slots(for: judged, things: things, leftover: leftover, message: message), ask: judged.intent.ask)
        }
        if let runnerUp = eligible.dropFirst().first(where: { !$0.intent.isFallback }), best.score.score - runnerUp.score.score < settings.margin {
            return (.clarify([option(best), option(runnerUp)]),
                    { [margin = settings.margin] in
                        "\(best.intent.name) \(Self.format(best.score.score)) and \(runnerUp.intent.name) \(Self.format(runnerUp.score.score)) are within the margin of \(Self.format(margin))"
                    })
        }
        if best.intent.acts && best.score.score < settings.act {
            return (.clarify([option(best)]), { [act = settings.act] in "\(best.intent.name) changes something and scores \(Self.format(best.score.score)), under \(Self.format(act)): confirm first" })
        }
        if best.intent.acts && isQuestion {
            return (.clarify([option(best)]), { "\(best.intent.name) changes something and the message asks rather than tells: confirm first" })
        }
        let runnerUp = eligible.dropFirst().first.map { ($0.intent.name, $0.score.score) }
        let (name, score) = (best.intent.name, best.score.score)
        return (.answer(intent: name, slots: option(best).slots), {
            let margin = runnerUp.map { " by \(Self.format(score - $0.1)) over \($0.0)" } ?? ""
            return "\(name) wins with \(Self.format(score))\(margin)"
        })
    }

    /// A score as it reads in an explanation: "4", "2.5". (Not `String(format:)`, which was a tenth of reading.)
    static func format(_ number: Double) -> String {
        let tenths = Int((number * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// Reads typos as known words, keeping punctuation around them.
    private func corrected(_ text: String) -> (String, [Correction]) {
        // Most messages hold no word long enough that is unknown: nothing to split or rebuild.
        guard text.split(separator: " ").contains(where: { corrector.mayCorrect($0) }) else { return (text, []) }
        var corrections: [Correction] = []
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            let word = String(token.word)
            guard word.count >= settings.typos.minimumLength - 1, let known = corrector.correction(of: word) else { return String(token) }
            corrections.append(Correction(typed: word, read: known))
            return String(token).replacingOccurrences(of: word, with: known)
        }
        return (corrections.isEmpty ? text : words.joined(separator: " "), corrections)
    }
}
