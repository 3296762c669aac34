import MusterCore

/// Small phrases answers share, so every skill words figures the same way.
enum Wording {
    /// "412 posts" / "1 post".
    static func posts(_ count: Int) -> String {
        "\(count.grouped) \(count == 1 ? "post" : "posts")"
    }

    /// "up 35% on the previous 7 days (305)", "down 10% …", "about the same as …", "new: none in …".
    static func change(_ count: Int, from previous: Int, window: TimeWindow) -> String {
        let before = window.previous.label
        guard previous > 0 else { return count > 0 ? "none in \(before)" : "none in \(before) either" }
        let percent = Int((Double(count - previous) / Double(previous) * 100).rounded())
        if abs(percent) < 5 { return "about the same as \(before) (\(previous.grouped))" }
        return "\(percent > 0 ? "up" : "down") \(abs(percent))% on \(before) (\(previous.grouped))"
    }

    /// "62% negative · 30% neutral · 8% positive".
    static func sentiment(_ aggregate: PostAggregate) -> String {
        guard aggregate.count > 0 else { return "no posts to read" }
        return SentimentLabel.allCases.map { label in
            "\(Int((Double(aggregate.sentiment[label] ?? 0) / Double(aggregate.count) * 100).rounded()))% \(label.rawValue)"
        }.joined(separator: " · ")
    }

    /// "Ward 4 (Riverside) and Ward 5 (Quayside)", or the organisation's name for the whole patch.
    static func areas(_ wards: [String], everywhere: String) -> String {
        guard !wards.isEmpty else { return "across \(everywhere)" }
        let names = wards
        if names.count == 1 { return "in \(names[0])" }
        return "in " + names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
