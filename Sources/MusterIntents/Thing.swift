/// The kinds of thing a message can name, found before Muster decides what is being asked.
public enum ThingKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A ward, by number, name, alias, place or postcode district; the value is the ward's name.
    case area
    /// The whole patch ("everywhere", the organisation's name): no area filter.
    case everywhere
    /// A taxonomy topic by one of its terms; the value is the topic's name.
    case topic
    /// A media outlet by name or handle, or the media in general; the value is the outlet's name or `the media`.
    case outlet
    /// A time window; the value is the words, read by the window grammar.
    case window
    /// A numbered post of the last answer ("post 3"); the value is its number, or `last`.
    case post
    /// A numbered rumour of the last answer ("rumour 2").
    case rumour
    /// A number that could be a post or a rumour ("3", "#3", "the second one").
    case reference
    /// A rumour status; the value is `false`, `true` or `unverified`.
    case status
    /// A feeling; the value is `negative`, `positive` or `neutral`.
    case sentiment
    /// Who is writing ("Fire service comms here", "Police corporate comms:"): what it names is not what is asked
    /// about, so the fire service's "fire" is no topic.
    case speaker
}

/// One thing found in a message.
public struct Thing: Sendable, Hashable, Codable {
    /// The window value of "last" in "this week v last": the same span just before the comparison's other time.
    public static let previousPeriod = "the period before"

    /// What kind of thing it is.
    public var kind: ThingKind
    /// What it resolves to (a ward's name, a topic's name, a status…).
    public var value: String
    /// The words it was found in, as normalised.
    public var text: String
    /// Where, in UTF-8 bytes of the normalised message.
    public var range: Range<Int>

    /// Creates a thing.
    public init(kind: ThingKind, value: String, text: String, range: Range<Int>) {
        self.kind = kind
        self.value = value
        self.text = text
        self.range = range
    }
}

/// A word read as a known one: "potholse" as "potholes".
public struct Correction: Sendable, Hashable, Codable {
    /// The word as typed (lower case).
    public var typed: String
    /// The known word it was read as.
    public var read: String

    /// Creates a correction.
    public init(typed: String, read: String) {
        self.typed = typed
        self.read = read
    }
}
