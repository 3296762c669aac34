import Foundation
import MusterCore
import Yams

/// The time grammar of `intents/windows.yaml`: which words name a span of time and what each means. The same
/// rules find windows in a message and read them into exact spans, so a window Muster finds is one it can read.
public struct WindowGrammar: Sendable {
    static let fileName = "windows.yaml"

    struct Rule: Sendable {
        var pattern: CompiledPattern
        /// The rule's pattern with its placeholders expanded, for the finder's combined pattern.
        var source: String
        var from: TimeExpression
        var to: TimeExpression
        var label: String
        /// The words for the window a comparison means by "v last", when it is not the same span just before.
        var before: String?
        var examples: [String]
        var line: Int
    }

    struct Unit: Sendable {
        var name: String
        var length: TimeExpression.Unit
        var count: Int
    }

    var rules: [Rule]
    var units: [String: Unit]
    var weekdays: [String: (name: String, number: Int)]
    var months: [String: Int]
    var timesOfDay: [String: (hour: Int, minute: Int)]
    let path: String

    init(directory: URL, numberWords: [String: Int]) throws {
        self.numberWords = numberWords
        let numbers = "(?:\\d{1,3}|\(ThingGrammar.alternation(numberWords.keys)))"
        // "ten pm", "six o'clock": the hours of a clock in words.
        let hourWords = ThingGrammar.alternation(numberWords.filter { (1...12).contains($0.value) && !$0.key.contains(" ") }.keys)
        let file = try YAMLFile(directory.appendingPathComponent(Self.fileName))
        path = file.path
        units = [:]
        for (name, node) in file.root["units"]?.mapping ?? [:] {
            guard let unitName = name.string, let words = node["words"], let lengthText = node["length"]?.string else {
                throw file.error(name, "a unit has `words:` and a `length:` such as 1h or 7d")
            }
            let digits = lengthText.prefix { $0.isNumber }
            guard let count = Int(digits), let length = TimeExpression.unit(String(lengthText.dropFirst(digits.count))) else {
                throw file.error(node, "length \(lengthText) is not a number of min, h or d")
            }
            for word in try file.strings(words, what: "words") { units[word.lowercased()] = Unit(name: unitName, length: length, count: count) }
        }
        weekdays = [:]
        let order = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        for day in try file.lists("weekdays") {
            guard let number = order.firstIndex(of: day.name.lowercased()) else { throw file.error(day.node, "\(day.name) is not a day of the week") }
            for word in day.items { weekdays[word.lowercased()] = (day.name.capitalized, number + 1) }
        }
        months = [:]
        for month in try file.lists("months") {
            guard let number = Int(month.name), (1...12).contains(number) else { throw file.error(month.node, "months are numbered 1 to 12") }
            for word in month.items { months[word.lowercased()] = number }
        }
        timesOfDay = [:]
        for time in try file.lists("times_of_day") {
            guard let clock = TimeExpression.clock(time.name) else { throw file.error(time.node, "\(time.name) is not a time such as 12:00") }
            for word in time.items { timesOfDay[word.lowercased()] = clock }
        }
        rules = []
        guard let ruleNodes = file.root["rules"]?.sequence, !ruleNodes.isEmpty else {
            throw MusterError("\(file.path): expected `rules:`, a list of windows")
        }
        let placeholders = [
            "{n}": "(?<n>\(numbers))",
            "{unit}": "(?<unit>\(ThingGrammar.alternation(units.keys)))",
            "{weekday}": "(?<weekday>\(ThingGrammar.alternation(weekdays.keys)))",
            "{clock}": "(?<clock>\(ThingGrammar.alternation(timesOfDay.keys))|(?:[01]\\d|2[0-3])[0-5]\\d(?: ?(?:hrs|hours|h))?(?!\\w)|(?:\(hourWords)) (?:am|pm|o'clock)|\\d{1,2}(?:[:.]\\d{2})? ?(?:am|pm|a\\.m\\.|p\\.m\\.)?(?! ?(?:\(ThingGrammar.alternation(units.keys)))\\b))",
            "{month}": "(?<date>\(ThingGrammar.alternation(months.keys)))",
            "{date}": "(?<date>(?:the )?\\d{1,2}(?:st|nd|rd|th)?(?: of)? \(ThingGrammar.alternation(months.keys))|\(ThingGrammar.alternation(months.keys)) (?:the )?\\d{1,2}(?:st|nd|rd|th)?)",
        ]
        for node in ruleNodes {
            guard let match = try file.string("match", in: node), let fromText = try file.string("from", in: node) else {
                throw file.error(node, "a window rule needs `match:` and `from:`")
            }
            var source = match
            for (name, value) in placeholders { source = source.replacingOccurrences(of: name, with: value) }
            func expression(_ text: String) throws -> TimeExpression {
                switch TimeExpression.parse(text) {
                case .success(let expression): return expression
                case .failure(let problem): throw file.error(node, problem.message)
                }
            }
            let compiled: CompiledPattern
            do {
                compiled = try CompiledPattern("(?J)^(?:\(source))$")
            } catch let error as PatternError {
                throw file.error(node, "window pattern does not compile: \(error.message)", hint: "The pattern: \(match)")
            }
            rules.append(Rule(
                pattern: compiled, source: source, from: try expression(fromText), to: try expression(try file.string("to", in: node) ?? "now"),
                label: try file.string("label", in: node) ?? "", before: try file.string("before", in: node), examples: try file.strings("examples", in: node), line: node.mark?.line ?? 0
            ))
        }
    }

