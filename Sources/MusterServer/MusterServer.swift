import Foundation
import Hummingbird
import Logging
import MusterApp
import MusterChat
import MusterCore
import MusterDelivery
import MusterIdentity
import MusterNet
import MusterScheduler
import MusterStore
import NIOCore

/// `muster serve`: the chat-platform webhooks, the web console, health checks and metrics, and the outbox worker,
/// in one process that shuts down gracefully on SIGINT or SIGTERM.
///
/// Platforms are switched on by their secrets in the environment (see `ChatSecrets`). The console asks for sign-in
/// once any account exists (`muster users add`); with none it is open only on a loopback address, and the server
/// refuses to serve it anywhere else.
public struct MusterServer: Sendable {
    /// The largest request body accepted from a chat platform.
    public static let maximumChatBody = 256 * 1024

    private let muster: Muster
    private let host: String
    private let port: Int
    private let secrets: ChatSecrets
    private let environment: [String: String]
    private let console: Bool

    /// Creates a server for `muster` on `host:port` (port 0 picks a free one), with secrets from `environment`.
    ///
    /// - Parameter console: serve the web console and its sign-in; `false` serves only the chat webhooks, health
    ///   checks and metrics.
    public init(
        muster: Muster, host: String = "127.0.0.1", port: Int = 8080, console: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.muster = muster
        self.host = host
        self.port = port
        self.console = console
        self.environment = environment
        secrets = ChatSecrets(environment: environment)
    }

    /// Throws when the console would be open to the network (a non-loopback address, no accounts to sign in with
    /// and no single sign-on), or when single sign-on is configured in a way that cannot work.
    public func checkConsoleIsSafe() throws {
        let singleSignOn = try SingleSignOnSettings.from(environment: environment)
        guard console, !Self.isLoopback(host), singleSignOn == nil, try !muster.accounts.hasAccounts() else { return }
        throw MusterError(
            "The web console has no accounts, so on \(host) anyone who can reach it could use it.",
            hint: "Run `muster users add NAME --role admin` first, set up single sign-on (MUSTER_OIDC_ISSUER), serve on 127.0.0.1, or pass --no-console to serve only the chat webhooks."
        )
    }

    /// The platforms switched on, for the start-up banner.
    public var enabledPlatforms: [String] {
        var names: [String] = []
        if secrets.slackSigningSecret != nil { names.append(secrets.slackBotToken == nil ? "Slack" : "Slack app") }
        if secrets.teamsBot != nil { names.append("Teams bot") }
        if secrets.teamsSecurityToken != nil { names.append("Teams webhook") }
        if secrets.mattermostWebhookToken != nil || secrets.mattermostCommandToken != nil {
            names.append(secrets.mattermostBotToken == nil ? "Mattermost" : "Mattermost bot")
        }
        if secrets.webhookSecret != nil { names.append("webhook") }
        return names
    }

    /// Serves until SIGINT or SIGTERM, then finishes requests in flight and the delivery in progress, and returns.
    ///
    /// - Parameter onRunning: called with the port once the server is listening.
    /// - Throws: `MusterError` when the console would be open to the network (see `checkConsoleIsSafe`).
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try checkConsoleIsSafe()
        var logger = Logger(label: "muster")
        logger.logLevel = environment["MUSTER_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let metrics = ServerMetrics.registry

        let outbox = muster.outbox
        let client = HTTPClient(timeout: 15, maximumBodySize: 1 << 20)
        // Signing keys and OpenID metadata (the Bot Framework's, the identity provider's), fetched rarely; libcurl
        // blocks, so off the event loop.
        let fetchKeys: @Sendable (String) async throws -> Data = { url in
            let response = try await Blocking.run { try client.get(url) }
            guard response.status == 200 else { throw MusterError("\(url) answered HTTP \(response.status)") }
            return response.body
        }
        let credentials = ChatCredentials(secrets: secrets, clock: SystemClock()) { url, form in
            let response = try client.post(url, body: form, contentType: "application/x-www-form-urlencoded")
            return (response.status, response.body)
        }
        let worker = OutboxWorker(outbox: outbox, client: client, clock: SystemClock(), environment: environment, credentials: credentials, logger: logger)
        let desk = ChatDesk(
            bot: muster.bot, store: muster.posts, outbox: outbox, ledger: muster.deliveryLedger, directory: muster.conversations,
            couriers: ChatCouriers(secrets: secrets), policy: AccessPolicy(access: muster.config.chat), clock: muster.clock,
            logger: logger, outboxChanged: { worker.wake() }
        )

        let router = Router()
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        HealthRoutes.add(to: router, muster: muster, metrics: metrics)
        if console {
            let singleSignOn = try SingleSignOnSettings.from(environment: environment)
            // With single sign-on set up, everyone signs in, even on loopback before the first account exists.
            let gate = ConsoleGate(
                accounts: muster.accounts, loopback: Self.isLoopback(host) && singleSignOn == nil, settings: ConsoleSettings(environment: environment),
                logger: logger
            )
            ConsoleRoutes.add(to: router, muster: muster, gate: gate)
            SignInRoutes(muster: muster, gate: gate, singleSignOn: singleSignOn?.label).add(to: router)
            if let singleSignOn {
                let provider = OpenIDConnectClient(
                    issuer: singleSignOn.issuer, clientID: singleSignOn.clientID, clientSecret: singleSignOn.clientSecret, clock: SystemClock(),
                    fetch: fetchKeys,
                    postForm: { url, form in
                        let response = try await Blocking.run { try client.post(url, body: form, contentType: "application/x-www-form-urlencoded") }
                        return (response.status, response.body)
                    }
                )
                SingleSignOnRoutes(muster: muster, gate: gate, settings: singleSignOn, client: provider, logger: logger).add(to: router)
            }
            // Tidying only: sessions past their expiry are refused anyway, and a busy store leaves this for next time.
            try? muster.accounts.removeExpiredSessions(at: gate.clock.now)
        }
        let scheduler = Scheduler(
            bot: muster.bot, config: muster.config,
            stores: SchedulerStores(posts: muster.posts, watches: muster.watches, incidents: muster.incidents, schedule: muster.schedule, conversations: muster.conversations),
            couriers: ChatCouriers(secrets: secrets), clock: muster.clock, logger: logger,
            leadership: Leadership(of: "scheduler", leases: muster.leases, duration: 30, logger: logger), outboxChanged: { worker.wake() }
        )
        IngestRoutes(muster: muster, token: environment["MUSTER_INGEST_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }, postsArrived: { scheduler.wake() }).add(to: router)
        // Signatures are checked against the real time even when answers use a frozen clock (tests, demos).
        let adapters = ChatAdapters(secrets: secrets, desk: desk, clock: SystemClock(), fetch: fetchKeys)
        ChatRoutes(adapters: adapters).add(to: router)

        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Muster"),
            services: [
                ThreadLoopService(run: worker.run, stop: worker.stop), RetentionService(retention: muster.retention, logger: logger),
                SourcePollingService(
                    poller: muster.sourcePoller(environment: environment), sources: muster.config.sources, leases: muster.leases, logger: logger,
                    postsArrived: { scheduler.wake() }
                ),
                ThreadLoopService(run: scheduler.run, stop: scheduler.stop),
            ],
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await app.runService()
    }

    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host)
    }
}
