import Foundation
import MusterCore

extension Transcript {
    /// Reads a transcript file.
    ///
    /// - Throws: `MusterError` with the file and line of anything malformed.
    public static func load(_ path: String) throws -> Transcript {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw MusterError("cannot read \(path)")
        }
        return try parse(text, path: path)
    }

    /// Parses transcript text.
    public static func parse(_ text: String, path: String) throws -> Transcript {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var header: [String: String] = [:]
        var users: [String: String] = [:]
        var index = 0
        while index < lines.count, turnStart(lines[index]) == nil {
            let line = lines[index]
            if line.hasPrefix("# "), let colon = line.firstIndex(of: ":") {
                let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmed.lowercased()
                let value = line[line.index(after: colon)...].trimmed
                if key == "user" {
                    let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
                    guard let name = parts.first else {
                        throw MusterError("\(path):\(index + 1): `# user:` names no one; write it as `# user: name (role)`")
                    }
                    users[name] = parts.count > 1 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "()")) : "officer"
                } else {
                    header[key] = value
                }
            } else if !line.trimmed.isEmpty, !line.hasPrefix("#") {
                throw MusterError("\(path):\(index + 1): expected a header line (# key: value) or a turn (> message)")
            }
            index += 1
        }
        guard let title = header["title"] else { throw MusterError("\(path):1: the header has no `# title:`") }
        let nowText = header["now"] ?? "2026-11-24T09:42:00Z"
        guard let now = try? Date(nowText, strategy: .iso8601) else {
            throw MusterError("\(path): `# now: \(nowText)` is not an ISO 8601 time such as 2026-11-24T09:42:00Z")
        }
        let dialect = header["dialect"] ?? "text"
        // Only plain text renders today; a chat dialect must not silently replay as text.
        guard Self.dialects.contains(dialect) else {
            throw MusterError("\(path): `# dialect: \(dialect)` is not one Muster renders yet", hint: "Supported: \(Self.dialects.sorted().joined(separator: ", ")).")
        }
        var turns: [Turn] = []
        while index < lines.count {
            guard let (user, message) = turnStart(lines[index]) else { index += 1; continue }
            if let user, !users.isEmpty, users[user] == nil {
                throw MusterError("\(path):\(index + 1): \(user) is not one of the header's users (\(users.keys.sorted().joined(separator: ", ")))")
            }
            var turn = Turn(user: user, message: message, line: index + 1, intent: nil, slots: nil, expected: [], expectedLines: index + 1..<index + 1)
            index += 1
            let start = index
            while index < lines.count, turnStart(lines[index]) == nil {
                let line = lines[index]
                if line.hasPrefix("@intent ") {
                    turn.intent = line.dropFirst("@intent ".count).trimmed
                } else if line.hasPrefix("@slots") {
                    turn.slots = try slots(line.dropFirst("@slots".count).trimmed, path: path, line: index + 1)
                } else {
                    turn.expected.append(expectation(line))
                }
                index += 1
            }
            var end = index
            while end > start, lines[end - 1].trimmed.isEmpty { end -= 1 }
            while let last = turn.expected.last, last == .exact("") { turn.expected.removeLast() }
            turn.expectedLines = start..<end
            turns.append(turn)
        }
        guard !turns.isEmpty else { throw MusterError("\(path): no turns (a turn starts with `> ` and the message)") }
        return Transcript(
            path: path, title: title, fixture: header["fixture"] ?? "demo", config: header["config"], now: now, users: users,
            channel: header["channel"] ?? "#comms", dialect: dialect,
            redact: header["redact"].map { ["yes", "true", "on"].contains($0.lowercased()) } ?? false, turns: turns, lines: lines
        )
    }

    /// The reply dialects a transcript may name; the chat platforms' arrive with their renderers.
    static let dialects: Set<String> = ["text"]

    /// `> message` or `name> message`: the person and what they wrote.
    static func turnStart(_ line: String) -> (String?, String)? {
        guard let marker = line.range(of: "> ") else { return nil }
        let name = line[..<marker.lowerBound]
        guard name.isEmpty || (name.first!.isLetter && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
        else { return nil }
        return (name.isEmpty ? nil : String(name), String(line[marker.upperBound...]))
    }

    private static func expectation(_ line: String) -> ExpectedLine {
        if line == "..." { return .anyLines }
        if line.hasPrefix("\\") { return .exact(String(line.dropFirst())) }
        for (prefix, make) in [("~ ", ExpectedLine.pattern), ("* ", ExpectedLine.contains), ("? ", ExpectedLine.optional)] where line.hasPrefix(prefix) {
            return make(String(line.dropFirst(2)))
        }
        return .exact(line)
    }

    private static func slots(_ text: String, path: String, line: Int) throws -> [String: String] {
        var slots: [String: String] = [:]
        for pair in text.split(separator: ";") where !pair.trimmed.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmed }
            guard parts.count == 2 else { throw MusterError("\(path):\(line): @slots takes name=value pairs separated by ;") }
            slots[parts[0]] = parts[1].lowercased()
        }
        return slots
    }
}
