import Foundation
import MusterCore

/// "Draft a reply to post 3" / "to rumour 2" / "about the bins in Riverside", or just "draft a reply" to the last
/// answer: a reply in the organisation's voice from its templates, with a short version and the gaps to fill.
struct DraftSkill: Skill {
    let intent = "draft"
    /// How far from a question an official post may be and still be its answer.
    static let officialReach: TimeInterval = 86_400

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let previous = turn.previous
        if let reference = turn.slots["post"] {
            let known = previous?.posts ?? [:]
            guard let number = PostNumber.parse(reference, last: known.keys.max()), let id = known[number],
                  let post = try context.store.posts(ids: [id]).first
            else { return Self.unknown(reference) }
            // The latest official post is the answer to a claim, and to a question asked within a day of it; an
            // older one ("collection days change at Christmas") does not answer today's question.
            let official = try post.topics.isEmpty ? nil : context.latestOfficial(topics: post.topics).flatMap { official in
                post.isClaim || abs(official.createdAt.timeIntervalSince(post.createdAt)) <= Self.officialReach ? context.source(of: official) : nil
            }
            let draft = context.drafts.reply(to: post, topicLabel: post.topics.first.map(context.label(ofTopic:)), latestOfficial: official)
            return Self.answer("Draft reply to post \(number)", about: .post(PostReference(post, number: number, local: context.local)), draft, basis: previous?.basis)
        }
        if let reference = turn.slots["rumour"] {
            return try rumourDraft(reference, previous: previous, context: context)
        }
        if let words = turn.slots["topic"] {
            let (topic, places) = context.resolver.topic(words) ?? (.everything, [])
            let named = try context.resolver.areas(turn.slots["area"])
            let wards = named.isEmpty ? places : named
            let place = wards.isEmpty ? "" : " " + Wording.areas(wards.map(\.displayName), everywhere: "")
            // Free text is never dressed up as a topic: "the bins complaints" is about bins, and words that name no
            // topic are "what you have raised".
            let theme = context.resolver.taxonomyTopic(in: topic).map { $0.label.lowercased() } ?? "what you have raised"
            if turn.slots["holding"] != nil {
                // A holding line is about the incident as the sitrep sees it: its place labels it, its window is its own.
                let history = IncidentHistory(context: context)
                let scope = try context.scope(turn.slots, incident: true) { wards, topic in try history.window(topic: topic, wards: wards) }
                let place = scope.wards.isEmpty && scope.incidentPlaces.isEmpty ? "" : " " + scope.place
                let (stage, official) = try history.stage(of: scope.query)
                let incident = context.resolver.taxonomyTopic(in: topic).map { "the " + $0.label.lowercased() } ?? "the incident"
                let draft = context.drafts.holdingStatement(incident: incident, place: place, stage: stage, latestOfficial: official.map(context.source(of:)))
                return Self.answer("Holding statement on \(topic.label)\(place)", about: nil, draft, basis: previous?.basis)
            }
            return Self.answer("Draft statement on \(topic.label)\(place)", about: nil, context.drafts.themeReply(theme: theme, place: place), basis: previous?.basis)
        }
        guard let basis = previous?.basis else {
            return Answer(reply: Reply(title: "Draft a reply to what?", sections: [Reply.Section(nil, [.text("Name it: “draft a reply to post 3”, “to rumour 1”, or “about the bins in Riverside”.")])]), basis: nil)
        }
        if basis.intent == "rumours", previous?.rumours[1] != nil {
            return try rumourDraft("1", previous: previous, context: context)
        }
        if basis.intent == "crisis_summary" {
            return Self.answer("Holding statement: \(basis.title)", about: nil, context.drafts.holdingStatement(incident: "the incident", place: ""), basis: basis)
        }
        let topic = basis.query.topics.first.map(context.label(ofTopic:)) ?? "what you have raised"
        let place = basis.query.areas.isEmpty ? "" : " " + Wording.areas(basis.query.areas.compactMap { context.config.ward(named: $0)?.displayName }, everywhere: "")
        return Self.answer("Draft statement: \(basis.title)", about: nil, context.drafts.themeReply(theme: topic.lowercased(), place: place), basis: basis)
    }

    private func rumourDraft(_ reference: String, previous: ConversationState?, context: SkillContext) throws -> Answer {
        let known = previous?.rumours ?? [:]
        guard let number = PostNumber.parse(reference, last: known.keys.max()), let key = known[number], let basis = previous?.basis else {
            return Self.unknown(reference)
        }
        let listing = try RumourListing(query: basis.query, limit: max(known.count, 5), context: context)
        guard let entry = listing.entries.first(where: { $0.rumour.key == key }) else { return Self.unknown(reference) }
        let draft = context.drafts.rebuttal(subject: listing.subject, status: entry.status, officialLine: listing.officialLine(entry, context: context))
        return Self.answer("Rebuttal for rumour \(number) (\(entry.status.rawValue))", about: .text("“\(entry.rumour.exemplar.text)”"), draft, basis: basis)
    }

    private static func answer(_ title: String, about subject: Reply.Item?, _ draft: Draft, basis: FollowUpBasis?) -> Answer {
        let items = (subject.map { [$0] } ?? []) + [.draft(draft)]
        return Answer(reply: Reply(title: title, sections: [Reply.Section(nil, items)], footer: "Tone: \(draft.tone)"), basis: basis)
    }

    private static func unknown(_ reference: String) -> Answer {
        Answer(reply: Reply(title: "I can't find “\(reference)” in the last answer.", sections: [Reply.Section(nil, [.text("Ask a question first, then refer to a numbered post or rumour in its answer.")])]), basis: nil)
    }
}
