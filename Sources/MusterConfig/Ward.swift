/// An electoral ward: the smallest area Muster reports on.
public struct Ward: Sendable, Decodable, Hashable {
    /// The ward's number, when the council numbers them ("Ward 4").
    public var number: Int?
    /// The ward's name ("Riverside"); the key posts are stored under.
    public var name: String
    /// Other names people use.
    public var aliases: [String]
    /// Streets, estates and landmarks inside the ward.
    public var places: [String]
    /// Postcode districts inside the ward ("NB4").
    public var postcodes: [String]

    enum CodingKeys: String, CodingKey {
        case number, name, aliases, places, postcodes
    }

    /// Creates a ward.
    public init(number: Int?, name: String, aliases: [String] = [], places: [String] = [], postcodes: [String] = []) {
        self.number = number
        self.name = name
        self.aliases = aliases
        self.places = places
        self.postcodes = postcodes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decodeIfPresent(Int.self, forKey: .number)
        name = try container.decode(String.self, forKey: .name)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        places = try container.decodeIfPresent([String].self, forKey: .places) ?? []
        postcodes = try container.decodeIfPresent([String].self, forKey: .postcodes) ?? []
    }

    /// How answers name the ward: "Ward 4 (Riverside)", or the name alone when wards are not numbered.
    public var displayName: String {
        number.map { "Ward \($0) (\(name))" } ?? name
    }

    /// Every way a question may name the ward: "ward 4", "riverside", the aliases; lower-cased.
    public var references: [String] {
        var result = [name.lowercased()] + aliases.map { $0.lowercased() }
        if let number { result.insert("ward \(number)", at: 0) }
        return result
    }
}
