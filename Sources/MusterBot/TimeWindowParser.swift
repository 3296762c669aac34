import Foundation
import MusterCore
import MusterIntents

/// Turns the words of a window slot into an exact span in the organisation's time zone, DST-correct, by the rules
/// of `intents/windows.yaml`: "today" and "this week" start at local midnight (weeks on Monday), "last 3 hours"
/// ends now. No words: the last 7 days.
struct TimeWindowParser: Sendable {
    let local: LocalTime
    let grammar: WindowGrammar
    /// The window used when a question names none.
    static let defaultDays = 7

    func window(for words: String?, now: Date) -> TimeWindow? {
        guard let text = words?.trimmed, !text.isEmpty else {
            return TimeWindow(start: now.addingTimeInterval(-Double(Self.defaultDays) * 86_400), end: now, label: "the last \(Self.defaultDays) days")
        }
        return grammar.window(for: text, now: now, calendar: local.calendar, day: local.day)
    }
}
