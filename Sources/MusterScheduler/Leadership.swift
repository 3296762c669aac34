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
            held = try hold(at: now)
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

    /// Takes the lease, or takes it from a holder that has died on this machine: `kill -9` and a restart (or a
    /// container's process coming back as the same pid) then loses no time, where a holder on another machine
    /// cannot be asked and is waited out. Giving up the dead holder's lease is conditional on it still holding it,
    /// so of two processes doing this at once one gets the lease.
    private func hold(at now: Date) throws -> Bool {
        let expiry = now.addingTimeInterval(duration)
        if try leases.hold(name, for: holder, at: now, until: expiry) { return true }
        guard let other = try leases.holder(of: name), Self.hasStopped(other, me: holder) else { return false }
        logger.notice("the last holder's process has stopped", metadata: ["lease": "\(name)", "last holder": "\(other)"])
        try leases.release(name, by: other)
        return try leases.hold(name, for: holder, at: now, until: expiry)
    }

    /// Whether `other` names a process on this host that no longer runs. This relies on instances sharing a store
    /// having host names of their own, as machines, containers and pods do unless told otherwise.
    static func hasStopped(_ other: String, host: String = ProcessInfo.processInfo.hostName,
                           me: String = Leadership.instance) -> Bool {
        let parts = other.split(separator: " ")
        guard other != me, parts.count == 4, parts[0] == host, parts[1] == "pid", let pid = pid_t(parts[2]) else { return false }
        // This process's own number under another holder's name was an earlier process's: that one has gone.
        if pid == ProcessInfo.processInfo.processIdentifier { return true }
        return kill(pid, 0) == -1 && errno == ESRCH
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
