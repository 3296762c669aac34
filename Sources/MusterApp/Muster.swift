import Foundation
import MusterBot
import MusterConfig
import MusterCore
import MusterDemo
import MusterIngest
import MusterIntents
import MusterPostgres
import MusterSQL
import MusterSources
import MusterStore
import MusterText

/// One organisation's Muster, assembled: config, store, intents, bot and ingester, wired the one way data flows.
///
/// The CLI, tests, transcript replay and benchmarks all start here, so they run the same bot.
public struct Muster: Sendable {
    /// The organisation's config.
    public let config: CouncilConfig
    /// The store file: posts (unless `posts` is elsewhere), and everything else Muster keeps.
    public let store: SQLitePostStore
    /// The posts answers read and ingest writes, and the audit log: `store` itself, or a PostgreSQL post store.
    public let posts: any PostWriting
    /// Retention, erasure and subject access, wherever the records are kept.
    public let personalData: any PersonalDataStore
    /// The compiled intents.
    public let intents: IntentSet
    /// The organisation's names for things, which the intents find in messages.
    public let vocabulary: Vocabulary
    /// The conversation engine.
    public let bot: Bot
    /// Where posts come in.
    public let ingester: Ingester
    /// Where "now" comes from.
    public let clock: any Clock
    /// The outbox of chat messages waiting to be delivered, beside the posts.
    public let outbox: any Outbox
    /// The chat deliveries already answered, beside the posts.
    public let deliveryLedger: any DeliveryLedger
    /// Where chat conversations were heard from, beside the posts, so later messages can go back there.
    public let conversations: any ConversationDirectory
    /// Watches and their alerts, beside the posts.
    public let watches: any WatchStore
    /// Incident rooms, beside the posts.
    public let incidents: any IncidentStore
    /// Scheduled runs already made (the morning digest), beside the posts.
    public let schedule: any ScheduleLedger
    /// Leases on the work one instance runs at a time, beside the posts.
    public let leases: any LeaseStore

    /// Opens Muster for the config at `configPath`.
    ///
    /// - Parameters:
    ///   - configPath: the config file; `nil` uses `MUSTER_CONFIG` or the demo council.
    ///   - storePath: the store; `nil` uses `MUSTER_STORE` or the config's `store`. A `postgres://` address keeps the
    ///     posts (with the audit log, logged posts, forgotten authors, and all that instances share: conversation
    ///     memory, the outbox, deliveries, conversation places, watches, incidents and the schedule) on that
    ///     PostgreSQL server, and the rest (accounts, source cursors, misses) in the file `MUSTER_STORE_FILE` names
    ///     (the config's `store` when it names none). `MUSTER_STORE_READ`, a replica of that database, is where
    ///     answers are then read.
    ///   - posts: where posts are kept when not in the store file, given directly (a test's private copy).
    ///   - clock: the clock (frozen in tests and replay).
    /// - Throws: `MusterError` naming the file and line of a bad config or intent.
    public init(configPath: String? = nil, storePath: String? = nil, posts: PostBackend? = nil, clock: any Clock = SystemClock()) throws {
        let environment = ProcessInfo.processInfo.environment
        config = try CouncilConfig.load(from: Self.configPath(configPath))
        vocabulary = Vocabulary(config: config)
        intents = try IntentSet(config: config, vocabulary: vocabulary)
        let location = try StoreLocation(
            named: storePath ?? environment["MUSTER_STORE"], file: environment["MUSTER_STORE_FILE"],
            replica: environment["MUSTER_STORE_READ"], configured: config.storePath
        )
        let store = try StoreFile.open(at: location.file)
        self.store = store
        let posts = try posts ?? location.postgres.map { PostBackend(try PostgresPostStore(address: $0, answersFrom: location.replica)) }
        self.posts = posts?.posts ?? store
        let personalData: any PersonalDataStore = posts.map { PersonalDataEverywhere(places: [$0.personalData, store]) } ?? store
        self.personalData = personalData
        self.clock = clock
        outbox = posts?.outbox ?? store.outbox
        deliveryLedger = posts?.deliveryLedger ?? store.deliveryLedger
        conversations = posts?.conversations ?? store.conversations
        watches = posts?.watches ?? store.watches
        incidents = posts?.incidents ?? store.incidents
        schedule = posts?.schedule ?? store.schedule
        leases = posts?.leases ?? store.leases
        let enricher = Enricher(config: config)
        bot = Bot(
            config: config, intents: intents, store: self.posts, misses: store, personalData: personalData, sources: store.sourceLedger,
            logged: posts?.logged ?? store.loggedPosts, enricher: enricher,
            speakingFirst: SpeakingFirstStores(watches: watches, incidents: incidents, conversations: conversations),
            conversationStates: posts?.conversationStates ?? store.conversationStates, clock: clock
        )
        ingester = Ingester(store: self.posts, enricher: enricher, clock: clock)
    }

    /// The web console's accounts and sessions, in the same store as the posts and the audit log.
    public var accounts: any AccountStore { store.accounts }

    /// The polled sources' cursors and health, in the store.
    public var sourceLedger: any SourceLedger { store.sourceLedger }

    /// A poller for the config's sources, storing through this Muster's ingester, with credentials from `environment`.
    public func sourcePoller(environment: [String: String] = ProcessInfo.processInfo.environment) -> SourcePoller {
        SourcePoller(ingester: ingester, ledger: sourceLedger, environment: environment)
    }

    /// Each configured source with its saved status.
    public func sourceHealth() throws -> [SourceHealth] {
        try SourceHealth.all(config.sources, ledger: sourceLedger)
    }

    /// The config file a run uses: the one given, else `$MUSTER_CONFIG`, else the demo council.
    public static func configPath(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["MUSTER_CONFIG"] ?? CouncilConfig.defaultPath
    }

    /// The demo phrasebook beside the config.
    public static func phrasebook(configPath: String? = nil) throws -> Phrasebook {
        let path = Self.configPath(configPath)
        return try Phrasebook.load(from: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(Phrasebook.fileName).path)
    }
}
