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
}

/// One benchmark's figure beside its floor, measured in the same run.
struct BenchmarkResult {
    let name: String
    let unit: String
    let figure: Summary
    let floor: Summary
    let floorDescription: String
    let target: String
    let met: Bool

    var markdownRow: String {
        func format(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }
        let ratio = floor.median > 0 ? String(format: "%.1f×", figure.median / floor.median) : "–"
        return "| \(name) | \(format(figure.median)) \(unit) | \(format(figure.p99)) \(unit) | \(format(floor.median)) \(unit) (\(floorDescription)) | \(ratio) | \(target) | \(met ? "met" : "not met") |"
    }
}
