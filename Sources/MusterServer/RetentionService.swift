import Foundation
import Logging
import MusterApp
import ServiceLifecycle

/// Applies the retention periods once a minute after start-up and then once a day, for as long as the server runs,
/// so a store served for months never holds posts past `retention_days`.
struct RetentionService: Service {
    let retention: Retention
    let logger: Logger
    /// The wait before the first run, so that start-up is quick and a crash loop does not prune over and over.
    var firstRunAfter: Duration = .seconds(60)
    /// The wait between runs.
    var interval: Duration = .seconds(24 * 3_600)

    func run() async throws {
        var wait = firstRunAfter
        while !Task.isShuttingDownGracefully {
            // Ends the wait early, and the service, when the server shuts down.
            let pause = wait
            guard (try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }) != nil else { return }
            wait = interval
            // Pruning blocks on SQLite: off the cooperative threads, which answer requests.
            let retention = self.retention
            let outcome = await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: Result { try retention.prune(by: "muster serve", channel: "retention") }) }.start()
            }
            switch outcome {
            case .success(let counts): logger.info("retention applied", metadata: ["deleted": "\(counts)"])
            case .failure(let error): logger.error("retention could not be applied; will try again tomorrow", metadata: ["error": "\(error)"])
            }
        }
    }
}
