import Foundation
import ServiceLifecycle

/// Runs a blocking loop (the outbox worker, the scheduler) on a thread of its own for as long as the server runs —
/// SQLite, libcurl and the bot block, so they stay off the event loops. On shutdown it asks the loop to stop and waits
/// for the pass in progress, so a message is never left half-recorded.
struct ThreadLoopService: Service {
    /// Runs until `stop` is called.
    let run: @Sendable () -> Void
    /// Asks `run` to return after its current pass.
    let stop: @Sendable () -> Void

    func run() async throws {
        let loop = run
        async let finished: Void = withCheckedContinuation { continuation in
            Thread {
                loop()
                continuation.resume()
            }.start()
        }
        try? await gracefulShutdown()
        stop()
        await finished
    }
}
