import Foundation
import MusterScheduler
import ServiceLifecycle

/// Runs the scheduler (watches, alerts, sitreps, the digest) on its own thread for as long as the server runs; on
/// shutdown it finishes the pass in progress, so a claimed alert is always queued with its claim.
struct SchedulerService: Service {
    let scheduler: Scheduler

    func run() async throws {
        let scheduler = self.scheduler
        async let finished: Void = withCheckedContinuation { continuation in
            Thread {
                scheduler.run()
                continuation.resume()
            }.start()
        }
        try? await gracefulShutdown()
        scheduler.stop()
        await finished
    }
}
