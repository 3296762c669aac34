import Foundation

/// A message Muster did not answer straight away — a fallback, a clarification, a missing slot — or the answer a
/// person gave to a clarification, kept so whoever looks after the intents sees what real users asked.
public struct IntentMiss: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing was understood (or it was out of scope): "did you mean".
        case fallback
        /// Two asks scored close, or an action wanted confirming: Muster asked which.
        case clarification
        /// The ask was clear but something it needs was missing.
        case incomplete
        /// The person answered a clarification: `chosen` is what they picked.
        case answered
    }

    /// When.
    public var at: Date
    /// The conversation (chat thread, CLI session) it happened in.
    public var conversation: String
    /// The message as typed.
    public var text: String
    /// What happened.
    public var kind: Kind
    /// The intents nearest to it, or offered, best first.
    public var nearest: [String]
    /// For an answered clarification, the intent chosen.
    public var chosen: String?

    /// Creates a record.
    public init(at: Date, conversation: String, text: String, kind: Kind, nearest: [String], chosen: String? = nil) {
        self.at = at
        self.conversation = conversation
        self.text = text
        self.kind = kind
        self.nearest = nearest
        self.chosen = chosen
    }
}

/// Where misses are kept. Shared by every instance of Muster, so it lives in the store.
public protocol MissLog: Sendable {
    /// Keeps one record.
    func recordMiss(_ miss: IntentMiss) throws
    /// Records since `since` (all when `nil`), newest first, at most `limit`.
    func misses(since: Date?, limit: Int) throws -> [IntentMiss]
}
