import Foundation
import MusterApp
import MusterBot
import MusterTesting
import Testing

@Suite("Conversations: follow-ups and the posts behind an answer")
struct ConversationTests {
    let muster = try! Fixture.demo()
    /// Each test talks in its own thread, as separate chat threads would.
    let thread = UUID().uuidString

    func say(_ message: String, in conversation: String? = nil) -> Reply {
        muster.bot.respond(to: message, in: conversation ?? thread)
    }

    func posts(_ reply: Reply) -> String? {
        reply.facts.first { $0.label == "Posts" }?.value
    }

    @Test("“and in Ward 5?” keeps the topic and window and changes the area")
    func andInWard5() {
        _ = say("what are people saying about bins in Ward 4?")
        let followUp = say("and in Ward 5?")
        #expect(followUp.title == "Bins and waste in Ward 5 (Quayside) · the last 7 days")
        #expect(posts(followUp) == posts(muster.bot.respond(to: "what are people saying about bins in Quayside", in: "fresh-\(thread)")))
    }

    @Test("“what about last week?” changes only the window; “only the negative ones” filters by sentiment")
    func windowAndSentiment() {
        _ = say("what are people saying about potholes in Eastwood")
        #expect(say("what about last week?").title == "Potholes and roads in Ward 9 (Eastwood) · last week")
        let negative = say("only the negative ones")
        #expect(negative.title == "Potholes and roads in Ward 9 (Eastwood) · last week · negative posts only")
        #expect(negative.facts.first { $0.label == "Sentiment" }?.value == "100% negative · 0% neutral · 0% positive")
    }

    @Test("follow-ups stay in their own thread: in another, “and in Ward 5?” is a new question")
    func threadsAreSeparate() {
        _ = say("what are people saying about bins in Ward 4?")
        let elsewhere = say("and in Ward 5?", in: "another-\(thread)")
        #expect(elsewhere.title == "All posts in Ward 5 (Quayside) · the last 7 days")
    }

    @Test("“show me the posts” lists the posts behind the answer, newest first, ten at a time")
    func showPosts() throws {
        _ = say("what are people saying about flooding in Quayside over the last 3 weeks")
        let first = say("show me the posts")
        #expect(first.title.hasPrefix("Posts 1–10 of "))
        #expect(first.title.hasSuffix("Flooding in Ward 5 (Quayside) · the last 3 weeks"))
        let more = say("more")
        #expect(more.title.hasPrefix("Posts 11–20 of "))
        let one = say("show me post 12")
        #expect(one.title == "Post 12")
        #expect(one.facts.first { $0.label == "Area" }?.value == "Ward 5 (Quayside)")
        #expect(one.facts.first { $0.label == "Topics" }?.value.contains("Flooding") == true)
        #expect(say("show me post 99").title == "I can't find “post 99” in the last answer.")
    }

    @Test("“show me the posts” with nothing asked yet says what to do")
    func nothingToShow() {
        #expect(say("show me the posts").title == "There is nothing to show yet.")
    }

    @Test("an unknown ward in a follow-up gets a did-you-mean")
    func unknownWardFollowUp() {
        _ = say("what are people saying about bins in Ward 4?")
        #expect(say("what about ward 44").title.hasPrefix("I don't know an area called “ward 44” — did you mean Ward 4"))
    }

    @Test("every intent in intents/ has a skill that answers it")
    func everyIntentAnswered() {
        #expect(muster.bot.unansweredIntents.isEmpty)
    }
}
