import Foundation
import MusterDelivery
import ServiceLifecycle

/// Runs the outbox worker on its own thread for as long as the server runs; on shutdown it lets the delivery in
/// progress finish, so a message is never left half-recorded.
struct OutboxService: Service {
    let worker: OutboxWorker

    func run() async throws {
        let worker = self.worker
        async let finished: Void = withCheckedContinuation { continuation in
            Thread {
                worker.run()
                continuation.resume()
            }.start()
        }
        try? await gracefulShutdown()
        worker.stop()
        await finished
    }
}
