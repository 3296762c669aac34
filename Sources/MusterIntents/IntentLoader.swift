import Foundation
import MusterCore
import Yams

/// Reads `intents/`: `slots.yaml` holds the shared slot sub-patterns of whole-sentence patterns, `normalise.yaml`,
/// `things.yaml`, `windows.yaml` and `scoring.yaml` the shared words and settings, and every other `*.yaml` file one
/// intent.
///
/// A pattern names a shared slot as `{area}`; it is expanded to `(?<area>…)` with the shared sub-pattern, so each
/// grammar is written once. A digit suffix (`{area2}`) names a second slot with the same grammar. Every pattern is anchored and may be preceded by the shared `lead` (greetings and
/// politeness). Anything wrong — bad YAML, a missing field, a pattern PCRE2 rejects, an unknown slot — is an error
/// naming the file and line.
enum IntentLoader {
    static let slotsFile = "slots.yaml"
    static let normaliseFile = "normalise.yaml"
    /// Files that hold shared grammar and settings rather than an intent.
    static let sharedFiles: Set<String> = [slotsFile, normaliseFile, ThingGrammar.fileName, WindowGrammar.fileName, ScoringSettings.fileName]

    static func load(from directory: URL, fragments extra: [String: String] = [:]) throws -> [Intent] {
        let fragments = try loadFragments(directory.appendingPathComponent(slotsFile)).merging(extra) { written, _ in written }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" && !sharedFiles.contains($0.lastPathComponent) }
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
        guard let mapping = try YAMLFile(url).root["replacements"]?.mapping else {
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

    private static func loadFragments(_ url: URL) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        guard let mapping = try YAMLFile(url).root.mapping else {
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
        let yaml = try YAMLFile(url)
        let file = yaml.path
        let root = yaml.root
        func string(_ key: String) throws -> String {
            guard let value = try yaml.string(key), !value.isEmpty else {
                throw MusterError("\(file):\(root[key]?.mark?.line ?? 0): \"\(key)\" must be text")
            }
            return value
        }
        func flag(_ key: String) throws -> Bool {
            guard let node = root[key] else { return false }
            guard let value = node.bool else { throw yaml.error(node, "\(key) must be true or false") }
            return value
        }
        let name = try string("name")
        guard let priorityNode = root["priority"] else { throw MusterError("\(file): missing \"priority\"") }
        guard let priority = priorityNode.int else {
            throw MusterError("\(file):\(priorityNode.mark?.line ?? 0): priority must be a whole number")
        }
        let lead = fragments["lead"].map { "(?:\($0))?" } ?? ""
        let patterns = try (root["patterns"]?.sequence ?? []).map { node -> Intent.Pattern in
            let line = node.mark?.line ?? 0
            guard let written = node.string else { throw MusterError("\(file):\(line): a pattern must be text") }
            let expanded = try expand(written, fragments: fragments, file: file, line: line)
            do {
                return Intent.Pattern(written: written, compiled: try CompiledPattern("(?J)^\(lead)(?:\(expanded))$"), line: line)
            } catch let error as PatternError {
                throw MusterError("\(file):\(line): pattern does not compile: \(error.message)", hint: "The pattern: \(written)")
            }
        }
        let cues = try (root["cues"]?.sequence ?? []).map { node -> Intent.Cue in
            let line = node.mark?.line ?? 0
            guard let pair = node.mapping, pair.count == 1, let (key, value) = pair.first, let written = key.string,
                  let weight = value.float ?? value.int.map(Double.init)
            else { throw MusterError("\(file):\(line): a cue is written `- 'pattern': weight`") }
            let expanded = try expand(written, fragments: fragments, file: file, line: line)
            do {
                // Compiled alone once so a broken cue is named here, not as an error in the joined cue scan.
                _ = try CompiledPattern(IntentLoader.wholeWords(expanded))
                return Intent.Cue(written: written, weight: weight, expanded: expanded, line: line)
            } catch let error as PatternError {
                throw MusterError("\(file):\(line): cue does not compile: \(error.message)", hint: "The cue: \(written)")
            }
        }
        // Which cues fired is kept as the bits of one 64-bit word.
        guard cues.count <= 64 else { throw MusterError("\(file): \(cues.count) cues; an intent may have at most 64", hint: "Join cues that carry the same weight with |.") }
        func kind(_ text: String, at node: Node?) throws -> ThingKind {
            guard let kind = ThingKind(rawValue: text) else {
                throw yaml.error(node, "\(text) is not a kind of thing", hint: "Kinds: \(ThingKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        var weights: [ThingKind: Double] = [:]
        for (key, value) in root["things"]?.mapping ?? [:] {
            guard let weight = value.float ?? value.int.map(Double.init) else { throw yaml.error(value, "a thing's weight is a number") }
            weights[try kind(key.string ?? "", at: key)] = weight
        }
        let needs = try yaml.strings("needs").map { written -> Intent.Need in
            let alternatives = try written.split(separator: "|").map { part -> (slot: String, count: Int) in
                let pieces = part.trimmed.split(separator: "*")
                guard let slot = pieces.first.map(String.init), !slot.isEmpty, let count = pieces.count > 1 ? Int(pieces[1]) : 1 else {
                    throw yaml.error(root["needs"], "a need is `slot`, `slot*2`, or alternatives joined by |: \(written)")
                }
                return (slot, count)
            }
            return Intent.Need(alternatives: alternatives, written: written)
        }
        let refused = try yaml.strings("refuses")
        // `text` is no kind of thing: it refuses a free-text topic ("marina redevelopment, what's the feeling").
        let refuses = Set(try refused.filter { $0 != "text" }.map { try kind($0, at: root["refuses"]) })
        let takes = root["takes"] == nil ? ["area", "topic", "window"] : Set(try yaml.strings("takes"))
        let help = try string("help")
        return Intent(
            name: name, help: help, priority: priority, patterns: patterns, cues: cues,
            thingWeights: weights.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }, takes: takes,
            needs: needs, refuses: refuses, refusesText: refused.contains("text"), acts: try flag("acts"), needsContext: try flag("context"), isFallback: try flag("fallback"),
            ask: try yaml.string("ask") ?? name.replacingOccurrences(of: "_", with: " "), missing: try yaml.string("missing"),
            examples: try examples(root["examples"], file: file),
            counterExamples: try examples(root["counter_examples"], file: file),
            file: file, order: order
        )
    }

    /// `pattern` found only as whole words: where it begins (or ends) with a letter or digit, the character before
    /// (or after) it is not one, so `st` never matches inside `stop`; a cue that begins with punctuation (`: …`)
    /// needs no boundary there.
    ///
    /// The boundary before is a lookbehind PCRE2 can see past, so it still skips to the places where the pattern's
    /// first letters occur: an alternation there made matching five times slower.
    static func wholeWords(_ pattern: String) -> String {
        let startsWithPunctuation = pattern.hasPrefix("(?:[") || pattern.first.map { !$0.isLetter && !$0.isNumber && !"(^@#\\".contains($0) } ?? false
        return (startsWithPunctuation ? "" : "(?<!\\w)") + "(?:\(pattern))(?:(?<=\\W)|(?!\\w))"
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
