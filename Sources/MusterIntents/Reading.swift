/// How one message was read: its normalised words, the typos read as known words, the things found, every
/// intent's score and why, and the decision — answer, ask which was meant, ask for what is missing, or fall back.
public struct Reading: Sendable {
    /// One intent's verdict.
    public struct Score: Sendable {
        /// The intent judged.
        let judged: Intent
        /// The intent's name.
        public var intent: String { judged.name }
        /// Its score: cues, things and whole-sentence pattern together.
        public var score: Double
        /// Which of its cues fired, one bit each (kept as bits: reading a message builds no lists it is not asked for).
        var firedCues: UInt64
        /// Which of its thing weights counted, one bit each.
        var countedThings: UInt64
        /// The cues that fired, as written, with their weights.
        public var cues: [(cue: String, weight: Double)] {
            judged.cues.indices.filter { firedCues & (1 << UInt64($0 & 63)) != 0 }.map { (judged.cues[$0].written, judged.cues[$0].weight) }
        }
        /// The things that counted, with their weights.
        public var things: [(kind: ThingKind, weight: Double)] {
            judged.thingWeights.indices.filter { countedThings & (1 << UInt64($0)) != 0 }.map { judged.thingWeights[$0] }
        }
        /// The line of the whole-sentence pattern that matched, if one did.
        public var sentenceLine: Int?
        /// Why it cannot answer this message, when it cannot.
        public var excluded: Exclusion?
        /// Whether it may win.
        public var isEligible: Bool { excluded == nil }
    }

    /// Why an intent is out of the running.
    public enum Exclusion: Sendable, Hashable, CustomStringConvertible {
        /// It builds on an earlier answer and there is none.
        case noContext
        /// The message names something it cannot answer with.
        case refuses(ThingKind)
        /// A slot it needs is not there.
        case missing(String)
        /// The message has a free-text topic, which it cannot take.
        case freeText
        /// It changes something, and no word of the message asks for that ("in 10", "- morning huddle").
        case notAsked

        public var description: String {
            switch self {
            case .noContext: return "needs an earlier answer in the conversation"
            case .refuses(let kind): return "cannot take a \(kind.rawValue)"
            case .missing(let need): return "needs \(need)"
            case .freeText: return "cannot take a free-text topic"
            case .notAsked: return "changes something, and nothing here asks for it"
            }
        }
    }

    /// One way of reading the message, offered in a clarification.
    public struct Option: Sendable, Hashable, Codable {
        /// The intent.
        public var intent: String
        /// Its slots.
        public var slots: [String: String]
        /// How the option reads, from the intent's `ask:` ("a sitrep on {topic}").
        public var ask: String
    }

    /// What Muster does with the message.
    public enum Decision: Sendable, Hashable {
        /// Answer with this intent and slots.
        case answer(intent: String, slots: [String: String])
        /// Ask which was meant (or, with one option, to confirm an action).
        case clarify([Option])
        /// The ask is clear but a slot it needs is missing: say what to add.
        case incomplete(intent: String, message: String)
        /// Nothing was understood, or it is out of scope: the closest intents, best first.
        case fallback(nearest: [String], outOfScope: Bool)
        /// The message is over the length cap.
        case tooLong
    }

    /// The message as matched.
    public var normalised: String
    /// Words read as known ones.
    public var corrections: [Correction]
    /// The things found, in order.
    public var things: [Thing]
    /// Every intent's score, best first.
    public var scores: [Score]
    /// What Muster does.
    public var decision: Decision
    /// Why, in a sentence: worked out only when asked (explanations, checks), as most readings are never explained.
    public var why: String { reason() }
    var reason: @Sendable () -> String

    init(normalised: String, corrections: [Correction], things: [Thing], scores: [Score], decision: Decision, reason: @escaping @Sendable () -> String) {
        self.normalised = normalised
        self.corrections = corrections
        self.things = things
        self.scores = scores
        self.decision = decision
        self.reason = reason
    }

    /// The intent answered with, when the decision is to answer.
    public var intent: String? {
        if case .answer(let intent, _) = decision { return intent }
        return nil
    }

    /// The slots answered with (empty unless answering).
    public var slots: [String: String] {
        if case .answer(_, let slots) = decision { return slots }
        return [:]
    }
}
