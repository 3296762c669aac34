import Foundation
import MusterCore
import MusterText

/// "What needs a reply?": posts from the public that mention the organisation, that nobody from it has answered
/// and nobody has marked handled — triaged: the most urgent first (children, the elderly, damp and mould, no
/// heating, water in the home, threats, self-harm, someone in distress), then the longest waiting; each with its age
/// and why it is urgent. Our own and partners' posts, and media reports, never wait for our reply.
struct UnansweredSkill: Skill {
    let intent = "unanswered"
    static let listLength = 10
    /// Waiting posts read to triage, newest first: enough for days of a busy council's mentions.
    static let triageSample = 1_000

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let now = context.clock.now
        let scope = try context.scope(turn.slots)
        let (window, topic, place) = (scope.window, scope.topic, scope.place)
        var query = scope.query
        query.authorKinds = [.public]
        query.withoutKinds = [.official, .report]
        query.mentioning = context.config.organisation.handles
        query.awaitingReply = true
        let subject = topic == .everything ? "" : " about \(topic.label)"
        let title = "Waiting for a reply from us\(subject) \(place) · \(window.label)"
        let basis = FollowUpBasis(intent: intent, slots: turn.slots, query: query, title: title)
        let footer = try Freshness.line(context: context, now: now)
        let count = try context.store.aggregate(query).count
        let handles = context.config.organisation.handles.map { "@\($0)" }
        guard count > 0 else {
            return Answer(reply: Reply(title: title, sections: [Reply.Section(nil, [.text("Nothing waiting: every post mentioning \(Wording.either(handles)) has a reply or is marked handled.")])], footer: footer), basis: basis)
        }
        let urgency = UrgencyCues(lexicon: context.config.lexicon)
        let triaged = try context.store.recentPosts(query, limit: Self.triageSample, offset: 0).map { post in
            (post: post, cues: urgency.cues(in: post.text) + (post.kinds.contains(.distress) ? ["in distress"] : []))
        }.sorted { ($0.cues.count, $1.post.createdAt) > ($1.cues.count, $0.post.createdAt) }.prefix(Self.listLength)
        let items = triaged.enumerated().map { index, entry in
            let waiting = "waiting \(Wording.duration(now.timeIntervalSince(entry.post.createdAt)))"
            let note = entry.cues.isEmpty ? waiting : "\(waiting) · urgent: \(entry.cues.joined(separator: ", "))"
            return Reply.Item.post(PostReference(entry.post, number: index + 1, local: context.local, note: note))
        }
        let reply = Reply(
            title: title,
            facts: [Reply.Fact("Waiting", "\(Wording.posts(count)) mention \(Wording.either(handles)) with no reply from us and not marked handled")],
            sections: [Reply.Section("Most urgent first, then longest waiting", items)],
            footer: footer, suggestions: ["draft a reply to post 1", "mark post 1 handled"]
        )
        return Answer(reply: reply, basis: basis)
    }
}
