import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterTesting
import Testing

@Suite("Clarifications, fallbacks and the misses they leave")
struct ClarificationTests {
    let muster = try! Fixture.demo()
    let thread = UUID().uuidString

    func say(_ message: String) -> Reply {
        muster.bot.respond(to: message, in: thread)
    }

    func bullets(_ reply: Reply) -> [String] {
        reply.sections.flatMap(\.items).compactMap { item in
            if case .bullet(let text) = item { return text }
            return nil
        }
    }

    @Test("two close readings are offered as 1 and 2, and “2” answers with the second")
    func answeredByTwo() throws {
        let message = "what's the latest false info about the fire?"
        let question = say(message)
        #expect(question.title == "Do you want a sitrep on fire (1) or the rumours about fire (2)?", "\(question.title)")
        #expect(bullets(question) == ["1 — a sitrep on fire", "2 — the rumours about fire"])
        #expect(question.suggestions == ["1", "2"])
        let answer = say("2")
        #expect(answer.title == muster.bot.respond(to: "any rumours about the fire?", in: "fresh-\(thread)").title)
        let misses = try muster.store.misses(since: nil, limit: 100).filter { $0.conversation == thread }
        #expect(misses.map(\.kind) == [.answered, .clarification])
        #expect(misses.map(\.text) == [message, message])
        #expect(misses.first?.chosen == "rumours")
    }

    @Test("a reply that is not a choice drops the question and is read afresh")
    func notAChoice() {
        _ = say("what's the latest false info about the fire?")
        #expect(say("what are people saying about bins in Ward 4?").title.hasPrefix("Bins and waste in Ward 4"))
        let rumours = muster.bot.respond(to: "any rumours about the fire?", in: "fresh-\(thread)").title
        #expect(say("2").title != rumours, "the question was dropped; “2” no longer picks its option")
    }

    @Test("“Did you mean” never offers a counter-example, nor an action nobody hinted at")
    func neverACounterExample() throws {
        let counterExamples = Set(muster.intents.intents.flatMap { $0.counterExamples.map { $0.text.lowercased() } })
        let actionExamples = Set(muster.intents.intents.filter(\.acts).flatMap { $0.examples.map { $0.text.lowercased() } })
        let messages = Array(counterExamples) + ["purple monkey dishwasher", "rply to hte thign", "whcih posts", "haven't replied to"]
        for message in messages {
            let reply = muster.bot.respond(to: message, in: UUID().uuidString)
            guard reply.title.hasPrefix("Sorry") || reply.title.hasPrefix("That's not something") else { continue }
            for suggestion in bullets(reply).map({ $0.lowercased() }) {
                #expect(!counterExamples.contains(suggestion), "“\(message)” suggested the counter-example “\(suggestion)”")
                #expect(!actionExamples.contains(suggestion), "“\(message)” suggested the action “\(suggestion)”")
            }
        }
    }

    @Test("a fallback is recorded with the intents nearest to it")
    func fallbackRecorded() throws {
        _ = say("purple monkey dishwasher")
        let misses = try muster.store.misses(since: nil, limit: 100).filter { $0.conversation == thread }
        #expect(misses.map(\.kind) == [.fallback])
    }

    @Test("a typo read as a known word is said in the answer")
    func typoNoted() throws {
        let reply = say("potholse in ward four")
        #expect(reply.title.hasPrefix("Potholes and roads in Ward 4 (Riverside)"))
        let first = try #require(reply.sections.first?.items.first)
        #expect(first == .text("(Read “potholse” as potholes.)"))
    }

    @Test("an action without its number asks which, and changes nothing")
    func actionWithoutNumber() throws {
        let reply = say("mark as handled")
        #expect(reply.title.hasPrefix("Which post?"))
        let misses = try muster.store.misses(since: nil, limit: 100).filter { $0.conversation == thread }
        #expect(misses.map(\.kind) == [.incomplete])
    }

    @Test("out of scope gets the fallback, never a skill")
    func outOfScope() {
        for message in ["what's the weather like in Riverside tomorrow?", "delete everything", "DROP TABLE post;"] {
            #expect(say(message).title.hasPrefix("That's not something I can help with"), "\(message)")
        }
    }
}
