import Foundation
import MusterIntents
import MusterTesting
import Testing

/// Phrasings no intent file uses as an example, scored against the intents: how often the right skill gets the
/// right slots, and that the rest fall to a clarifying answer rather than a wrong skill.
@Suite("Unseen phrasings")
struct PhrasingTests {
    struct Phrasing {
        var line: Int
        var message: String
        var intent: String
        var slots: [String: String]
    }

    static let phrasings: [Phrasing] = {
        let url = Fixture.repositoryRoot.appendingPathComponent("Tests/MusterIntentsTests/phrasings.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let slots = (fields.count > 2 ? fields[2] : "").split(separator: ";").reduce(into: [String: String]()) { slots, pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                slots[parts[0]] = parts[1]
            }
            return Phrasing(line: index + 1, message: fields[0], intent: fields[1], slots: slots)
        }
    }()

    @Test("at least 100 unseen phrasings: most reach the right intent with the right slots, none a wrong intent")
    func accuracy() throws {
        let intents = try IntentSet(directory: Fixture.repositoryRoot.appendingPathComponent("intents"))
        var right = 0
        var wrongSlots: [String] = []
        var wrongIntent: [String] = []
        var unmatched: [String] = []
        for phrasing in Self.phrasings {
            guard let match = intents.match(phrasing.message) else {
                unmatched.append("line \(phrasing.line): \(phrasing.message)")
                continue
            }
            if match.intent != phrasing.intent {
                wrongIntent.append("line \(phrasing.line): \(phrasing.message) → \(match.intent), expected \(phrasing.intent)")
            } else if match.slots.mapValues({ $0.lowercased() }) != phrasing.slots {
                wrongSlots.append("line \(phrasing.line): \(phrasing.message) → \(IntentSet.describe(match.slots))")
            } else {
                right += 1
            }
        }
        let total = Self.phrasings.count
        let accuracy = Double(right) / Double(total)
        print("""
            unseen phrasings: \(total); right intent and slots \(right) (\(Int((accuracy * 100).rounded()))%), \
            right intent with other slots \(wrongSlots.count), no match (clarifying answer) \(unmatched.count), \
            wrong intent \(wrongIntent.count)
            """)
        for line in wrongSlots + unmatched { print("  \(line)") }
        #expect(total >= 100)
        #expect(wrongIntent.isEmpty, "\(wrongIntent.joined(separator: "\n"))")
        #expect(accuracy >= 0.85)
    }
}
