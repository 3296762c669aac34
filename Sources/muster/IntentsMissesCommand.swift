import ArgumentParser
import Foundation
import MusterCore

/// `muster intents misses`.
struct IntentsMissesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "misses",
        abstract: "List what people asked that Muster fell back on, asked about or found incomplete, grouped, and their answers to its questions.",
        discussion: """
            Every "did you mean", clarification and missing-slot answer is recorded in the store, with the intents \
            nearest to it; so is the option a person then picked. Use them to add cues and examples.

            Examples:
              muster intents misses
              muster intents misses --days 7 --json
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Only the last N days.")
    var days: Int?

    @Option(help: "At most this many records.")
    var limit = 1_000

    @Flag(help: "Write the records as JSON.")
    var json = false

    func validate() throws {
        if let days, days < 1 { throw ValidationError("--days must be 1 or more") }
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let muster = try options.open()
        let since = days.map { muster.clock.now.addingTimeInterval(-Double($0) * 86_400) }
        let misses: [IntentMiss]
        do { misses = try muster.store.misses(since: since, limit: limit) } catch { throw Failure.report(error) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(misses), as: UTF8.self))
            return
        }
        guard !misses.isEmpty else {
            print("No misses recorded\(days.map { " in the last \($0) days" } ?? ""): every message was answered straight away.")
            return
        }
        for kind in IntentMiss.Kind.allCases {
            let ofKind = misses.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            print("\(Self.heading(kind)) (\(ofKind.count))")
            let groups = Dictionary(grouping: ofKind) { miss in kind == .answered ? "\(miss.nearest.joined(separator: " or ")) → \(miss.chosen ?? "?")" : miss.nearest.first ?? "no intent near" }
            for (group, items) in groups.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
                print("  \(group): \(items.count)")
                var counts: [String: Int] = [:]
                for item in items { counts[item.text, default: 0] += 1 }
                for (text, count) in counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(10) {
                    print("    \(count > 1 ? "\(count)× " : "")\(text)")
                }
            }
        }
    }

    private static func heading(_ kind: IntentMiss.Kind) -> String {
        switch kind {
        case .fallback: return "Not understood (did you mean)"
        case .clarification: return "Asked which was meant"
        case .incomplete: return "Missing something the ask needs"
        case .answered: return "Clarifications answered"
        }
    }
}
