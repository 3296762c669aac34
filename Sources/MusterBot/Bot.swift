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
    let memory: ConversationMemory
    /// Where fallbacks, clarifications and their answers are kept, when anywhere.
    private let misses: (any MissLog)?

    /// Creates a bot for one organisation.
    ///
    /// - Parameters:
    ///   - config: the organisation's config.
    ///   - intents: the compiled intents.
    ///   - store: the query layer over the monitored posts.
    ///   - misses: where messages Muster did not answer straight away are recorded (`muster intents misses`).
    ///   - personalData: erasure and subject access for leads in chat ("forget @handle"), when the store offers them.
    ///   - sources: the polled sources' cursors and health, so that answers name a source gone stale.
    ///   - logged: where posts staff log from chat are kept ("log this: …"), with the enricher that reads them.
    ///   - speakingFirst: where watches and incident rooms are kept, for "watch bins in Riverside" and "start incident".
    ///   - conversationStates: where conversations are remembered between messages, shared by every instance on the
    ///     store; `nil` keeps them in this process.
    ///   - clock: where "now" comes from (frozen in tests and replay).
    public init(
        config: CouncilConfig, intents: IntentSet, store: any PostStore, misses: (any MissLog)? = nil, personalData: (any PersonalDataStore)? = nil,
        sources: (any SourceLedger)? = nil, logged: (any LoggedPostStore)? = nil, enricher: Enricher? = nil, speakingFirst: SpeakingFirstStores? = nil,
        conversationStates: (any ConversationStateStore)? = nil, clock: any Clock = SystemClock()
    ) {
        memory = ConversationMemory(store: conversationStates)
        let local = LocalTime(timeZone: config.organisation.timeZone)
        context = SkillContext(
            config: config, store: store, personalData: personalData, sourceLedger: sources, loggedPosts: logged, enricher: enricher,
            speakingFirst: speakingFirst, clock: clock, intents: intents, resolver: SlotResolver(config: config, windows: intents.windows),
            local: local, themes: ThemeFinder(stopwords: config.lexicon.stopwords),
            rumours: RumourFinder(
                lexicon: config.lexicon, wards: config.wards, streetTypes: intents.streetTypes,
                partnerNames: config.accounts.filter { $0.kind == .partner }.flatMap { [$0.name, "@" + $0.handle] }
            ), drafts: DraftWriter(templates: config.drafts, voice: config.voice)
        )
        let all: [any Skill] = [
            TopicSummarySkill(), OutletCoverageSkill(), TemperatureSkill(), CompareSkill(), TrendingSkill(), RumoursSkill(),
            MarkRumourSkill(), CrisisSummarySkill(), UnansweredSkill(), MarkHandledSkill(), DraftSkill(), ShowPostsSkill(), HelpSkill(), SmallTalkSkill.greeting, SmallTalkSkill.thanks,
            ForgetAuthorSkill(), ExportAuthorSkill(), LogPostSkill(), UnlogPostSkill(),
            WatchSkill(), ListWatchesSkill(), UnwatchSkill(), StartIncidentSkill(), CloseIncidentSkill(),
        ]
        skills = Dictionary(uniqueKeysWithValues: all.map { ($0.intent, $0) })
        self.misses = misses
    }

    /// The intents no skill answers yet; Muster recognises them and says it cannot answer them yet.
    public var unansweredIntents: [String] {
        context.intents.intents.filter { skills[$0.name] == nil && $0.name != FollowUp.intent && !$0.isFallback }.map(\.name)
    }

    /// What one message comes to before any skill runs: the same for answering and for `understand`.
    enum Step {
        /// Answer with this intent and slots; `corrections` are typos read as known words.
        case answer(intent: String, slots: [String: String], corrections: [Correction])
        case clarify(Reading, [Reading.Option])
        case incomplete(Reading, intent: String, message: String)
        case fallback(Reading?, nearest: [String], outOfScope: Bool)
        case tooLong
        /// A clarification answered: the option picked, and what was asked.
        case picked(Reading.Option, of: PendingClarification)
    }

    func step(for message: String, previous: ConversationState?) -> Step {
        let intents = context.intents
        if let pending = previous?.pending, let number = intents.choice(in: message, of: pending.options.count) {
            return .picked(pending.options[number - 1], of: pending)
        }
        let reading = intents.read(message, hasContext: previous?.basis != nil)
        switch reading.decision {
        case .answer(let intent, let slots): return .answer(intent: intent, slots: slots, corrections: reading.corrections)
        case .clarify(let options): return .clarify(reading, options)
        case .incomplete(let intent, let text): return .incomplete(reading, intent: intent, message: text)
        case .fallback(let nearest, let outOfScope): return .fallback(reading, nearest: nearest, outOfScope: outOfScope)
        case .tooLong: return .tooLong
        }
    }

    /// The reply to one message.
    ///
    /// - Parameters:
    ///   - message: what the person wrote.
    ///   - conversation: the thread or session it belongs to; follow-ups ("and in Ward 5?") build on the last
    ///     answer in the same conversation, and "2" answers the clarification asked in it.
    ///   - speaker: who is asking; their role gates actions that change state.
    public func respond(to message: String, in conversation: String = "default", from speaker: Speaker = .console) -> Reply {
        let now = context.clock.now
        let previous = memory.state(of: conversation, now: now)
        if previous?.pending != nil { memory.forgetClarification(in: conversation) }
        func record(_ kind: IntentMiss.Kind, _ text: String, nearest: [String], chosen: String? = nil) {
            // A miss that cannot be written costs the record, never the answer.
            try? misses?.recordMiss(IntentMiss(at: now, conversation: conversation, text: text, kind: kind, nearest: nearest, chosen: chosen))
        }
        switch step(for: message, previous: previous) {
        case .tooLong:
            return Fallback.tooLong
        case .fallback(_, let nearest, let outOfScope):
            record(.fallback, message, nearest: nearest)
            return Fallback.reply(for: message, nearest: nearest, outOfScope: outOfScope, intents: context.intents)
        case .incomplete(_, let intent, let text):
            record(.incomplete, message, nearest: [intent])
            return Reply(title: text)
        case .clarify(_, let options):
            record(.clarification, message, nearest: options.map(\.intent))
            memory.remember(PendingClarification(text: message, options: options), for: conversation, now: now)
            return Clarification.reply(for: options, context: context)
        case .picked(let option, let pending):
            record(.answered, pending.text, nearest: pending.options.map(\.intent), chosen: option.intent)
            return answer(option.intent, slots: option.slots, corrections: [], previous: previous, conversation: conversation, speaker: speaker, message: pending.text)
        case .answer(let intent, let slots, let corrections):
            return answer(intent, slots: slots, corrections: corrections, previous: previous, conversation: conversation, speaker: speaker, message: message)
        }
    }

    /// The intent and slots a skill answers with: a follow-up takes the last answer's intent, its slots changed.
    func resolved(_ intent: String, slots: [String: String], previous: ConversationState?) throws(SlotProblem) -> (intent: String, slots: [String: String])? {
        guard intent == FollowUp.intent else { return (intent, slots) }
        guard let basis = previous?.basis else { return nil }
        return (basis.intent, FollowUp.merge(slots, into: basis.slots))
    }

    private func answer(_ intent: String, slots: [String: String], corrections: [Correction], previous: ConversationState?,
                        conversation: String, speaker: Speaker, message: String) -> Reply {
        let now = context.clock.now
        do {
            guard let (intent, slots) = try resolved(intent, slots: slots, previous: previous) else { return FollowUp.needsContext }
            guard let skill = skills[intent] else { return Self.notYet(intent) }
            let answer = try skill.answer(Turn(slots: slots, previous: previous, speaker: speaker, message: message, conversation: conversation), context: context)
            if let basis = answer.basis {
                let numbers = answer.reply.postNumbers
                let kept = basis.query == previous?.basis?.query ? (previous?.posts ?? [:]).merging(numbers) { $1 } : numbers
                let rumours = answer.rumours.isEmpty ? previous?.rumours ?? [:] : answer.rumours
                memory.remember(ConversationState(basis: basis, posts: kept, rumours: rumours, updated: now), for: conversation)
            }
            return Self.noting(corrections, in: answer.reply)
        } catch let problem as SlotProblem {
            return reply(for: problem)
        } catch {
            return Reply(title: "Sorry, something went wrong answering that.",
                         sections: [Reply.Section(nil, [.text("\(error)"), .text("Nothing was changed. Try again, or ask an administrator to check the logs.")])])
        }
    }

    /// The reply with a first line saying which typed words were read as which ("Read “potholse” as potholes.").
    private static func noting(_ corrections: [Correction], in reply: Reply) -> Reply {
        guard !corrections.isEmpty else { return reply }
        var noted = reply
        let readings = corrections.map { "“\($0.typed)” as \($0.read)" }
        noted.sections.insert(Reply.Section(nil, [.text("(Read \(Wording.list(readings)).)")]), at: 0)
        return noted
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
