import Foundation
import MusterIngest

/// The times feeds write: RFC 822 as RSS 2.0 has it ("Tue, 01 Dec 2026 09:41:00 GMT", "+0000", named zones, two-digit
/// years, no seconds), and ISO 8601 / W3CDTF as Atom and `dc:date` have it.
///
/// Ingest's `DateParser` reads ISO 8601 and a strict RFC 822 (a day name, four-digit year, seconds, a numeric zone or
/// GMT/UTC); feeds stray further, and a named zone it does not know (BST) would lose a post. So RFC 822 is rewritten here
/// into ISO 8601 with a numeric offset, which `DateParser` then checks (a 30 February is refused, not rolled over).
enum FeedDate {
    /// The instant `text` names, or `nil` when it is no time Muster can read.
    static func date(from text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let iso = rfc822AsISO8601(text) { return DateParser.date(from: iso) }
        // A bare number is not a feed's date, though `DateParser` would read it as Unix seconds.
        guard !text.allSatisfy(\.isNumber) else { return nil }
        return DateParser.date(from: text)
    }

    /// The instant as ingest reads it best: ISO 8601 in UTC ("2026-12-01T09:41:00Z").
    static func iso8601(_ date: Date) -> String {
        // Milliseconds are written by hand: the formatter truncates, and ".123" read into a Date is .12299….
        let milliseconds = Int((date.timeIntervalSince1970 * 1_000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1_000)
        let whole = Date(timeIntervalSince1970: Double(fraction < 0 ? seconds - 1 : seconds))
        let text = whole.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
        guard fraction != 0 else { return text }
        let digits = String((fraction + 1_000) % 1_000)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// "Tue, 01 Dec 2026 09:41:00 GMT" → "2026-12-01T09:41:00+00:00"; `nil` when `text` is not RFC 822-shaped.
    static func rfc822AsISO8601(_ text: String) -> String? {
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        // The day name is optional and often wrong; it is never needed.
        if let first = words.first, first.allSatisfy(\.isLetter) { words.removeFirst() }
        guard (3...5).contains(words.count), let day = Int(words[0]), let month = month(words[1]), var year = Int(words[2]) else { return nil }
        switch words[2].count {
        case 2: year += year < 90 ? 2000 : 1900
        case 4: break
        default: return nil
        }
        var clock = [0, 0, 0]
        if words.count >= 4 {
            let parts = words[3].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
            clock = parts.map { $0! } + (parts.count == 2 ? [0] : [])
        }
        let zone = words.count == 5 ? offset(words[4]) : 0
        guard let zone else { return nil }
        let sign = zone < 0 ? "-" : "+"
        let minutes = abs(zone) / 60
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        guard (0...9999).contains(year) else { return nil }
        let yearText = String(repeating: "0", count: 4 - String(year).count) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(clock[0])):\(two(clock[1])):\(two(clock[2]))\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    private static func month(_ name: String) -> Int? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.firstIndex(of: name.prefix(3).lowercased()).map { $0 + 1 }
    }

    /// Seconds east of UTC for "+0100", "-05:00", "GMT+1" or a zone's name.
    static func offset(_ zone: String) -> Int? {
        var zone = zone.uppercased()
        if zone.hasPrefix("ETC/") { zone.removeFirst(4) }
        if let named = namedZones[zone] { return named }
        for prefix in ["GMT", "UTC", "UT"] where zone.hasPrefix(prefix) && zone.count > prefix.count {
            zone.removeFirst(prefix.count)
            break
        }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isNumber) else { return nil }
        let hours: Int?
        let minutes: Int?
        switch digits.count {
        case 1, 2: (hours, minutes) = (Int(digits), 0)
        case 4: (hours, minutes) = (Int(digits.prefix(2)), Int(digits.suffix(2)))
        default: return nil
        }
        guard let hours, let minutes, hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60)
    }

    /// Zone names seen in feeds. BST is British Summer Time (Foundation's formatter refuses it and feedparser reads it
    /// as UTC, an hour out for every UK summer post); IST is taken as Irish Standard Time (+01:00), the reading
    /// Muster's councils meet, though India's is +05:30.
    static let namedZones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "WET": 0,
        "BST": 3_600, "IST": 3_600, "WEST": 3_600, "CET": 3_600, "MET": 3_600,
        "CEST": 7_200, "MEST": 7_200, "EET": 7_200, "EEST": 10_800,
        "EST": -18_000, "EDT": -14_400, "CST": -21_600, "CDT": -18_000,
        "MST": -25_200, "MDT": -21_600, "PST": -28_800, "PDT": -25_200,
        "AST": -14_400, "ADT": -10_800, "AKST": -32_400, "AKDT": -28_800, "HST": -36_000,
    ]
}
