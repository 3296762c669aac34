/// One thing Muster can be asked, as declared in a file in `intents/`. A class, so that reading a message, which
/// judges every intent, passes intents by reference rather than copying their lists.
public final class Intent: Sendable {
    /// An example message and the slots it must yield.
    public struct Example: Sendable, Hashable {
        /// The message as a person would type it.
        public var text: String
        /// Slot → expected value, after normalisation; slots not listed must not be filled.
        public var slots: [String: String]
        /// Where it is declared, for errors.
        public var line: Int
    }

    /// A whole-sentence pattern as written and as compiled (with shared slots expanded): the strongest cue.
    public struct Pattern: Sendable {
        /// The pattern as written in the file.
        public var written: String
        /// The compiled, anchored pattern.
        public var compiled: CompiledPattern
        /// Where it is declared.
        public var line: Int
    }

    /// A word or phrase that signals this ask, with how much it counts (negative to count against).
    public struct Cue: Sendable {
        /// The pattern as written in the file.
        public var written: String
        /// What it adds to the intent's score when it is found.
        public var weight: Double
        /// The pattern with shared slots expanded: the message's one cue scan is built from it.
        var expanded: String
        /// Where it is declared.
        public var line: Int
    }

    /// A slot the intent needs, one of several ways: `area*2|window*2` is two areas or two windows.
    public struct Need: Sendable, Hashable {
        /// Slot name → how many of it, any one of which satisfies the need.
        public var alternatives: [(slot: String, count: Int)]
        /// As written, for explanations.
        public var written: String

        public static func == (left: Need, right: Need) -> Bool { left.written == right.written }
        public func hash(into hasher: inout Hasher) { hasher.combine(written) }
    }

    /// The intent's name, which also names the skill that answers it.
    public let name: String
    /// One line for `help`.
    public let help: String
    /// Breaks a tie between intents that score the same.
    public let priority: Int
    /// Its whole-sentence patterns, tried in order.
    public let patterns: [Pattern]
    /// Its cues.
    public let cues: [Cue]
    /// What each kind of thing in the message adds to its score ("topic: 1" for a topic summary).
    public let thingWeights: [(kind: ThingKind, weight: Double)]
    /// The slots it takes from the things found; others are left out of its slots.
    public let takes: Set<String>
    /// Slots it cannot answer without.
    public let needs: [Need]
    /// Kinds of thing it cannot answer with: a temperature with a topic is a topic summary.
    public let refuses: Set<ThingKind>
    /// Whether it cannot answer with a free-text topic either (a temperature about "the marina redevelopment").
    public let refusesText: Bool
    /// Whether it changes something (mark handled, mark rumour): it then acts only on a strong enough score.
    public let acts: Bool
    /// Whether it builds on the conversation's last answer, and so applies only when there is one.
    public let needsContext: Bool
    /// Whether it is answered by the fallback rather than a skill (out of scope).
    public let isFallback: Bool
    /// How a clarification names this ask ("a sitrep on {topic}").
    public let ask: String
    /// What to say when a slot it needs is missing.
    public let missing: String?
    /// Messages that must reach this intent.
    public let examples: [Example]
    /// Messages that must not reach this intent.
    public let counterExamples: [Example]
    /// The file it was declared in.
    public let file: String
    /// Its position among all intents, the last tie-breaker.
    public let order: Int

    /// Creates an intent; `IntentLoader` builds them from files.
    init(name: String, help: String, priority: Int, patterns: [Pattern], cues: [Cue], thingWeights: [(kind: ThingKind, weight: Double)], takes: Set<String>,
         needs: [Need], refuses: Set<ThingKind>, refusesText: Bool, acts: Bool, needsContext: Bool, isFallback: Bool, ask: String, missing: String?,
         examples: [Example], counterExamples: [Example], file: String, order: Int) {
        self.name = name
        self.help = help
        self.priority = priority
        self.patterns = patterns
        self.cues = cues
        self.thingWeights = thingWeights
        self.takes = takes
        self.needs = needs
        self.refuses = refuses
        self.refusesText = refusesText
        self.acts = acts
        self.needsContext = needsContext
        self.isFallback = isFallback
        self.ask = ask
        self.missing = missing
        self.examples = examples
        self.counterExamples = counterExamples
        self.file = file
        self.order = order
    }
}
