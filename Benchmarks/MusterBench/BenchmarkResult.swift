import MusterCore

/// Median and 99th percentile of a set of timings.
struct Summary {
    let median: Double
    let p99: Double
    let count: Int

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
    }

    /// Throughputs, where the tail that matters is the slow end: the median and the 1st percentile (for a few
    /// samples, the slowest).
    init(rates: [Double]) {
        let sorted = rates.sorted()
        count = sorted.count
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        p99 = sorted.isEmpty ? 0 : sorted[Int(Double(sorted.count - 1) * 0.01)]
    }

    /// A summary another tool measured (wrk's percentiles).
    init(median: Double, p99: Double) {
        self.median = median
        self.p99 = p99
        count = 0
    }
}

/// One benchmark's figure beside its floor, measured in the same run.
struct BenchmarkResult {
    let name: String
    let unit: String
    let figure: Summary
    let floor: Summary
    let floorDescription: String
    let target: String
    /// Whether the target holds; `nil` where there is no target.
    let met: Bool?
    /// Throughputs: the floor is the higher figure, and the ratio says how many times short of it Muster is.
    var higherIsBetter = false

    var markdownRow: String {
        func format(_ value: Double) -> String {
            value >= 1000 ? Int(value.rounded()).grouped : String(format: value < 10 ? "%.2f" : "%.1f", value)
        }
        let (slow, fast) = higherIsBetter ? (floor.median, figure.median) : (figure.median, floor.median)
        let ratio = fast > 0 ? String(format: "%.1f×", slow / fast) : "–"
        return "| \(name) | \(format(figure.median)) \(unit) | \(format(figure.p99)) \(unit) | \(format(floor.median)) \(unit) (\(floorDescription)) | \(ratio) | \(target) | \(met.map { $0 ? "met" : "not met" } ?? "–") |"
    }
}
