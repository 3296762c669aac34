/// One thing Muster can be asked, as declared in a file in `intents/`.
public struct Intent: Sendable {
    /// An example message and the slots it must yield.
    public struct Example: Sendable, Hashable {
        /// The message as a person would type it.
        public var text: String
        /// Slot → expected value, after normalisation; slots not listed must not be filled.
        public var slots: [String: String]
        /// Where it is declared, for errors.
        public var line: Int
    }

    /// A pattern as written and as compiled (with shared slots expanded).
    public struct Pattern: Sendable {
        /// The pattern as written in the file.
        public var written: String
        /// The compiled, anchored pattern.
        public var compiled: CompiledPattern
        /// Where it is declared.
        public var line: Int
    }

    /// The intent's name, which also names the skill that answers it.
    public var name: String
    /// One line for `help`.
    public var help: String
    /// Higher wins when two intents match.
    public var priority: Int
    /// Its patterns, tried in order.
    public var patterns: [Pattern]
    /// Messages that must match this intent.
    public var examples: [Example]
    /// Messages that must not match this intent.
    public var counterExamples: [Example]
    /// The file it was declared in.
    public var file: String
    /// Its position among all intents, the last tie-breaker.
    public var order: Int
}
