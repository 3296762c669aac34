import Foundation
import MusterCore
import MusterIntents

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
    /// The second topic of a comparison of two ("potholes vs street lights"), as `topic`.
    public var topic2: String?
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
        let previous = memory.state(of: conversation, now: context.clock.now)
        let (intent, slots): (String, [String: String])
        switch step(for: message, previous: previous) {
        case .tooLong, .fallback: return Understanding(outcome: .fallback, slots: [:])
        case .clarify(_, let options): return Understanding(outcome: .clarify(intents: options.map(\.intent)), slots: [:])
        case .incomplete(_, let missing, _): return Understanding(outcome: .clarify(intents: [missing]), slots: [:])
        case .picked(let option, _): (intent, slots) = (option.intent, option.slots)
        case .answer(let answered, let answeredSlots, _): (intent, slots) = (answered, answeredSlots)
        }
        guard let (skill, merged) = try? resolved(intent, slots: slots, previous: previous) else {
            return Understanding(outcome: .fallback, slots: slots)
        }
        var reading = Understanding(outcome: .answer(intent: skill), slots: merged)
        do {
            let resolver = context.resolver
            reading.wards = try (resolver.areas(merged["area"]) + resolver.areas(merged["area2"])).map(\.name)
            func named(_ topic: TopicChoice) -> String? {
                switch topic {
                case .topic(let chosen): chosen.name
                case .text(let words): "“\(words)”"
                case .everything: nil
                }
            }
            if let (topic, places) = resolver.topic(merged["topic"]) {
                reading.topic = named(topic)
                if merged["area"] == nil { reading.wards = places.map(\.name) + reading.wards }
            }
            reading.topic2 = resolver.topic(merged["topic2"]).flatMap { named($0.topic) }
            let now = context.clock.now
            if let first = merged["window"] {
                let window = try resolver.window(first, now: now)
                reading.windows = [window]
                if let second = merged["window2"] { reading.windows.append(try resolver.window(second, now: now, comparedWith: window, named: first)) }
            }
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

extension Bot {
    /// The intents' reading of `message` in `conversation` (follow-ups apply when it has an earlier answer),
    /// before any follow-up is merged or skill runs: what `@intent` and `@slots` in a transcript are checked against.
    public func reading(of message: String, in conversation: String = "default") -> Reading {
        context.intents.read(message, hasContext: memory.state(of: conversation, now: context.clock.now)?.basis != nil)
    }
}
