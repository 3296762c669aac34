import Foundation
import Logging
import Metrics
import MusterCore
import MusterNet
import Synchronization

/// Delivers the outbox: due messages are POSTed with libcurl, retried with backoff (or after the `Retry-After` a
/// service asks for), paced per destination, and kept as failed when a service refuses them for good.
///
/// It runs on a thread of its own, because libcurl blocks; `wake()` cuts short its wait when a message is queued.
public final class OutboxWorker: Sendable {
    private let outbox: any Outbox
    /// Who this worker is in the outbox's claims: the host, the process and a random part, unique per worker.
    private let owner: String
    private let client: HTTPClient
    private let policy: RetryPolicy
    private let clock: any Clock
    private let environment: [String: String]
    private let credentials: any OutboxCredentials
    private let logger: Logger
    private let lastSent = Mutex<[String: Date]>([:])
    private let signal = DispatchSemaphore(value: 0)
    private let stopping = Mutex(false)

    /// Creates a worker.
    ///
    /// - Parameters:
    ///   - environment: where `env:NAME` destinations are read, at send time.
    ///   - credentials: the headers each message is sent with (signatures, bearer tokens), worked out at send time so
    ///     that no secret is stored.
    public init(
        outbox: any Outbox, client: HTTPClient = HTTPClient(timeout: 15, maximumBodySize: 1 << 20), policy: RetryPolicy = RetryPolicy(),
        clock: any Clock = SystemClock(), environment: [String: String] = ProcessInfo.processInfo.environment,
        credentials: any OutboxCredentials = NoOutboxCredentials(), logger: Logger = Logger(label: "muster.outbox")
    ) {
        self.outbox = outbox
        owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
        self.client = client
        self.policy = policy
        self.clock = clock
        self.environment = environment
        self.credentials = credentials
        self.logger = logger
    }

    /// How long a claim holds: longer than one attempt can take (the client's timeout), so a message is never sent by
    /// a second sender while the first is still waiting for the chat service.
    private var lease: TimeInterval { TimeInterval(client.timeout * 2 + 30) }

    /// Tries every message that is due, that no other sender holds, and whose destination's pacing allows; returns how
    /// many were attempted. Messages this worker claimed but its pacing held back are let go at once, for later.
    @discardableResult
    public func deliverDue() -> Int {
        let messages: [OutboxMessage]
        do {
            messages = try outbox.claimDue(at: clock.now, owner: owner, lease: lease, limit: 50)
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return 0
        }
        var attempted = 0
        for message in messages {
            let now = clock.now
            let gap = RetryPolicy.pacing(for: message.platform)
            // Paced per conversation when known (Slack allows about one post a second per channel, whatever the URL),
            // else per URL (an incoming webhook is one channel).
            let pace = message.place ?? message.destination
            let ready = lastSent.withLock { sent in
                guard let last = sent[pace], now.timeIntervalSince(last) < gap else {
                    sent[pace] = now
                    return true
                }
                return false
            }
            guard ready else {
                release(message)
                continue
            }
            attempt(message)
            attempted += 1
        }
        publishCounts()
        return attempted
    }

    /// Delivers until `stop()`, sleeping until the next message falls due, a pacing gap ends, or `wake()`.
    public func run() {
        logger.info("outbox worker started")
        while !stopping.withLock({ $0 }) {
            deliverDue()
            let next = (try? outbox.nextDue()) ?? nil
            let wait = next.map { max(0.05, min(1, $0.timeIntervalSince(clock.now))) } ?? 1
            _ = signal.wait(timeout: .now() + wait)
        }
        logger.info("outbox worker stopped")
    }

    /// Cuts short the worker's wait: a message was queued.
    public func wake() {
        signal.signal()
    }

    /// Asks `run()` to return after the attempt in progress.
    public func stop() {
        stopping.withLock { $0 = true }
        signal.signal()
    }

    private func attempt(_ message: OutboxMessage) {
        let attempt = message.attempts + 1
        let metadata: Logger.Metadata = [
            "outbox": "\(message.id)", "platform": "\(message.platform.rawValue)", "to": "\(Self.redacted(message.destination))", "attempt": "\(attempt)",
        ]
        var status: Int?
        var retryAfter: Int?
        var problem: String
        if let url = resolve(message.destination) {
            do {
                let response = try client.post(url, body: Data(message.body.utf8), contentType: message.contentType, headers: credentials.headers(for: message))
                let answer = ServiceAnswer(route: message.route, status: response.status, body: response.body)
                status = answer.status
                retryAfter = response.retryAfter
                problem = answer.problem
                if response.status == 401 { credentials.refused(message) }
            } catch {
                problem = "\(error)".replacingOccurrences(of: url, with: Self.redacted(url))
            }
        } else {
            problem = "\(message.destination.dropFirst(4)) is not set in the environment"
        }
        let verdict = policy.verdict(attempt: attempt, status: status, retryAfter: retryAfter)
        do {
            switch verdict {
            case .delivered:
                try outbox.markDelivered(message.id, attempts: attempt, at: clock.now)
                logger.info("delivered", metadata: metadata)
            case .retry(let delay):
                try outbox.reschedule(message.id, attempts: attempt, next: clock.now.addingTimeInterval(delay), error: problem)
                logger.warning("delivery failed; will retry", metadata: metadata.merging(["in": "\(delay)s", "error": "\(problem)"]) { $1 })
            case .failed:
                try outbox.markFailed(message.id, attempts: attempt, error: problem)
                logger.error("delivery failed for good; kept in the outbox", metadata: metadata.merging(["error": "\(problem)"]) { $1 })
            }
        } catch {
            logger.error("cannot record a delivery attempt", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
        Counter(label: "muster_outbox_attempts_total", dimensions: [("platform", message.platform.rawValue), ("result", verdict.name)]).increment()
    }

    /// Lets go of a claimed message without attempting it, due when it was.
    private func release(_ message: OutboxMessage) {
        do {
            try outbox.release(message.id)
        } catch {
            logger.warning("cannot release an outbox message; its claim runs out by itself", metadata: ["outbox": "\(message.id)", "error": "\(error)"])
        }
    }

    private func resolve(_ destination: String) -> String? {
        guard destination.hasPrefix("env:") else { return destination }
        return environment[String(destination.dropFirst(4))].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func publishCounts() {
        guard let counts = try? outbox.counts() else { return }
        for status in OutboxMessage.Status.allCases {
            Gauge(label: "muster_outbox_messages", dimensions: [("status", status.rawValue)]).record(counts[status] ?? 0)
        }
    }

    /// A destination fit for logs and listings: chat webhook URLs are secrets, so only the scheme and host show.
    public static func redacted(_ destination: String) -> String {
        guard !destination.hasPrefix("env:"), let url = URL(string: destination), let host = url.host else { return destination }
        return "\(url.scheme ?? "https")://\(host)\(url.port.map { ":\($0)" } ?? "")/…"
    }
}

extension RetryPolicy.Verdict {
    var name: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "retry"
        case .failed: "failed"
        }
    }
}
