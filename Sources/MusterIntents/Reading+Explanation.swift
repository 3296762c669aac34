/// A reading laid out for people and tools: `muster intents explain` prints it, and `--json` writes it.
public struct Explanation: Sendable, Codable {
    /// One cue that fired.
    public struct CueFired: Sendable, Codable {
        public var cue: String
        public var weight: Double
    }

    /// A kind of thing that counted for an intent.
    public struct ThingCounted: Sendable, Codable {
        public var kind: ThingKind
        public var weight: Double
    }

    /// One intent's score and why.
    public struct IntentScore: Sendable, Codable {
        public var intent: String
        public var score: Double
        public var eligible: Bool
        /// Why it is out of the running, when it is.
        public var excluded: String?
        public var cues: [CueFired]
        public var things: [ThingCounted]
        /// The line of the whole-sentence pattern that matched.
        public var sentenceLine: Int?
    }

    /// A reading offered in a clarification.
    public struct Choice: Sendable, Codable {
        public var intent: String
        public var slots: [String: String]
    }

    /// The message as matched.
    public var normalised: String
    /// Words read as known ones.
    public var corrections: [Correction]
    /// The things found.
    public var things: [Thing]
    /// Every intent, best first.
    public var intents: [IntentScore]
    /// `answer`, `clarify`, `incomplete`, `fallback`, `out of scope` or `too long`.
    public var decision: String
    /// The intent answered with, or the one that lacks a slot.
    public var intent: String?
    /// The slots answered with.
    public var slots: [String: String]
    /// The readings offered when Muster asks which was meant.
    public var options: [Choice]
    /// Why, in a sentence.
    public var why: String
}

extension Reading {
    /// The reading laid out for `muster intents explain`.
    public var explanation: Explanation {
        let intents = scores.map { score in
            Explanation.IntentScore(
                intent: score.intent, score: score.score, eligible: score.isEligible, excluded: score.excluded?.description,
                cues: score.cues.map { .init(cue: $0.cue, weight: $0.weight) }, things: score.things.map { .init(kind: $0.kind, weight: $0.weight) },
                sentenceLine: score.sentenceLine
            )
        }
        var explanation = Explanation(normalised: normalised, corrections: corrections, things: things, intents: intents, decision: "",
                                      intent: nil, slots: [:], options: [], why: why)
        switch decision {
        case .answer(let intent, let slots): (explanation.decision, explanation.intent, explanation.slots) = ("answer", intent, slots)
        case .clarify(let options):
            explanation.decision = "clarify"
            explanation.options = options.map { .init(intent: $0.intent, slots: $0.slots) }
        case .incomplete(let intent, _): (explanation.decision, explanation.intent) = ("incomplete", intent)
        case .fallback(_, let outOfScope): explanation.decision = outOfScope ? "out of scope" : "fallback"
        case .tooLong: explanation.decision = "too long"
        }
        return explanation
    }
}
