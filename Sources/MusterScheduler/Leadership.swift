import Foundation
import Logging
import MusterCore
import Synchronization

/// This instance's hold on one piece of work that only one instance on a store runs at a time (the scheduler, a
/// source's poller), kept by a lease in the store and renewed on each check.
///
/// Lease times are read from the system clock, never the answers' clock: an instance whose answers run at a
/// frozen time (a test, a demo) must still let its lease run out when it dies.
public final class Leadership: Sendable {
    /// The work's name, the lease's key in the store.
    public let name: String
    /// Who this instance is in the store: host, process and a random part, so a restarted process is a new holder.
    public let holder: String
    /// How long a lease lasts unless renewed: how long the work may go undone after its holder dies.
    public let duration: TimeInterval
    private let leases: any LeaseStore
    private let logger: Logger
    private let holding = Mutex(false)

    /// Creates this instance's leadership of `name`, not yet held.
    public init(of name: String, leases: any LeaseStore, duration: TimeInterval, logger: Logger, holder: String = Leadership.instance) {
        self.name = name
        self.leases = leases
        self.duration = duration
        self.logger = logger
        self.holder = holder
    }

    /// This process, as a lease holder.
    public static let instance = "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier) \(UUID().uuidString.prefix(8))"

    /// Takes the lease or renews it. A store that cannot be reached counts as not holding it: doing the work twice
    /// is what the lease is there to prevent, and its claims in the store keep any one message from going twice.
    /// - Returns: whether this instance should do the work now.
    @discardableResult
    public func check() -> Bool {
        let now = Date()
        let held: Bool
        do {
            held = try leases.hold(name, for: holder, at: now, until: now.addingTimeInterval(duration))
        } catch {
            logger.error("cannot renew a lease", metadata: ["lease": "\(name)", "error": "\(error)"])
            held = false
        }
        let changed = holding.withLock { was in
            defer { was = held }
            return was != held
        }
        if changed {
            logger.notice(held ? "took over" : "another instance has this", metadata: ["lease": "\(name)", "holder": "\(holder)"])
        }
        return held
    }

    /// Gives the lease up, on a clean stop, so another instance takes the work at once rather than when it runs out.
    public func release() {
        guard holding.withLock({ $0 }) else { return }
        do {
            try leases.release(name, by: holder)
            holding.withLock { $0 = false }
        } catch {
            logger.warning("cannot give up a lease; it runs out by itself", metadata: ["lease": "\(name)", "error": "\(error)"])
        }
    }
}
