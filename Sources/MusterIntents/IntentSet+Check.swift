/// What `muster intents check` found wrong with one example.
public struct IntentCheckFailure: Sendable, CustomStringConvertible {
    /// The file and line of the example.
    public var location: String
    /// What went wrong.
    public var problem: String

    public var description: String { "\(location): \(problem)" }
}

extension IntentSet {
    /// Checks every example and counter-example: each example must be won by its own intent with exactly the
    /// stated slots and without a tie; no counter-example may match its intent.
    public func check() -> [IntentCheckFailure] {
        var failures: [IntentCheckFailure] = []
        for intent in intents {
            for example in intent.examples {
                let location = "\(intent.file):\(example.line)"
                let ranked = candidates(for: example.text).filter { $0.match != nil }
                guard let winner = ranked.first?.match else {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" matches no intent; expected \(intent.name)"))
                    continue
                }
                guard winner.intent == intent.name else {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" is won by \(winner.intent); expected \(intent.name)"))
                    continue
                }
                if let runnerUp = ranked.dropFirst().first?.match, winner.ties(runnerUp) {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" ties between \(winner.intent) and \(runnerUp.intent) (same priority and specificity)"))
                }
                if !example.slots.isEmpty, winner.slots.mapValues({ $0.lowercased() }) != example.slots {
                    failures.append(.init(location: location, problem: "\"\(example.text)\" gives slots \(Self.describe(winner.slots)); expected \(Self.describe(example.slots))"))
                }
            }
            for counter in intent.counterExamples {
                let ranked = candidates(for: counter.text)
                if ranked.contains(where: { $0.intent.name == intent.name && $0.match != nil }) {
                    failures.append(.init(location: "\(intent.file):\(counter.line)", problem: "counter-example \"\(counter.text)\" matches \(intent.name)"))
                }
            }
        }
        return failures
    }

    public static func describe(_ slots: [String: String]) -> String {
        slots.isEmpty ? "none" : slots.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ")
    }
}
