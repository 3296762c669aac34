import Foundation
import MusterConfig
import MusterCore
import MusterIntents
import MusterText

/// The conversation engine: a message in, a reply out. The same bot serves the CLI, chat platforms, the web
/// console and transcript replay; only the clock and the store differ.
public struct Bot: Sendable {
    private let context: SkillContext
    private let skills: [String: any Skill]

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
            local: local, themes: ThemeFinder(stopwords: config.lexicon.stopwords)
        )
        let all: [any Skill] = [TopicSummarySkill(), HelpSkill(), SmallTalkSkill.greeting, SmallTalkSkill.thanks]
        skills = Dictionary(uniqueKeysWithValues: all.map { ($0.intent, $0) })
    }

    /// The intent names that have no skill to answer them; empty when the bot is complete.
    public var unansweredIntents: [String] {
        context.intents.intents.map(\.name).filter { skills[$0] == nil }
    }

    /// The reply to one message.
    public func respond(to message: String) -> Reply {
        guard let match = context.intents.match(message) else {
            return Fallback.reply(for: message, intents: context.intents)
        }
        guard let skill = skills[match.intent] else {
            return Reply(title: "I recognise that as “\(match.intent)”, but I can't answer it yet.",
                         sections: [Reply.Section(nil, [.text("Type help to see what I can answer today.")])])
        }
        do {
            return try skill.answer(match.slots, context: context)
        } catch let problem as SlotProblem {
            return Self.reply(for: problem)
        } catch {
            return Reply(title: "Sorry, something went wrong answering that.",
                         sections: [Reply.Section(nil, [.text("\(error)"), .text("Nothing was changed. Try again, or ask an administrator to check the logs.")])])
        }
    }

    private static func reply(for problem: SlotProblem) -> Reply {
        switch problem {
        case .unknownArea(let typed, let suggestions):
            let names = suggestions.map(\.displayName)
            let guess = names.isEmpty ? "" : " — did you mean \(names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!)?"
            return Reply(title: "I don't know an area called “\(typed)”\(guess)",
                         sections: [Reply.Section(nil, [.text("Name a ward by number (“Ward 4”), by name, or by a street or landmark in it.")])])
        case .unknownWindow(let typed):
            return Reply(title: "I can't tell which time “\(typed)” means.",
                         sections: [Reply.Section(nil, [.text("Try “today”, “this week”, “last 3 days” or a date such as “24 Nov”.")])])
        }
    }
}
