import Foundation
import MusterIntents
import MusterTesting
import Testing

@Suite("Intents")
struct IntentTests {
    static let directory = Fixture.repositoryRoot.appendingPathComponent("intents")
    let intents = try! IntentSet(directory: directory, botNames: ["muster", "NorthbridgeCC"])

    @Test("every example is won by its own intent with its slots, and no counter-example matches (muster intents check)")
    func check() {
        let failures = intents.check()
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test("messages are normalised before matching", arguments: [
        ("@muster What’s the chatter about bins?!", "what is the chatter about bins"),
        ("<at>Muster</at>   whats   up", "what is up"),
        ("Muster, pls summary of potholes...", "please summary of potholes"),
        ("@NorthbridgeCC don't   know", "do not know"),
        ("MUSTER, WHAT`S\tUP WITH BINS?", "what is up with bins"),
        ("Café NEWS in Ward 4 — what’s up", "café news in ward 4 - what is up"),
    ])
    func normalise(raw: String, expected: String) {
        #expect(intents.normaliser.normalise(raw) == expected)
    }

    @Test("the first question reaches topic_summary with its slots")
    func firstQuestion() throws {
        let match = try #require(intents.match("what are people saying about bins in Ward 4?"))
        #expect(match.intent == "topic_summary")
        #expect(match.slots == ["topic": "bins", "area": "Ward 4"], "slots keep the words as typed")
    }

    @Test("slots keep the capitals the person typed, in plain and accented messages", arguments: [
        ("mark rumour 2 false: There was NO gas explosion", "There was NO gas explosion"),
        ("mark rumour 2 false: The Café on Élan Street is open", "The Café on Élan Street is open"),
    ])
    func slotsKeepCase(message: String, line: String) throws {
        let match = try #require(intents.match(message))
        #expect(match.intent == "mark_rumour")
        #expect(match.slots.values.contains(line), "\(match.slots)")
    }

    @Test("a message over the length cap matches nothing")
    func tooLong() {
        #expect(intents.match("what are people saying about " + String(repeating: "bins ", count: 200)) == nil)
    }

    @Test("a backtracking bomb is stopped by the match limit, not waited out")
    func matchLimit() throws {
        let pattern = try CompiledPattern("^(a+)+b$")
        #expect(pattern.match(String(repeating: "a", count: 40)) == nil)
    }

    @Test("a malformed pattern stops loading with its file and line")
    func malformedPattern() throws {
        let folder = try copyOfIntents()
        try """
            name: broken
            help: A broken intent.
            priority: 1
            patterns:
              - 'fine pattern'
              - 'unclosed (group'
            """.write(to: folder.appendingPathComponent("zz-broken.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try IntentSet(directory: folder) }
        let message = "\(error!)"
        #expect(message.contains("zz-broken.yaml:6"))
        #expect(message.contains("missing closing parenthesis"))
    }

    @Test("an unknown shared slot is named with the ones that exist")
    func unknownSlot() throws {
        let folder = try copyOfIntents()
        try "name: odd\nhelp: Odd.\npriority: 1\npatterns:\n  - 'odd {colour}'\n"
            .write(to: folder.appendingPathComponent("odd.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try IntentSet(directory: folder) }
        #expect("\(error!)".contains("odd.yaml:5: unknown slot {colour}"))
        #expect("\(error!)".contains("{area}"))
    }

    private func copyOfIntents() throws -> URL {
        let folder = try Fixture.temporaryDirectory().appendingPathComponent("intents")
        try FileManager.default.copyItem(at: Self.directory, to: folder)
        return folder
    }
}
