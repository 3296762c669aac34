import Foundation
import MusterCore

extension Source {
    /// One entry of the config's `sources:` list as written, before it is checked.
    struct Entry: Decodable {
        var name: String
        var label: String?
        var kind: String
        var url: String
        var every: String?
        var timeout: String?
        var credential: String?
        var identifier: String?
        var posts: String?
        var outlet: String?
        var source: String?
        var mapping: SourceMapping?
    }

    /// The sources a config names: its `sources:` list, then one RSS source for each outlet with a `feed:` that the
    /// list does not already poll.
    ///
    /// - Throws: `MusterError` naming the entry and what is wrong with it.
    static func all(entries: [Entry], outlets: [Outlet], file: String) throws -> [Source] {
        var sources: [Source] = []
        for (index, entry) in entries.enumerated() {
            sources.append(try checked(entry, number: index + 1, outlets: outlets, file: file))
        }
        let polled = Set(sources.map(\.url))
        for outlet in outlets {
            guard let feed = outlet.feed, !polled.contains(feed) else { continue }
            let name = outlet.name.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
            let label = "the \(outlet.name) feed"
            sources.append(Source(name: "\(name)-feed", label: label, kind: .rss, url: feed, outlet: outlet.name))
        }
        var seen = Set<String>()
        for source in sources where !seen.insert(source.name).inserted {
            throw MusterError("\(file): two sources are called \"\(source.name)\"", hint: "Each source needs a name of its own.")
        }
        return sources
    }

    private static func checked(_ entry: Entry, number: Int, outlets: [Outlet], file: String) throws -> Source {
        let place = "\(file): source \(number) (\(entry.name))"
        guard !entry.name.isEmpty, entry.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw MusterError("\(file): source \(number) is called \"\(entry.name)\"", hint: "Use letters, digits, - and _ only.")
        }
        guard let kind = Kind(rawValue: entry.kind.lowercased()) else {
            throw MusterError("\(place): unknown kind \"\(entry.kind)\"", hint: "Use one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let url = URL(string: entry.url), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw MusterError("\(place): url \"\(entry.url)\" is not an http or https address")
        }
        let interval = try entry.every.map { try Self.interval($0, place: place, key: "every") } ?? 300
        let timeout = try entry.timeout.map { try Self.interval($0, place: place, key: "timeout") } ?? 20
        var authorKind: AuthorKind?
        if let posts = entry.posts {
            guard let parsed = AuthorKind(rawValue: posts.lowercased()) else {
                throw MusterError("\(place): posts \"\(posts)\" is not a kind of author", hint: "Use one of: public, media, official, partner.")
            }
            authorKind = parsed
        }
        if let outlet = entry.outlet, !outlets.contains(where: { $0.name == outlet }) {
            throw MusterError("\(place): outlet \"\(outlet)\" is not in the config's outlets")
        }
        if kind == .json, entry.mapping == nil {
            throw MusterError("\(place): a json source needs a mapping", hint: "Say where the items are and which field is which: mapping: {items: data, fields: {id: id, text: text}}.")
        }
        if let credential = entry.credential, credential.isEmpty || credential.contains(where: { !($0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_")) }) {
            throw MusterError("\(place): credential \"\(credential.prefix(4))…\" is not the name of an environment variable",
                              hint: "Give the variable's name (MUSTER_BLUESKY_PASSWORD), never the secret itself.")
        }
        return Source(
            name: entry.name, label: entry.label, kind: kind, url: entry.url, interval: interval, timeout: timeout, credential: entry.credential,
            identifier: entry.identifier, authorKind: authorKind, outlet: entry.outlet, postSource: entry.source?.lowercased(),
            mapping: entry.mapping
        )
    }

    /// Reads `every:` or `timeout:`: a whole number of seconds, minutes or hours (`90s`, `5m`, `1h`), from one
    /// second to a day.
    static func interval(_ text: String, place: String, key: String) throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last.flatMap({ units[$0] }), let count = Int(trimmed.dropLast()), count > 0,
              (1...86_400).contains(Double(count) * unit)
        else {
            throw MusterError("\(place): \(key) \"\(text)\" is not an interval", hint: "Write a number and s, m or h, such as 5m; from 1s to 24h.")
        }
        return Double(count) * unit
    }
}
