import Foundation
import MusterCore
import Yams

/// Reads `intents/`: `slots.yaml` holds the shared slot sub-patterns, every other `*.yaml` file one intent.
///
/// A pattern names a shared slot as `{area}`; it is expanded to `(?<area>…)` with the shared sub-pattern, so each
/// grammar is written once. A digit suffix (`{area2}`) names a second slot with the same grammar. Every pattern is anchored and may be preceded by the shared `lead` (greetings and
/// politeness). Anything wrong — bad YAML, a missing field, a pattern PCRE2 rejects, an unknown slot — is an error
/// naming the file and line.
enum IntentLoader {
    static let slotsFile = "slots.yaml"
    static let normaliseFile = "normalise.yaml"

    static func load(from directory: URL) throws -> [Intent] {
        let fragments = try loadFragments(directory.appendingPathComponent(slotsFile))
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" && ![slotsFile, normaliseFile].contains($0.lastPathComponent) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw MusterError("cannot read the intents folder \(directory.path)", hint: "Set `intents:` in the config to the folder of intent files.")
        }
        guard !files.isEmpty else { throw MusterError("\(directory.path) holds no intent files (*.yaml)") }
        let intents = try files.enumerated().map { order, file in try loadIntent(file, order: order, fragments: fragments) }
        var seen: [String: String] = [:]
        for intent in intents {
            if let other = seen[intent.name] {
                throw MusterError("\(intent.file): intent \"\(intent.name)\" is already declared in \(other)")
            }
            seen[intent.name] = intent.file
        }
        return intents
    }

    /// The word replacements in `normalise.yaml`, or none when there is no such file.
    static func replacements(in directory: URL) throws -> [String: String] {
        let url = directory.appendingPathComponent(normaliseFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        guard let mapping = try compose(url)["replacements"]?.mapping else {
            throw MusterError("\(url.path): expected `replacements:` mapping words to their long forms")
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let word = key.string, let long = value.string else {
                throw MusterError("\(url.path):\(key.mark?.line ?? 0): a replacement maps a word to text")
            }
            result[word.lowercased()] = long.lowercased()
        }
        return result
    }

    private static func compose(_ url: URL) throws -> Node {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw MusterError("cannot read \(url.path)")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw MusterError("\(url.path): the file is empty") }
            return node
        } catch let error as YamlError {
            throw MusterError("\(url.path): \(error)")
        }
    }

    private static func loadFragments(_ url: URL) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        guard let mapping = try compose(url).mapping else {
            throw MusterError("\(url.path): expected slot names mapped to sub-patterns")
        }
        var fragments: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let pattern = value.string else {
                throw MusterError("\(url.path):\(key.mark?.line ?? 0): a slot needs a name and a pattern")
            }
            do {
                _ = try CompiledPattern(pattern)
            } catch let error as PatternError {
                throw MusterError("\(url.path):\(value.mark?.line ?? 0): slot \(name): \(error.message) at offset \(error.offset)")
            }
            fragments[name] = pattern
        }
        return fragments
    }

    private static func loadIntent(_ url: URL, order: Int, fragments: [String: String]) throws -> Intent {
        let file = url.path
        let root = try compose(url)
        func field(_ key: String) throws -> Node {
            guard let node = root[key] else { throw MusterError("\(file): missing \"\(key)\"") }
            return node
        }
        func string(_ key: String) throws -> String {
            guard let value = try field(key).string, !value.isEmpty else {
                throw MusterError("\(file):\(root[key]?.mark?.line ?? 0): \"\(key)\" must be text")
            }
            return value
        }
        let name = try string("name")
        let priorityNode = try field("priority")
        guard let priority = priorityNode.int else {
            throw MusterError("\(file):\(priorityNode.mark?.line ?? 0): priority must be a whole number")
        }
        guard let patternNodes = try field("patterns").sequence, !patternNodes.isEmpty else {
            throw MusterError("\(file): \"patterns\" must be a list with at least one pattern")
        }
        let lead = fragments["lead"].map { "(?:\($0))?" } ?? ""
        let patterns = try patternNodes.map { node -> Intent.Pattern in
            let line = node.mark?.line ?? 0
            guard let written = node.string else { throw MusterError("\(file):\(line): a pattern must be text") }
            let expanded = try expand(written, fragments: fragments, file: file, line: line)
            do {
                return Intent.Pattern(written: written, compiled: try CompiledPattern("^\(lead)(?:\(expanded))$"), line: line)
            } catch let error as PatternError {
                throw MusterError("\(file):\(line): pattern does not compile: \(error.message)", hint: "The pattern: \(written)")
            }
        }
        return Intent(
            name: name, help: try string("help"), priority: priority, patterns: patterns,
            examples: try examples(root["examples"], file: file),
            counterExamples: try examples(root["counter_examples"], file: file),
            file: file, order: order
        )
    }

    /// Replaces each `{slot}` with the shared sub-pattern as a named group.
    private static func expand(_ pattern: String, fragments: [String: String], file: String, line: Int) throws -> String {
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { result += rest[open...]; return result }
            let name = rest[afterOpen..<close]
            if !name.isEmpty, name.first!.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                // `{area2}` is a second slot with the `area` grammar, for questions that name two ("compare …").
                let base = String(name.reversed().drop(while: \.isNumber).reversed())
                guard let fragment = fragments[String(name)] ?? fragments[base] else {
                    let known = fragments.keys.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    throw MusterError("\(file):\(line): unknown slot {\(name)}", hint: "Slots defined in \(slotsFile): \(known)")
                }
                result += "(?<\(name)>\(fragment))"
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func examples(_ node: Node?, file: String) throws -> [Intent.Example] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw MusterError("\(file):\(node.mark?.line ?? 0): examples must be a list") }
        return try items.map { item in
            let line = item.mark?.line ?? 0
            if let text = item.string { return Intent.Example(text: text, slots: [:], line: line) }
            guard let text = item["say"]?.string else {
                throw MusterError("\(file):\(line): an example is text, or `say:` with optional `slots:`")
            }
            var slots: [String: String] = [:]
            for (key, value) in item["slots"]?.mapping ?? [:] {
                guard let slot = key.string, let expected = value.string else {
                    throw MusterError("\(file):\(key.mark?.line ?? line): slots map names to text")
                }
                slots[slot] = expected.lowercased()
            }
            return Intent.Example(text: text, slots: slots, line: line)
        }
    }
}
