import Foundation

/// A half-open span of time `[start, end)` with the words a person would use for it.
public struct TimeWindow: Sendable, Hashable, Codable {
    /// First instant inside the window.
    public var start: Date
    /// First instant after the window.
    public var end: Date
    /// How the window reads in an answer ("the last 7 days", "today").
    public var label: String

    /// Creates a window.
    public init(start: Date, end: Date, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }

    /// The equal-length window just before this one, for "compared with before".
    public var previous: TimeWindow {
        let length = end.timeIntervalSince(start)
        let label = label.hasPrefix("the last ") ? "the previous " + label.dropFirst("the last ".count) : "the \(Self.describe(length)) before"
        return TimeWindow(start: start.addingTimeInterval(-length), end: start, label: label)
    }

    /// "7 days", "day", "34 hours": a length in the largest whole unit that reads naturally.
    public static func describe(_ seconds: TimeInterval) -> String {
        let hours = Int((seconds / 3_600).rounded())
        if hours == 0 { return "\(Int(seconds / 60)) minutes" }
        if hours == 24 { return "day" }
        if hours % 24 == 0 || hours >= 48 { return "\(Int((Double(hours) / 24).rounded())) days" }
        return hours == 1 ? "hour" : "\(hours) hours"
    }

    /// The window's length in seconds.
    public var duration: TimeInterval { end.timeIntervalSince(start) }
}
