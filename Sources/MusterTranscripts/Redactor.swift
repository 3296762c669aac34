/// Replaces personal data in replies before they are written to or compared with a transcript: handles of people
/// outside the organisation (also inside links), email addresses and phone numbers. The same handle always gets
/// the same stand-in within one transcript, so redacted replies still replay exactly.
struct Redactor {
    /// Handles that are not personal data (the organisation's, its partners', media outlets'), lower-cased.
    let publicHandles: Set<String>
    private var aliases: [String: String] = [:]

    init(publicHandles: Set<String>) {
        self.publicHandles = Set(publicHandles.map { $0.lowercased() })
    }

    mutating func redact(_ line: String) -> String {
        for handle in Self.handles(in: line) where !publicHandles.contains(handle.lowercased()) && aliases[handle] == nil {
            aliases[handle] = "person\(aliases.count + 1)"
        }
        // Links name their author too, often on the line after the handle was first seen.
        var text = line
        for (handle, alias) in aliases where text.contains(handle) {
            text = text.replacingOccurrences(of: "@\(handle)", with: "@\(alias)")
                .replacingOccurrences(of: "/\(handle)/", with: "/\(alias)/")
        }
        return Self.maskEmailsAndPhones(text)
    }

    private static func handles(in line: String) -> [String] {
        var found: [String] = []
        var rest = line[...]
        while let at = rest.firstIndex(of: "@") {
            let before = at == line.startIndex ? " " : line[line.index(before: at)]
            let name = rest[rest.index(after: at)...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            let handle = String(name.reversed().drop { $0 == "." }.reversed())
            if !handle.isEmpty, !(before.isLetter || before.isNumber) { found.append(handle) }
            rest = rest[rest.index(after: at)...]
        }
        return found
    }

    /// Emails become `[email]`; runs of 10 or more digits (spaces and + allowed), as UK phone numbers are, `[phone]`.
    private static func maskEmailsAndPhones(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let parts = word.split(separator: "@")
            if parts.count == 2, parts[0].count > 0, parts[1].contains("."), !parts[1].hasPrefix(".") { return "[email]" }
            return String(word)
        }
        var result = ""
        var digits = ""
        var previous: Character = " "
        func flush() {
            result += digits.filter(\.isNumber).count >= 10 ? "[phone]" + (digits.last == " " ? " " : "") : digits
            digits = ""
        }
        for character in words.joined(separator: " ") {
            // A number starts a phone number only at the start of a word, so ids inside links are left alone.
            let starts = digits.isEmpty && (character.isNumber || character == "+") && (previous == " " || previous == "(")
            if starts || (!digits.isEmpty && (character.isNumber || character == " ")) {
                digits.append(character)
            } else {
                flush()
                result.append(character)
            }
            previous = character
        }
        flush()
        return result
    }
}
