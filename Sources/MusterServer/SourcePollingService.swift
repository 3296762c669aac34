import Foundation
import Logging
import Metrics
import MusterConfig
import MusterCore
import MusterScheduler
import MusterSources
import NIOPosix
import ServiceLifecycle

/// Polls every configured source on its own schedule for as long as the server runs.
///
/// Each source has a loop of its own, and polls block on threads of their own: a source that is slow, hangs until
/// its timeout or keeps failing delays only itself, never the other sources or the answers (which run on NIO's
/// shared pool). A restart picks up each source's schedule and cursor from the store. Of several instances on one
/// store, the one holding a source's lease polls it; another takes over when that lease runs out, within two of the
/// source's intervals and a minute.
struct SourcePollingService: Service {
    let poller: SourcePoller
    let sources: [Source]
    let leases: any LeaseStore
    let logger: Logger
    /// Called after a poll stores posts, so watches are checked at once.
    var postsArrived: @Sendable () -> Void = {}

    /// Threads for polls at most: enough that a few hanging sources leave room for the rest.
    static let threads = 8

    func run() async throws {
        // A service that returns ends the server, so one with nothing to poll waits for the shutdown.
        guard !sources.isEmpty else { return try await gracefulShutdown() }
        let pool = NIOThreadPool(numberOfThreads: min(sources.count, Self.threads))
        pool.start()
        await withDiscardingTaskGroup { group in
            for source in sources {
                group.addTask { await loop(source, pool: pool) }
            }
        }
        try await pool.shutdownGracefully()
    }

    private func loop(_ source: Source, pool: NIOThreadPool) async {
        let leadership = Leadership(of: "source \(source.name)", leases: leases, duration: source.interval * 2 + 60, logger: logger)
        await polls(of: source, pool: pool, leadership: leadership)
        // Stopping cleanly: another instance may poll it at once.
        _ = try? await pool.runIfActive { leadership.release() }
    }

    private func polls(of source: Source, pool: NIOThreadPool, leadership: Leadership) async {
        let poller = self.poller
        while !Task.isShuttingDownGracefully {
            let due = (try? await pool.runIfActive { poller.nextPoll(of: source) }) ?? Date()
            guard await sleep(max(0, due.timeIntervalSinceNow)) else { return }
            guard let leads = try? await pool.runIfActive({ leadership.check() }) else { return }
            guard leads else {
                // Another instance polls it: look again before its lease could run out.
                guard await sleep(min(source.interval, 60)) else { return }
                continue
            }
            guard let outcome = try? await pool.runIfActive({ poller.poll(source) }) else { return }
            record(outcome, of: source)
            if outcome.added > 0 { postsArrived() }
        }
    }

    /// Waits `seconds`; `false` when the server began shutting down first.
    private func sleep(_ seconds: TimeInterval) async -> Bool {
        guard seconds > 0 else { return true }
        return (try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(seconds * 1_000))) }) != nil
    }

    private func record(_ outcome: SourcePoller.Outcome, of source: Source) {
        let name = ("source", source.name)
        let result = outcome.error != nil ? "error" : outcome.notModified ? "not_modified" : "ok"
        Counter(label: "muster_source_polls_total", dimensions: [name, ("result", result)]).increment()
        Counter(label: "muster_source_posts_added_total", dimensions: [name]).increment(by: outcome.added)
        Counter(label: "muster_source_items_rejected_total", dimensions: [name]).increment(by: outcome.rejected.count)
        Gauge(label: "muster_source_failures", dimensions: [name]).record(outcome.status.failures)
        if let success = outcome.status.lastSuccessAt {
            Gauge(label: "muster_source_last_success_seconds", dimensions: [name]).record(success.timeIntervalSince1970)
        }
        var metadata: Logger.Metadata = ["source": "\(source.name)", "added": "\(outcome.added)", "result": "\(result)"]
        if let next = outcome.status.nextPollAt { metadata["next"] = "\(next)" }
        if let error = outcome.error {
            metadata["error"] = "\(error)"
            logger.warning("source poll failed", metadata: metadata)
        } else {
            if !outcome.rejected.isEmpty { metadata["rejected"] = "\(outcome.rejected.count)" }
            logger.info("source polled", metadata: metadata)
        }
    }
}
