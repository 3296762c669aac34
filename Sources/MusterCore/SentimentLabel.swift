/// Negative, neutral or positive, from a sentiment score.
public enum SentimentLabel: String, Sendable, CaseIterable, Hashable, Codable {
    case negative
    case neutral
    case positive

    /// Scores within this distance of zero read as neutral.
    public static let neutralBand = 0.2

    /// The label for a score in -1…1.
    public init(score: Double) {
        if score >= Self.neutralBand {
            self = .positive
        } else if score <= -Self.neutralBand {
            self = .negative
        } else {
            self = .neutral
        }
    }
}
