import Metrics
import Prometheus

/// The process's Prometheus registry, bootstrapped into swift-metrics once, the first time a server asks for it.
enum ServerMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
