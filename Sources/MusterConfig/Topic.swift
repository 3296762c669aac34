/// A topic in the taxonomy ("bins"), found in text by its terms.
public struct Topic: Sendable, Decodable, Hashable {
    /// The key posts are tagged with.
    public var name: String
    /// How answers name it ("Bins and waste").
    public var label: String
    /// Words and phrases that mean the topic.
    public var terms: [String]

    /// Creates a topic.
    public init(name: String, label: String, terms: [String]) {
        self.name = name
        self.label = label
        self.terms = terms
    }
}
