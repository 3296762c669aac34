/// What a post is, beside its topic and mood — a media report, an unconfirmed claim, an official line, a real
/// question, an appeal, sympathy, distress — and the crisis feelings answers count (concern, anger). A post may be
/// several at once: an official appeal for blood donors is `official` and `appeal`.
///
/// Stored as one integer per post, so a store can count or filter any of them in the same pass as its other counts.
public struct PostKinds: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int

    /// Creates kinds from their stored bits.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// News: a media outlet's post, or a post passing on one ("RT @BBCScotland: …", a headline with its link).
    public static let report = PostKinds(rawValue: 1 << 0)
    /// An unconfirmed assertion ("apparently", "I heard", "reports that … can anyone confirm").
    public static let claim = PostKinds(rawValue: 1 << 1)
    /// Us or a partner: written by one, or passing on one's words (a retweet or quote of their post).
    public static let official = PostKinds(rawValue: 1 << 2)
    /// Really asking something, rather than a headline or an exclamation that happens to start with "how".
    public static let question = PostKinds(rawValue: 1 << 3)
    /// Asking people to act: give blood, donate, volunteer, look for someone missing.
    public static let appeal = PostKinds(rawValue: 1 << 4)
    /// Sympathy and support: condolences, prayers, thanks to the crews.
    public static let sympathy = PostKinds(rawValue: 1 << 5)
    /// Someone in trouble: trapped, flooded, no heating, needing help now.
    public static let distress = PostKinds(rawValue: 1 << 6)
    /// Worry for people or places ("hope everyone is ok", "so worried").
    public static let concern = PostKinds(rawValue: 1 << 7)
    /// Anger at how something is handled ("disgrace", "shambles").
    public static let anger = PostKinds(rawValue: 1 << 8)

    /// States a casualty figure ("3 people are dead", "no one has been injured"), to be held against the official one.
    public static let figure = PostKinds(rawValue: 1 << 9)

    /// Every kind with the name answers and configs use for it, in the order answers list them.
    public static let named: [(name: String, kind: PostKinds)] = [
        ("report", .report), ("claim", .claim), ("official", .official), ("question", .question), ("appeal", .appeal),
        ("sympathy", .sympathy), ("distress", .distress), ("concern", .concern), ("anger", .anger), ("figure", .figure),
    ]

    /// The names of the kinds this holds.
    public var names: [String] {
        Self.named.filter { contains($0.kind) }.map(\.name)
    }
}
