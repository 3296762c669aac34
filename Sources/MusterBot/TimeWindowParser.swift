import Foundation
import MusterCore

/// Turns the words of a window slot into an exact span in the organisation's time zone, DST-correct: "today" and
/// "this week" start at local midnight (weeks on Monday), "last 3 hours" ends now.
struct TimeWindowParser: Sendable {
    let local: LocalTime
    /// The window used when a question names none.
    static let defaultDays = 7

    func window(for words: String?, now: Date) -> TimeWindow? {
        let calendar = local.calendar
        let today = calendar.startOfDay(for: now)
        func day(_ offset: Int, from base: Date = today) -> Date { calendar.date(byAdding: .day, value: offset, to: base)! }
        func at(_ hour: Int, _ base: Date = today) -> Date { calendar.date(bySettingHour: hour, minute: 0, second: 0, of: base)! }

        guard var text = words?.trimmed, !text.isEmpty else {
            return TimeWindow(start: now.addingTimeInterval(-Double(Self.defaultDays) * 86_400), end: now, label: "the last \(Self.defaultDays) days")
        }
        for prefix in ["in ", "over ", "for ", "during ", "on "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        let monday = calendar.dateInterval(of: .weekOfYear, for: now)!.start
        switch text {
        case "today": return TimeWindow(start: today, end: now, label: "today")
        case "yesterday": return TimeWindow(start: day(-1), end: today, label: "yesterday")
        case "this morning": return TimeWindow(start: today, end: min(now, at(12)), label: "this morning")
        case "this afternoon": return TimeWindow(start: at(12), end: min(now, at(18)), label: "this afternoon")
        case "this evening": return TimeWindow(start: at(18), end: now, label: "this evening")
        case "last night": return TimeWindow(start: at(18, day(-1)), end: at(6), label: "last night")
        case "this week": return TimeWindow(start: monday, end: now, label: "this week")
        case "last week": return TimeWindow(start: day(-7, from: monday), end: monday, label: "last week")
        case "this month":
            return TimeWindow(start: calendar.dateInterval(of: .month, for: now)!.start, end: now, label: "this month")
        case "last month":
            let start = calendar.dateInterval(of: .month, for: now)!.start
            return TimeWindow(start: calendar.date(byAdding: .month, value: -1, to: start)!, end: start, label: "last month")
        case "the weekend", "this weekend", "last weekend":
            // Saturday is weekday 7: `weekday % 7` is how many days ago the latest Saturday began.
            let back = calendar.component(.weekday, from: now) % 7
            let inWeekend = back <= 1
            let saturday = day(-back - (text == "last weekend" && inWeekend ? 7 : 0))
            return TimeWindow(start: saturday, end: min(now, day(2, from: saturday)), label: "the weekend")
        default: break
        }
        if text.hasPrefix("since ") {
            let name = String(text.dropFirst(6))
            if name == "yesterday" { return TimeWindow(start: day(-1), end: now, label: "since yesterday") }
            guard let target = Self.weekdayNames.firstIndex(of: name) else { return nil }
            let back = (calendar.component(.weekday, from: now) - 1 - target + 7) % 7
            return TimeWindow(start: day(-back), end: now, label: "since \(name.capitalized)")
        }
        if let span = relativeSpan(text) {
            return TimeWindow(start: now.addingTimeInterval(-span.seconds), end: now, label: span.label)
        }
        return calendarDay(text, now: now)
    }

    /// "last 3 hours", "the past day", "last 24h", "past fortnight".
    private func relativeSpan(_ text: String) -> (seconds: TimeInterval, label: String)? {
        var words = text.split(separator: " ").map(String.init)
        if words.first == "the" { words.removeFirst() }
        guard let first = words.first, first == "last" || first == "past" else { return nil }
        words.removeFirst()
        var amount = 1
        var unit = words.joined()
        if let digits = unit.prefix(while: \.isNumber).nilIfEmpty, let number = Int(digits) {
            amount = number
            unit = String(unit.dropFirst(digits.count))
        }
        let hour = 3_600.0
        let size: (TimeInterval, String)
        switch unit {
        case "h", "hr", "hrs", "hour", "hours": size = (hour, "hour")
        case "d", "day", "days": size = (24 * hour, "day")
        case "wk", "wks", "week", "weeks": size = (7 * 24 * hour, "week")
        case "fortnight": size = (14 * 24 * hour, "fortnight")
        case "month": size = (30 * 24 * hour, "month")
        default: return nil
        }
        guard amount > 0, amount <= 400 else { return nil }
        let label = amount == 1 ? "the last \(size.1)" : "the last \(amount) \(size.1)s"
        return (Double(amount) * size.0, label)
    }

    /// "24 nov", "3rd december": that local day, in the most recent year it is not in the future.
    private func calendarDay(_ text: String, now: Date) -> TimeWindow? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = Int(parts[0].prefix(while: \.isNumber)),
              let month = LocalTime.months.firstIndex(where: { parts[1].hasPrefix($0.lowercased()) })
        else { return nil }
        let calendar = local.calendar
        var year = calendar.component(.year, from: now)
        for _ in 0..<2 {
            if let start = calendar.date(from: DateComponents(year: year, month: month + 1, day: day)),
               calendar.component(.day, from: start) == day, start <= now {
                let end = min(now, calendar.date(byAdding: .day, value: 1, to: start)!)
                return TimeWindow(start: start, end: end, label: local.day(start))
            }
            year -= 1
        }
        return nil
    }

    private static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
}

extension Substring {
    var nilIfEmpty: Substring? { isEmpty ? nil : self }
}