    /// The words for the window a comparison means by "v last" after `words` ("this week" → "last week"), if the
    /// rule that reads them says.
    public func before(_ words: String) -> String? {
        rules.first { $0.pattern.match(words.lowercased()) != nil }?.before
    }

    /// Whether `words` are read by a rule that names one day by its name or date ("on friday", "24 nov").
    public func namesOneDay(_ words: String) -> Bool {
        guard let rule = rules.first(where: { $0.pattern.match(words) != nil }) else { return false }
        switch rule.from.anchor {
        case .weekday, .date: return rule.to.anchor == rule.from.anchor
        default: return false
        }
    }

    /// Every rule's pattern as one alternation, for finding windows anywhere in a message.
    var findingPattern: String {
        "(?J)(?:" + rules.map { "(?:\($0.source))" }.joined(separator: "|") + ")"
    }

    /// The span `words` name at `now`, or `nil` when no rule reads them whole.
    ///
    /// - Parameters:
    ///   - calendar: the organisation's calendar (its time zone; weeks start on Monday).
    ///   - day: how a day is named in a label ("Tue 24 Nov").
    public func window(for words: String, now: Date, calendar: Calendar, day: (Date) -> String) -> TimeWindow? {
        let text = words.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for rule in rules {
            guard let match = rule.pattern.match(text) else { continue }
            guard let said = Said(match.groups, grammar: self) else { return nil }
            var context = Evaluation(now: now, calendar: calendar, said: said)
            guard var start = context.date(rule.from), var end = context.date(rule.to) else { return nil }
            if start > now {
                // "since 18:00" asked at 09:00 means yesterday's 18:00; "since 24 Dec" in November, last year's.
                let step: Calendar.Component? = rule.from.anchor == .today ? .day : rule.from.anchor == .date ? .year : nil
                guard let step, let earlier = calendar.date(byAdding: step, value: -1, to: start) else { return nil }
                end = rule.to.anchor == rule.from.anchor ? calendar.date(byAdding: step, value: -1, to: end)! : end
                start = earlier
            }
            end = min(end, now)
            guard end > start else { return nil }
            return TimeWindow(start: start, end: end, label: label(rule, said: said, start: context.dateSaid, day: day))
        }
        return nil
    }

    private func label(_ rule: Rule, said: Said, start: Date?, day: (Date) -> String) -> String {
        var label = rule.label
        if let n = said.number {
            label = label.replacingOccurrences(of: "{n}", with: "\(n)")
        }
        if let unit = said.unit {
            let plural = (said.number ?? 1) != 1
            label = label.replacingOccurrences(of: "{unit}", with: plural ? unit.name + "s" : unit.name)
        }
        if let weekday = said.weekday { label = label.replacingOccurrences(of: "{weekday}", with: weekday.name) }
        if let clock = said.clock { label = label.replacingOccurrences(of: "{clock}", with: String(format: "%02d:%02d", clock.hour, clock.minute)) }
        if let start { label = label.replacingOccurrences(of: "{date}", with: day(start)) }
        return label
    }

    /// What a message said inside a window: its number, unit, weekday, time of day and date.
    struct Said {
        var number: Int?
        var unit: Unit?
        var weekday: (name: String, number: Int)?
        var clock: (hour: Int, minute: Int, ambiguous: Bool)?
        var date: (day: Int, month: Int)?

        init?(_ groups: [String: String], grammar: WindowGrammar) {
            if let n = groups["n"] {
                guard let number = Int(n) ?? grammar.numberWords[n] else { return nil }
                self.number = number
            }
            if let unit = groups["unit"] { self.unit = grammar.units[unit] }
            if let weekday = groups["weekday"] { self.weekday = grammar.weekdays[weekday] }
            if let clock = groups["clock"] {
                guard let time = grammar.clock(clock) else { return nil }
                self.clock = time
            }
            if let date = groups["date"] {
                let words = date.split(separator: " ").map(String.init)
                guard let month = words.lazy.compactMap({ grammar.months[$0] }).first,
                      let day = words.lazy.compactMap({ Int($0.prefix { $0.isNumber }) }).first ?? (words.count == 1 ? 1 : nil)
                else { return nil }
                self.date = (day, month)
            }
        }
    }

    /// Number words for `{n}`, from `things.yaml`.
    let numberWords: [String: Int]

