import Foundation

/// Reads the timestamps exports use: ISO 8601 (with or without fractions or zone; no zone means UTC),
/// "2026-11-24 09:42:00", Unix seconds or milliseconds, Twitter's "Wed Oct 10 20:19:24 +0000 2018" and RFC 822's
/// "Wed, 10 Oct 2018 20:19:24 +0000".
///
/// Written by hand rather than with DateFormatter, which is not safe to share between threads on Linux and is slow.
package enum DateParser {
    static func date(from value: Any) -> Date? {
        if let number = value as? NSNumber, !(value is Bool) {
            return epoch(number.doubleValue)
        }
        return (value as? String).flatMap(date(from:))
    }

    /// A field's time: a number is Unix seconds or milliseconds, a string any of the accepted forms.
    static func date(from value: JSONValue) -> Date? {
        switch value {
        case .number(let literal): return Double(literal).flatMap(epoch)
        case .string(let text): return date(from: text)
        default: return nil
        }
    }

    package static func date(from text: String) -> Date? {
        if let date = iso8601(text) { return date }
        let text = text.trimmed
        guard !text.isEmpty else { return nil }
        if let number = Double(text) { return epoch(number) }
        // Foundation's ISO 8601 parser is not used: it rolls "2026-02-30" over to 2 March and 25:61 into the next day.
        return numeric(text) ?? named(text)
    }

    private static func epoch(_ number: Double) -> Date? {
        guard number.isFinite, number > 0 else { return nil }
        // Anything past the year 5138 in seconds is really milliseconds.
        return Date(timeIntervalSince1970: number > 1e11 ? number / 1000 : number)
    }

    /// "2026-11-24", "2026-11-24 09:42", "2026-11-24T09:42:00", "2026-11-24 09:42:00+0100": UTC unless a zone is given.
    private static func numeric(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count) else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        guard day.count == 3 else { return nil }
        var clock = [0, 0, 0]
        var offset = 0
        if parts.count == 2 {
            var time = Substring(parts[1])
            if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                guard let zone = zoneOffset(String(time[sign...])) else { return nil }
                offset = zone
                time = time[..<sign]
            } else if time.hasSuffix("Z") {
                time = time.dropLast()
            }
            let fields = time.split(separator: ":").compactMap { Int($0) }
            guard (2...3).contains(fields.count) else { return nil }
            clock = fields + (fields.count == 2 ? [0] : [])
        }
        return utc(year: day[0], month: day[1], day: day[2], hour: clock[0], minute: clock[1], second: clock[2], offset: offset)
    }

    /// Twitter's "Wed Oct 10 20:19:24 +0000 2018" and RFC 822's "Wed, 10 Oct 2018 20:19:24 +0000".
    private static func named(_ text: String) -> Date? {
        var words = text.replacingOccurrences(of: ",", with: "").split(separator: " ").map(String.init)
        // RFC 822 makes the day of the week optional ("01 Dec 2026 09:41:00 GMT"), as feeds sometimes leave it.
        if words.count == 5, words[0].allSatisfy(\.isNumber) { words.insert("", at: 0) }
        guard words.count == 6 else { return nil }
        let twitter = words[5].count == 4 && words[5].allSatisfy(\.isNumber)
        let (monthName, dayText, timeText, zoneText, yearText) = twitter
            ? (words[1], words[2], words[3], words[4], words[5])
            : (words[2], words[1], words[4], words[5], words[3])
        guard let month = months.firstIndex(of: monthName.prefix(3).lowercased()), let day = Int(dayText),
              let year = Int(yearText), let offset = zoneOffset(zoneText) ?? namedZones[zoneText.uppercased()]
        else { return nil }
        let clock = timeText.split(separator: ":").compactMap { Int($0) }
        // RFC 822 makes the seconds optional too.
        guard (2...3).contains(clock.count) else { return nil }
        return utc(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock.count == 3 ? clock[2] : 0, offset: offset)
    }

    /// The zone names RFC 822 allows, and the British ones feeds here use, in seconds east of UTC.
    private static let namedZones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "BST": 3_600, "IST": 3_600, "CET": 3_600, "CEST": 7_200,
        "EST": -18_000, "EDT": -14_400, "CST": -21_600, "CDT": -18_000, "MST": -25_200, "MDT": -21_600, "PST": -28_800, "PDT": -25_200,
    ]

    /// "+0100", "-05:00" → seconds east of UTC.
    private static func zoneOffset(_ text: String) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60)
    }

    private static func utc(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return date.addingTimeInterval(-Double(offset))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
}
