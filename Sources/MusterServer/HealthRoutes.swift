import Hummingbird
import MusterStore
import NIOCore
import Prometheus

/// Liveness, readiness and Prometheus metrics.
enum HealthRoutes {
    static func add(to router: Router<BasicRequestContext>, store: SQLitePostStore, metrics: PrometheusCollectorRegistry) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            let ready = (try? store.latestPostTime(atOrBefore: nil)) != nil
            return text(ready ? "ready\n" : "not ready: the store holds no posts\n", status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
