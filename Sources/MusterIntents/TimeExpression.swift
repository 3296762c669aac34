import Foundation

/// One end of a window rule in `windows.yaml`, such as `today 18:00 -1d` or `now -{n}{unit}`: an anchor, an
/// optional time of day, and offsets, some of them filled from what the message said.
struct TimeExpression: Sendable, Hashable {
    enum Anchor: Sendable, Hashable {
        case now, today, week, month, year, weekend, lastWeekend
        /// The latest such weekday (today included), or strictly before today.
        case weekday(excludingToday: Bool)
        case date
    }

    enum Clock: Sendable, Hashable {
        case fixed(hour: Int, minute: Int)
        /// The time the message gave (`{clock}`).
        case said
    }

    enum Amount: Sendable, Hashable {
        case fixed(Int)
        /// The number the message gave (`{n}`).
        case said
    }

    enum Unit: Sendable, Hashable {
        case seconds(Int)
        case days(Int)
        case calendarMonths
        /// The unit the message gave (`{unit}`).
        case said
    }

    struct Offset: Sendable, Hashable {
        var sign: Int
        var amount: Amount
        var unit: Unit
    }

    var anchor: Anchor
    var clock: Clock?
    var offsets: [Offset]

    /// Reads `text` ("today 18:00 -1d"); `nil` with the reason when it is not an expression.
    static func parse(_ text: String) -> Result<TimeExpression, WindowRuleError> {
        var words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { return .failure(.init("an empty time")) }
        words.removeFirst()
        var anchor: Anchor
        switch first {
        case "now": anchor = .now
        case "today": anchor = .today
        case "week": anchor = .week
        case "month": anchor = .month
        case "year": anchor = .year
        case "weekend": anchor = .weekend
        case "{weekday}": anchor = .weekday(excludingToday: false)
        case "{date}": anchor = .date
        case "last":
            switch words.first {
            case "weekend": anchor = .lastWeekend
            case "{weekday}": anchor = .weekday(excludingToday: true)
            default: return .failure(.init("“last” goes with “weekend” or “{weekday}”, in “\(text)”"))
            }
            words.removeFirst()
        default:
            return .failure(.init("“\(first)” is not an anchor (now, today, week, month, year, weekend, last weekend, {weekday}, last {weekday}, {date})"))
        }
        var clock: Clock?
        var offsets: [Offset] = []
        for word in words {
            if word == "{clock}" { clock = .said; continue }
            if let time = Self.clock(word) { clock = .fixed(hour: time.hour, minute: time.minute); continue }
            guard let offset = Self.offset(word) else {
                return .failure(.init("“\(word)” is neither a time of day (18:00, {clock}) nor an offset (-1d, +2d, -1mo, -{n}{unit})"))
            }
            offsets.append(offset)
        }
        return .success(TimeExpression(anchor: anchor, clock: clock, offsets: offsets))
    }

    /// "18:00" → (18, 0).
    static func clock(_ word: String) -> (hour: Int, minute: Int)? {
        let parts = word.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else {
            return nil
        }
        return (hour, minute)
    }

    /// "-1d", "+2d", "-1mo", "-{n}{unit}", "-1{unit}", "+30min".
    private static func offset(_ word: String) -> Offset? {
        guard let sign = word.first, sign == "-" || sign == "+" else { return nil }
        var rest = Substring(word.dropFirst())
        let amount: Amount
        if rest.hasPrefix("{n}") {
            amount = .said
            rest = rest.dropFirst(3)
        } else {
            let digits = rest.prefix { $0.isNumber }
            guard let number = Int(digits) else { return nil }
            amount = .fixed(number)
            rest = rest.dropFirst(digits.count)
        }
        guard let unit = unit(String(rest)) else { return nil }
        return Offset(sign: sign == "-" ? -1 : 1, amount: amount, unit: unit)
    }

    /// A length written as in `units:` and offsets: `1min`, `1h`, `1d`, `7d`, `mo`, `{unit}`.
    static func unit(_ text: String) -> Unit? {
        switch text {
        case "{unit}": return .said
        case "min": return .seconds(60)
        case "h": return .seconds(3_600)
        case "d": return .days(1)
        case "w": return .days(7)
        case "mo": return .calendarMonths
        default: return nil
        }
    }
}

/// What is wrong with a rule in `windows.yaml`.
struct WindowRuleError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
