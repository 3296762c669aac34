import Foundation
import MusterApp
import MusterIntents
import MusterTesting
import Testing

@Suite("Intents")
struct IntentTests {
    static let directory = Fixture.repositoryRoot.appendingPathComponent("intents")
    let muster: Muster
    var intents: IntentSet { muster.intents }

    init() throws {
        muster = try Fixture.empty()
    }

    @Test("every example is answered by its own intent with its slots, no counter-example is, every word and window resolves (muster intents check)")
    func check() {
        let failures = intents.check(vocabulary: muster.vocabulary)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test("messages are normalised before matching", arguments: [
        ("@muster What’s the chatter about bins?!", "what is the chatter about bins"),
        ("<at>Muster</at>   whats   up", "what is up"),
        ("Muster, pls summary of potholes...", "please summary of potholes"),
        ("@NorthbridgeCC don't   know", "do not know"),
        ("MUSTER, WHAT`S\tUP WITH BINS?", "what is up with bins"),
        ("Café NEWS in Ward 4 — what’s up", "café news in ward 4 - what is up"),
        ("Westgate + housing, pls, asap", "westgate and housing, please"),
        ("post 3 sorted✅", "post 3 sorted done"),
        ("wot r ppl sayin bout the cycle lane 🚲🙏🏽", "what are people saying about the cycle lane"),
        ("👍", ""),
        ("flood sitrep quayside+brookhaven", "flood sitrep quayside and brookhaven"),
        // Not ASCII (the é), so the other path: its "+" joins two places with the question mark after them too.
        ("café closures quayside+brookhaven?", "café closures quayside and brookhaven"),
        ("A+E waits", "a&e waits"),
        // Each side of a "+" is read as a word of its own ("re" is shorthand for "about").
        ("bins+re riverside", "bins and about riverside"),
        ("café bins+re", "café bins and about"),
    ])
    func normalise(raw: String, expected: String) {
        #expect(intents.normaliser.normalise(raw) == expected)
    }

    @Test("normalising twice gives what normalising once gave (found by fuzzing: invalid UTF-8 before a joined pair; shorthand after a +)")
    func normaliseIsIdempotent() throws {
        let found = String(decoding: try #require(Data(base64Encoded: "YW5kIGluIFH/////////K3VheXNpZGU/")), as: UTF8.self)
        for message in [found, "café closures quayside+brookhaven?", "Westgate + housing, pls, asap", "mar+re", "pls+re?", "café mar+re"] {
            let once = intents.normaliser.normalise(message)
            #expect(intents.normaliser.normalise(once) == once, "\(message)")
        }
    }

    @Test("things are found anywhere in a message, whatever the words around them", arguments: [
        ("bins riverside?", [ThingKind.topic: "bins", .area: "Riverside"]),
        ("NORTHFIELDS PARKING THIS MORNING", [.area: "Northfields", .topic: "parking", .window: "this morning"]),
        ("anything on the hill st fire since 6am", [.area: "Hill Top", .topic: "fire", .window: "since 6am"]),
        ("ward two versus ward six", [.area: "Abbey"]),
        ("what are the news outlets running", [.outlet: "the media"]),
        ("what's NE Today saying", [.outlet: "North East Today"]),
    ])
    func thingsAnywhere(message: String, expected: [ThingKind: String]) {
        let things = intents.read(message).things
        for (kind, value) in expected {
            #expect(things.first { $0.kind == kind }?.value == value, "\(message): \(things)")
        }
    }

    @Test("the first question reaches topic_summary with its slots")
    func firstQuestion() {
        let reading = intents.read("what are people saying about bins in Ward 4?")
        #expect(reading.intent == "topic_summary")
        #expect(reading.slots == ["topic": "bins", "area": "Riverside", IntentSet.areaWordsSlot: "ward 4"])
    }

    @Test("fragments and bare commands reach their skill", arguments: [
        ("bins riverside?", "topic_summary"), ("crisis summary", "crisis_summary"), ("show unanswered posts", "unanswered"),
        ("list the rumours", "rumours"), ("are we getting a kicking online", "temperature"), ("how are we doing?", "temperature"),
        ("what's suddenly got everyone talking", "trending"), ("do we owe anyone a reply", "unanswered"),
        ("knock up a response to post 2", "draft"), ("ward two versus ward six", "compare"),
    ])
    func fragments(message: String, intent: String) {
        let reading = intents.read(message)
        #expect(reading.intent == intent, "\(message): \(reading.why)")
    }

    @Test("a word a couple of edits from a known one is read as it, and the reading says so; a real word is left alone")
    func typos() {
        let reading = intents.read("potholse in ward four")
        #expect(reading.corrections == [Correction(typed: "potholse", read: "potholes")])
        #expect(reading.slots["topic"] == "potholes")
        #expect(intents.read("what are people saying about the floor at the leisure centre").corrections.isEmpty)
    }

    @Test("a follow-up applies only with an earlier answer; without one it is a new question")
    func followUpNeedsContext() {
        #expect(intents.read("ok and what about bins in Ward 5").intent == "topic_summary")
        #expect(intents.read("ok and what about bins in Ward 5", hasContext: true).intent == "follow_up")
    }

    @Test("an action is taken only on an explicit ask with a reference; otherwise Muster asks", arguments: [
        "post 3 done?", "don't mark post 3 handled", "which posts haven't we replied to?", "mark as handled", "is rumour 2 false?",
        "the second one", "3",
    ])
    func noActionUnasked(message: String) {
        let reading = intents.read(message, hasContext: true)
        #expect(reading.intent != "mark_handled" && reading.intent != "mark_rumour", "\(message): \(reading.why)")
    }

    @Test("an ask for an action put as a question asks to confirm it; put as a statement, it acts")
    func confirmWeakAction() throws {
        #expect(intents.read("post 3 done").intent == "mark_handled")
        guard case .clarify(let options) = intents.read("post 3 done?").decision else {
            Issue.record("expected a confirmation")
            return
        }
        #expect(options.map(\.intent) == ["mark_handled"])
        #expect(options[0].slots["post"] == "post 3")
    }

    @Test("out-of-scope lines fall back, never reach a skill", arguments: [
        "what's the weather doing tomorrow?", "tell me a joke", "delete everything", "DROP TABLE posts; --", "post this on our twitter",
        "what's 2+2", "book me a meeting room",
    ])
    func outOfScope(message: String) {
        guard case .fallback(_, let outOfScope) = intents.read(message).decision else {
            Issue.record("\(message) reached \(intents.read(message).why)")
            return
        }
        #expect(outOfScope)
    }

    @Test("two asks scoring close are both offered, numbered, and “2” picks the second")
    func clarification() throws {
        let reading = intents.read("what's the latest false info about the fire?")
        guard case .clarify(let options) = reading.decision else {
            Issue.record("expected a clarification: \(reading.why)")
            return
        }
        do {
            #expect(options.count == 2)
            #expect(intents.choice(in: "2", of: options.count) == 2)
            #expect(intents.choice(in: "the first one", of: options.count) == 1)
            #expect(intents.choice(in: "3", of: options.count) == nil)
            #expect(intents.choice(in: "sitrep on the fire", of: options.count) == nil)
        }
        #expect(intents.choice(in: "yes", of: 1) == 1)
        #expect(intents.choice(in: "yes", of: 2) == nil)
    }

    @Test("an official line keeps the capitals the person typed, in plain and accented messages, and its words are not slots", arguments: [
        ("mark rumour 2 false: There was NO gas explosion", "There was NO gas explosion"),
        ("mark rumour 2 false: The Café on Élan Street is open", "The Café on Élan Street is open"),
    ])
    func lineKeepsCase(message: String, line: String) {
        let reading = intents.read(message, hasContext: true)
        #expect(reading.intent == "mark_rumour")
        #expect(reading.slots["line"] == line, "\(reading.slots)")
        #expect(reading.slots["status"] == "false", "“open” in the line is not the status")
    }

    @Test("each status word sets the status it means: bogus is false, confirmed is true, unconfirmed is unverified")
    func statuses() {
        let expected = ["bogus": "false", "debunked": "false", "untrue": "false", "confirmed": "true", "unconfirmed": "unverified"]
        for (word, status) in expected {
            let read = intents.read("mark rumour 1 \(word)", hasContext: true).slots["status"]
            #expect(read == status, "\(word) → \(read ?? "nothing")")
        }
    }

    @Test("a message over the length cap, or garbled with combining marks, is refused")
    func tooLong() {
        #expect(intents.read("what are people saying about " + String(repeating: "bins ", count: 200)).decision == .tooLong)
        #expect(intents.read("b" + String(repeating: "\u{0301}", count: 40) + "ins").decision == .tooLong)
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

    @Test("a malformed cue stops loading with its file and line")
    func malformedCue() throws {
        let folder = try copyOfIntents()
        try "name: odd\nhelp: Odd.\npriority: 1\ncues:\n  - 'fine': 1\n  - 'bad [class': 2\n"
            .write(to: folder.appendingPathComponent("odd.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try IntentSet(directory: folder) }
        #expect("\(error!)".contains("odd.yaml:6: cue does not compile"))
    }

    @Test("more cues than one PCRE2 scan holds are split across scans, and every one is still found")
    func manyCues() throws {
        let folder = try copyOfIntents()
        // Five intents of 60 cues: with the project's own, over the 255 callouts one scan can number.
        for file in 1...5 {
            let cues = (1...60).map { "  - 'zqx\(file)w\($0)': 5" }.joined(separator: "\n")
            try "name: many\(file)\nhelp: Many.\npriority: 1\ncues:\n\(cues)\n"
                .write(to: folder.appendingPathComponent("many\(file).yaml"), atomically: true, encoding: .utf8)
        }
        let intents = try IntentSet(directory: folder)
        #expect(intents.intents.reduce(0) { $0 + $1.cues.count } > 255)
        for (file, cue) in [(1, 1), (3, 30), (5, 60)] {
            #expect(intents.read("zqx\(file)w\(cue)").intent == "many\(file)")
        }
    }

    @Test("a window rule with an unknown anchor names its file and line")
    func malformedWindow() throws {
        let folder = try copyOfIntents()
        let windows = folder.appendingPathComponent("windows.yaml")
        let text = try String(contentsOf: windows, encoding: .utf8)
        try text.replacingOccurrences(of: "    from: today -1d\n    to: today\n", with: "    from: fortnight -1d\n    to: today\n")
            .write(to: windows, atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try IntentSet(directory: folder) }
        #expect("\(error!)".contains("windows.yaml:"))
        #expect("\(error!)".contains("“fortnight” is not an anchor"))
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
