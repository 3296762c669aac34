import MusterConfig
import MusterCore
import MusterIntents
import MusterText

/// One thing Muster can answer: slots in, a reply out. A skill knows nothing of chat platforms or SQL.
protocol Skill: Sendable {
    /// The intent this skill answers, as named in `intents/`.
    var intent: String { get }
    /// The answer for a message's slots.
    func answer(_ slots: [String: String], context: SkillContext) throws -> Reply
}

/// What every skill may use: the config, the store's query layer, the clock and shared helpers.
struct SkillContext: Sendable {
    let config: CouncilConfig
    let store: any PostStore
    let clock: any Clock
    let intents: IntentSet
    let resolver: SlotResolver
    let local: LocalTime
    let themes: ThemeFinder
}