    /// "6am", "6.30pm", "14:00", "0600hrs", "lunchtime", "9" (ambiguous: 09:00 or 21:00, whichever is the latest
    /// past).
    func clock(_ text: String) -> (hour: Int, minute: Int, ambiguous: Bool)? {
        if let named = timesOfDay[text] { return (named.hour, named.minute, false) }
        if let space = text.firstIndex(of: " "), let hour = numberWords[String(text[..<space])] {
            return clock(String(hour) + text[space...].replacingOccurrences(of: "o'clock", with: ""))
        }
        // The 24-hour "0600" of a shift log: four digits, never ambiguous.
        let fourDigits = text.prefix { $0.isNumber }
        if fourDigits.count == 4, let hour = Int(fourDigits.prefix(2)), let minute = Int(fourDigits.suffix(2)) {
            return (0..<24).contains(hour) && (0..<60).contains(minute) ? (hour, minute, false) : nil
        }
        let compact = text.replacingOccurrences(of: ".", with: ":").replacingOccurrences(of: " ", with: "")
        let isPM = compact.hasSuffix("pm") || compact.hasSuffix("p:m:")
        let isAM = compact.hasSuffix("am") || compact.hasSuffix("a:m:")
        let digits = compact.prefix { $0.isNumber || $0 == ":" }.split(separator: ":")
        guard let hour = digits.first.flatMap({ Int($0) }) else { return nil }
        let minute = digits.count > 1 ? Int(digits[1]) ?? 0 : 0
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        if isPM || isAM {
            guard (1...12).contains(hour) else { return nil }
            return (hour % 12 + (isPM ? 12 : 0), minute, false)
        }
        return (hour, minute, digits.count == 1 && hour <= 12)
    }

    /// Evaluates expressions against one "now".
    struct Evaluation {
        let now: Date
        let calendar: Calendar
        let said: Said
        /// The start of the `{date}` the message named, for the label.
        var dateSaid: Date?

        mutating func date(_ expression: TimeExpression) -> Date? {
            guard var base = anchor(expression.anchor) else { return nil }
            if let clock = expression.clock {
                let time: (hour: Int, minute: Int, ambiguous: Bool)
                switch clock {
                case .fixed(let hour, let minute): time = (hour, minute, false)
                case .said:
                    guard let said = said.clock else { return nil }
                    time = said
                }
                guard var set = calendar.date(bySettingHour: time.hour, minute: time.minute, second: 0, of: base) else { return nil }
                // A bare "since 9" is the latest 9 o'clock that has passed: 21:00 in the evening.
                if time.ambiguous, time.hour < 12, let evening = calendar.date(byAdding: .hour, value: 12, to: set), evening <= now {
                    set = evening
                }
                base = set
            }
            for offset in expression.offsets {
                let amount: Int
                switch offset.amount {
                case .fixed(let number): amount = number
                case .said:
                    guard let number = said.number else { return nil }
                    amount = number
                }
                let signed = offset.sign * amount
                switch offset.unit {
                case .seconds(let seconds): base = base.addingTimeInterval(Double(signed * seconds))
                case .days(let days): base = calendar.date(byAdding: .day, value: signed * days, to: base)!
                case .calendarMonths: base = calendar.date(byAdding: .month, value: signed, to: base)!
                case .said:
                    guard let unit = said.unit else { return nil }
                    switch unit.length {
                    case .seconds(let seconds): base = base.addingTimeInterval(Double(signed * unit.count * seconds))
                    case .days(let days): base = calendar.date(byAdding: .day, value: signed * unit.count * days, to: base)!
                    case .calendarMonths: base = calendar.date(byAdding: .month, value: signed * unit.count, to: base)!
                    case .said: return nil
                    }
                }
            }
            return base
        }

        mutating func anchor(_ anchor: TimeExpression.Anchor) -> Date? {
            let today = calendar.startOfDay(for: now)
            let weekday = calendar.component(.weekday, from: now)
            switch anchor {
            case .now: return now
            case .today: return today
            case .week: return calendar.dateInterval(of: .weekOfYear, for: now)?.start
            case .month: return calendar.dateInterval(of: .month, for: now)?.start
            case .year: return calendar.dateInterval(of: .year, for: now)?.start
            case .weekend, .lastWeekend:
                // Saturday is weekday 7: `weekday % 7` is how many days ago the latest Saturday began.
                let back = weekday % 7
                let duringWeekend = back <= 1
                let extra = anchor == .lastWeekend && duringWeekend ? 7 : 0
                return calendar.date(byAdding: .day, value: -back - extra, to: today)
            case .weekday(let excludingToday):
                guard let target = said.weekday?.number else { return nil }
                var back = (weekday - target + 7) % 7
                if excludingToday, back == 0 { back = 7 }
                return calendar.date(byAdding: .day, value: -back, to: today)
            case .date:
                guard let date = said.date else { return nil }
                var year = calendar.component(.year, from: now)
                if let thisYear = calendar.date(from: DateComponents(year: year, month: date.month, day: date.day)), thisYear > now { year -= 1 }
                guard let start = calendar.date(from: DateComponents(year: year, month: date.month, day: date.day)),
                      calendar.component(.day, from: start) == date.day
                else { return nil }
                dateSaid = start
                return start
            }
        }
    }
}
