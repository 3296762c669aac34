import MusterCore

/// Small phrases answers share, so every skill words figures the same way.
enum Wording {
    /// "412 posts" / "1 post".
    static func posts(_ count: Int) -> String {
        Self.count(count, "post")
    }

    /// "3 items" / "1 item": a count with its noun, plural when it needs one.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count.grouped) \(count == 1 ? noun : noun + "s")"
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
        return SentimentLabel.allCases.map { "\(share(aggregate, $0))% \($0.rawValue)" }.joined(separator: " · ")
    }

    /// The whole-number percentage of the posts with `label`; 0 when there are none.
    static func share(_ aggregate: PostAggregate, _ label: SentimentLabel) -> Int {
        aggregate.count == 0 ? 0 : Int((Double(aggregate.sentiment[label] ?? 0) / Double(aggregate.count) * 100).rounded())
    }

    /// A window as it reads after a noun: "today", "in the last 7 days", "on Tue 24 Nov", "since Monday".
    static func during(_ window: TimeWindow) -> String {
        let label = window.label
        if label.hasPrefix("the ") { return "in " + label }
        if let first = label.first, first.isUppercase, LocalTime.weekdays.contains(String(label.prefix(3))) { return "on " + label }
        return label
    }

    /// "40 minutes", "3 hours", "2 days": a span rounded to the unit that reads naturally.
    static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return count(max(1, minutes), "minute") }
        let hours = Int((seconds / 3_600).rounded())
        if hours < 48 { return count(hours, "hour") }
        return count(Int((seconds / 86_400).rounded()), "day")
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.first ?? "" : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// "A", "A or B", "A, B or C".
    static func either(_ names: [String]) -> String {
        names.count <= 1 ? names.first ?? "" : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// "Ward 4 (Riverside) and Ward 5 (Quayside)", or the organisation's name for the whole patch.
    static func areas(_ wards: [String], everywhere: String) -> String {
        guard !wards.isEmpty else { return "across \(everywhere)" }
        let names = wards
        if names.count == 1 { return "in \(names[0])" }
        return "in " + names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
