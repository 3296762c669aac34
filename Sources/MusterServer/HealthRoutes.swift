import Foundation
import Hummingbird
import MusterApp
import MusterConfig
import NIOCore
import Prometheus

/// Liveness, readiness and Prometheus metrics.
enum HealthRoutes {
    static func add(to router: Router<BasicRequestContext>, muster: Muster, metrics: PrometheusCollectorRegistry) {
        let store = muster.posts
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            // The store is read off the cooperative pool: on PostgreSQL the read waits for the server.
            let degraded = try await Blocking.run { () -> [String]? in
                guard (try? store.latestPostTime(atOrBefore: nil)) != nil else { return nil }
                // A stale or failing source leaves the answers working, on older data: ready, and saying which.
                return ((try? muster.sourceHealth()) ?? []).filter { $0.isFailing || $0.isStale(at: Date()) }.map { "degraded: \(describe($0))" }
            }
            guard let degraded else { return text("not ready: the store holds no posts\n", status: .serviceUnavailable) }
            return text((["ready"] + degraded).joined(separator: "\n") + "\n", status: .ok)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }

    /// "gazette-feed: last read 2026-12-02T09:41:00Z; HTTP 500 (3 failures)".
    private static func describe(_ health: SourceHealth) -> String {
        var parts = [health.lastRead.map { "last read \($0.formatted(.iso8601))" } ?? "never read"]
        if let status = health.status, status.isFailing {
            parts.append("\(status.lastError ?? "failing") (\(status.failures) failure\(status.failures == 1 ? "" : "s") in a row)")
        }
        return "\(health.source.name): " + parts.joined(separator: "; ")
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
