import MusterConfig
import MusterCore
import MusterIntents
import MusterText

/// One thing Muster can answer: slots in, a reply out. A skill knows nothing of chat platforms or SQL.
protocol Skill: Sendable {
    /// The intent this skill answers, as named in `intents/`.
    var intent: String { get }
    /// The answer for one turn of a conversation.
    func answer(_ turn: Turn, context: SkillContext) throws -> Answer
}

/// One message's worth of input to a skill: its slots, and what the conversation held before it.
struct Turn: Sendable {
    /// Slot → text (normalised; follow-ups already merged in).
    var slots: [String: String]
    /// The conversation so far, when there is one.
    var previous: ConversationState?
    /// Who is asking.
    var speaker: Speaker
    /// The message as typed, for skills that keep its words ("log this: …").
    var message: String = ""
    /// The conversation it was asked in: where a watch set by it posts its alerts, and an incident its sitreps.
    var conversation: String = "default"
}

/// What a skill returns: the reply, and what later follow-ups in the conversation may build on.
struct Answer: Sendable {
    var reply: Reply
    /// `nil` when the answer changes nothing a follow-up would build on (help, hello, errors).
    var basis: FollowUpBasis?
    /// Rumour numbers in the reply → rumour keys, for "mark rumour 2 false".
    var rumours: [Int: String] = [:]
}

/// The question behind an answer, kept so that "and in Ward 5?" or "show me the posts" can build on it.
struct FollowUpBasis: Sendable, Hashable, Codable {
    /// The intent that was answered.
    var intent: String
    /// Its slots, as resolved text.
    var slots: [String: String]
    /// The store query it ran.
    var query: PostQuery
    /// How the answer was titled, to caption the posts behind it.
    var title: String
    /// Which page of posts was last shown.
    var page = 0
}

/// What every skill may use: the config, the store's query layer, the clock and shared helpers.
struct SkillContext: Sendable {
    let config: CouncilConfig
    let store: any PostStore
    /// Erasure and subject access, where the store offers them.
    let personalData: (any PersonalDataStore)?
    /// The polled sources' health, so answers can say when one has gone stale.
    let sourceLedger: (any SourceLedger)?
    /// Posts logged by staff from chat, where the store keeps them.
    let loggedPosts: (any LoggedPostStore)?
    /// Reads a logged post as ingest reads any post.
    let enricher: Enricher?
    /// Watches and incident rooms, where the store keeps them, and the places conversations were heard from.
    let speakingFirst: SpeakingFirstStores?
    let clock: any Clock
    let intents: IntentSet
    let resolver: SlotResolver
    let local: LocalTime
    let themes: ThemeFinder
    let rumours: RumourFinder
    let drafts: DraftWriter

    /// How answers name a topic in the taxonomy ("Bins and waste").
    func label(ofTopic name: String) -> String {
        config.topics.first { $0.name == name }?.label ?? name
    }
}
