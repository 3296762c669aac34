import Foundation
import Hummingbird
import Logging
import MusterApp
import MusterChat
import MusterCore
import MusterDelivery
import MusterStore
import NIOCore

/// `muster serve`: the chat-platform webhooks, the web console, health checks and metrics, and the outbox worker,
/// in one process that shuts down gracefully on SIGINT or SIGTERM.
///
/// Platforms are switched on by their secrets in the environment (see `ChatSecrets`); the console is bound to
/// localhost by default because it has no sign-in.
public struct MusterServer: Sendable {
    /// The largest request body accepted from a chat platform.
    public static let maximumChatBody = 256 * 1024

    private let muster: Muster
    private let host: String
    private let port: Int
    private let secrets: ChatSecrets
    private let environment: [String: String]

    /// Creates a server for `muster` on `host:port` (port 0 picks a free one), with secrets from `environment`.
    public init(muster: Muster, host: String = "127.0.0.1", port: Int = 8080, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.muster = muster
        self.host = host
        self.port = port
        self.environment = environment
        secrets = ChatSecrets(environment: environment)
    }

    /// The platforms switched on, for the start-up banner.
    public var enabledPlatforms: [String] {
        var names: [String] = []
        if secrets.slackSigningSecret != nil { names.append("Slack") }
        if secrets.teamsSecurityToken != nil { names.append("Teams") }
        if secrets.mattermostWebhookToken != nil || secrets.mattermostCommandToken != nil { names.append("Mattermost") }
        if secrets.webhookSecret != nil { names.append("webhook") }
        return names
    }

    /// Serves until SIGINT or SIGTERM, then finishes requests in flight and the delivery in progress, and returns.
    ///
    /// - Parameter onRunning: called with the port once the server is listening.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "muster")
        logger.logLevel = environment["MUSTER_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let metrics = ServerMetrics.registry

        let outbox = muster.outbox
        let worker = OutboxWorker(outbox: outbox, clock: SystemClock(), environment: environment, signer: WebhookAdapter.signingHeaders(secret: secrets.webhookSecret), logger: logger)
        let desk = ChatDesk(
            bot: muster.bot, store: muster.store, outbox: outbox, ledger: muster.deliveryLedger, policy: AccessPolicy(access: muster.config.chat), clock: muster.clock,
            logger: logger, outboxChanged: { worker.wake() }
        )

        let router = Router()
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        HealthRoutes.add(to: router, store: muster.store, metrics: metrics)
        ConsoleRoutes.add(to: router, muster: muster, speaker: Self.isLoopback(host) ? .console : .remoteConsole)
        // Signatures are checked against the real time even when answers use a frozen clock (tests, demos).
        ChatRoutes(desk: desk, secrets: secrets, clock: SystemClock()).add(to: router)

        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Muster"),
            services: [OutboxService(worker: worker), RetentionService(retention: muster.retention, logger: logger)],
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await app.runService()
    }

    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host)
    }
}
