import Foundation

/// Reads the timestamps exports use: ISO 8601 (with or without fractions or zone; no zone means UTC),
/// "2026-11-24 09:42:00", Unix seconds or milliseconds, and Twitter's "Wed Oct 10 20:19:24 +0000 2018".
enum DateParser {
    static func date(from value: Any) -> Date? {
        if let number = value as? NSNumber, !(value is Bool) {
            return epoch(number.doubleValue)
        }
        guard let text = (value as? String)?.trimmed, !text.isEmpty else { return nil }
        if let number = Double(text) { return epoch(number) }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        for format in formats {
            if let date = format.date(from: text) { return date }
        }
        return nil
    }

    private static func epoch(_ number: Double) -> Date? {
        guard number.isFinite, number > 0 else { return nil }
        // Anything past the year 5138 in seconds is really milliseconds.
        return Date(timeIntervalSince1970: number > 1e11 ? number / 1000 : number)
    }

    private static let formats: [DateFormatter] = [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "EEE MMM dd HH:mm:ss Z yyyy", "EEE, dd MMM yyyy HH:mm:ss Z",
    ].map { pattern in
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }
}
