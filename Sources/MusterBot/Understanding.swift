import Foundation
import MusterCore

/// How the bot read one message, without answering it: the skill it would reach and the slots resolved against the
/// config. Used to measure understanding on labelled phrasings and by `muster intents explain`.
public struct Understanding: Sendable {
    /// What the bot would do with the message.
    public enum Outcome: Sendable, Hashable {
        /// Answer with this intent's skill.
        case answer(intent: String)
        /// Ask which of these intents was meant.
        case clarify(intents: [String])
        /// The did-you-mean fallback (nothing understood, or out of scope).
        case fallback
    }

    /// What the bot would do.
    public var outcome: Outcome
    /// The slots the skill would receive (follow-ups merged in).
    public var slots: [String: String]
    /// The wards the area slots name (`area`, then `area2`), by ward name.
    public var wards: [String] = []
    /// The taxonomy topic's name, or free text in quotes, or `nil` for everything.
    public var topic: String?
    /// The time windows named (`window`, then `window2`), resolved at the bot's "now".
    public var windows: [TimeWindow] = []
    /// Why a slot could not be resolved (an unknown ward, outlet or time), when one could not.
    public var problem: String?

    /// The intent the bot would answer with, if it answers.
    public var intent: String? {
        if case .answer(let intent) = outcome { return intent }
        return nil
    }
}

extension Bot {
    /// How `message` would be read in `conversation`, without answering it or changing the conversation.
    public func understand(_ message: String, in conversation: String = "default") -> Understanding {
        let now = context.clock.now
        guard let match = context.intents.match(message) else { return Understanding(outcome: .fallback, slots: [:]) }
        var intent = match.intent
        var slots = match.slots
        if intent == FollowUp.intent {
            guard let basis = memory.state(of: conversation, now: now)?.basis else {
                return Understanding(outcome: .fallback, slots: slots)
            }
            intent = basis.intent
            slots = (try? FollowUp.merge(match.slots, into: basis.slots, resolver: context.resolver, now: now)) ?? slots
        }
        var reading = Understanding(outcome: .answer(intent: intent), slots: slots)
        do {
            let resolver = context.resolver
            reading.wards = try (resolver.areas(slots["area"]) + resolver.areas(slots["area2"])).map(\.name)
            if let (topic, places) = resolver.topic(slots["topic"]) {
                switch topic {
                case .topic(let chosen): reading.topic = chosen.name
                case .text(let words): reading.topic = "“\(words)”"
                case .everything: reading.topic = nil
                }
                if slots["area"] == nil { reading.wards = places.map(\.name) + reading.wards }
            }
            reading.windows = try ["window", "window2"].compactMap { key in
                try slots[key].map { try resolver.window($0, now: now) }
            }
        } catch let problem as SlotProblem {
            reading.problem = "\(problem)"
        } catch {
            reading.problem = "\(error)"
        }
        return reading
    }
}

extension Bot {
    /// The window `words` mean at the bot's "now", as a question's window slot would be read; `nil` when unknown.
    public func window(meaning words: String) -> TimeWindow? {
        try? context.resolver.window(words, now: context.clock.now)
    }

    /// The taxonomy topic `words` name, or `nil` when they are free text.
    public func taxonomyTopic(named words: String) -> String? {
        guard case .topic(let topic)? = context.resolver.topic(words)?.topic else { return nil }
        return topic.name
    }
}
