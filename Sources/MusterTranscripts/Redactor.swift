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
        for handle in Self.handles(in: line).map(\.name) where !publicHandles.contains(handle.lowercased()) && aliases[handle] == nil {
            aliases[handle] = "person\(aliases.count + 1)"
        }
        // Whole handles only ("@kev" must not touch "@kev_w"), in mentions and as path segments of links, often
        // on the line after the handle was first seen.
        var text = ""
        var cursor = line.startIndex
        for (name, range) in Self.handles(in: line) {
            text += line[cursor..<range.lowerBound]
            text += aliases[name].map { "@" + $0 } ?? String(line[range])
            cursor = range.upperBound
        }
        text += line[cursor...]
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            aliases[String(segment)] ?? String(segment)
        }
        return Self.maskEmailsAndPhones(segments.joined(separator: "/"))
    }

    /// Every `@handle` in the line with where it stands (the `@` included); an `@` inside a word (an email) is not one.
    private static func handles(in line: String) -> [(name: String, range: Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var index = line.startIndex
        while let at = line[index...].firstIndex(of: "@") {
            let before: Character = at == line.startIndex ? " " : line[line.index(before: at)]
            var end = line.index(after: at)
            while end < line.endIndex, line[end].isLetter || line[end].isNumber || line[end] == "_" || line[end] == "." { end = line.index(after: end) }
            while end > line.index(after: at), line[line.index(before: end)] == "." { end = line.index(before: end) }
            let name = String(line[line.index(after: at)..<end])
            if !name.isEmpty, !(before.isLetter || before.isNumber) { found.append((name, at..<end)) }
            index = end
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
