import Foundation
import MusterConfig
import MusterCore
import MusterIntents
import MusterText

/// The conversation engine: a message in, a reply out. The same bot serves the CLI, chat platforms, the web
/// console and transcript replay; only the clock and the store differ.
public struct Bot: Sendable {
    let context: SkillContext
    private let skills: [String: any Skill]
    let memory = ConversationMemory()

    /// Creates a bot for one organisation.
    ///
    /// - Parameters:
    ///   - config: the organisation's config.
    ///   - intents: the compiled intents.
    ///   - store: the query layer over the monitored posts.
    ///   - clock: where "now" comes from (frozen in tests and replay).
    public init(config: CouncilConfig, intents: IntentSet, store: any PostStore, clock: any Clock = SystemClock()) {
        let local = LocalTime(timeZone: config.organisation.timeZone)
        context = SkillContext(
            config: config, store: store, clock: clock, intents: intents, resolver: SlotResolver(config: config),
            local: local, themes: ThemeFinder(stopwords: config.lexicon.stopwords),
            rumours: RumourFinder(lexicon: config.lexicon, wards: config.wards), drafts: DraftWriter(templates: config.drafts, voice: config.voice)
        )
        let all: [any Skill] = [
            TopicSummarySkill(), OutletCoverageSkill(), TemperatureSkill(), CompareSkill(), TrendingSkill(), RumoursSkill(),
            MarkRumourSkill(), CrisisSummarySkill(), UnansweredSkill(), MarkHandledSkill(), DraftSkill(), ShowPostsSkill(), HelpSkill(), SmallTalkSkill.greeting, SmallTalkSkill.thanks,
        ]
        skills = Dictionary(uniqueKeysWithValues: all.map { ($0.intent, $0) })
    }

    /// The intents no skill answers yet; Muster recognises them and says it cannot answer them yet.
    public var unansweredIntents: [String] {
        context.intents.intents.map(\.name).filter { skills[$0] == nil && $0 != FollowUp.intent }
    }

    /// The reply to one message.
    ///
    /// - Parameters:
    ///   - message: what the person wrote.
    ///   - conversation: the thread or session it belongs to; follow-ups ("and in Ward 5?") build on the last
    ///     answer in the same conversation.
    ///   - speaker: who is asking; their role gates actions that change state.
    public func respond(to message: String, in conversation: String = "default", from speaker: Speaker = .console) -> Reply {
        let now = context.clock.now
        let previous = memory.state(of: conversation, now: now)
        guard let match = context.intents.match(message) else {
            return Fallback.reply(for: message, intents: context.intents)
        }
        var intent = match.intent
        var slots = match.slots
        do {
            if intent == FollowUp.intent {
                guard let basis = previous?.basis else { return FollowUp.needsContext }
                slots = try FollowUp.merge(match.slots, into: basis.slots, resolver: context.resolver, now: now)
                intent = basis.intent
            }
            guard let skill = skills[intent] else { return Self.notYet(intent) }
            let answer = try skill.answer(Turn(slots: slots, previous: previous, speaker: speaker), context: context)
            if let basis = answer.basis {
                let numbers = answer.reply.postNumbers
                let kept = basis.query == previous?.basis?.query ? (previous?.posts ?? [:]).merging(numbers) { $1 } : numbers
                let rumours = answer.rumours.isEmpty ? previous?.rumours ?? [:] : answer.rumours
                memory.remember(ConversationState(basis: basis, posts: kept, rumours: rumours, updated: now), for: conversation)
            }
            return answer.reply
        } catch let problem as SlotProblem {
            return reply(for: problem)
        } catch {
            return Reply(title: "Sorry, something went wrong answering that.",
                         sections: [Reply.Section(nil, [.text("\(error)"), .text("Nothing was changed. Try again, or ask an administrator to check the logs.")])])
        }
    }

    private static func notYet(_ intent: String) -> Reply {
        Reply(title: "I understood that as “\(intent.replacingOccurrences(of: "_", with: " "))”, which I can't answer yet.",
              sections: [Reply.Section(nil, [.text("Type help to see what I can answer today.")])])
    }

    private var knownOutlets: String {
        context.config.outlets.map(\.name).joined(separator: ", ")
    }

    private func reply(for problem: SlotProblem) -> Reply {
        switch problem {
        case .unknownArea(let typed, let suggestions):
            let names = suggestions.map(\.displayName)
            let guess = names.isEmpty ? "" : " — did you mean \(Wording.either(names))?"
            return Reply(title: "I don't know an area called “\(typed)”\(guess)",
                         sections: [Reply.Section(nil, [.text("Name a ward by number (“Ward 4”), by name, or by a street or landmark in it.")])])
        case .unknownOutlet(let typed, let suggestions):
            let names = suggestions.map(\.name)
            let guess = names.isEmpty ? "" : " — did you mean \(Wording.either(names))?"
            return Reply(title: "I don't know a media outlet called “\(typed)”\(guess)",
                         sections: [Reply.Section(nil, [.text("Outlets I follow: \(knownOutlets).")])])
        case .unknownWindow(let typed):
            return Reply(title: "I can't tell which time “\(typed)” means.",
                         sections: [Reply.Section(nil, [.text("Try “today”, “this week”, “last 3 days” or a date such as “24 Nov”.")])])
        }
    }
}
