/// The organisation's own names for things — wards and their places, topics and their terms, outlets — handed to
/// the intents at start-up, so that intent files stay the same for every organisation.
public struct Vocabulary: Sendable {
    /// One way of naming a thing.
    public struct Entry: Sendable, Hashable {
        /// What kind of thing the phrase names.
        public var kind: ThingKind
        /// What it resolves to.
        public var value: String
        /// The phrase, as it is written in the config ("Hill Street", "fly-tipping", "@NBGazette").
        public var phrase: String
        /// Whether a trailing plural (`s`, `es`) is read as the same phrase, as for topic terms.
        public var plural: Bool

        /// Creates an entry.
        public init(kind: ThingKind, value: String, phrase: String, plural: Bool = false) {
            self.kind = kind
            self.value = value
            self.phrase = phrase
            self.plural = plural
        }
    }

    /// Every phrase, in any order.
    public var entries: [Entry]
    /// Ward numbers → ward names, for "ward 4" and "ward four".
    public var wardNumbers: [Int: String]
    /// Words that carry nothing once the things and the ask are found (the config's stopwords).
    public var filler: Set<String>
    /// Words of the language that are never read as typos of another ("floor" is not "flood"), from a word list.
    public var dictionary: Set<String>

    /// Creates a vocabulary.
    public init(entries: [Entry] = [], wardNumbers: [Int: String] = [:], filler: Set<String> = [], dictionary: Set<String> = []) {
        self.entries = entries
        self.wardNumbers = wardNumbers
        self.filler = filler
        self.dictionary = dictionary
    }
}
