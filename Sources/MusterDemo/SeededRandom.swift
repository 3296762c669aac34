/// SplitMix64: a small, fast generator whose sequence depends only on its seed, on every platform and release,
/// so the demo month is the same everywhere.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniformly chosen element.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index chosen in proportion to `weights`.
    mutating func weighted(_ weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// Triangular on [low, high] with its mode at `mode`.
    mutating func triangular(low: Double, high: Double, mode: Double) -> Double {
        let u = unit()
        let split = (mode - low) / (high - low)
        return u < split
            ? low + ((high - low) * (mode - low) * u).squareRoot()
            : high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
    }

    /// A heavy-tailed count: most are small, a few are large, as engagement is.
    mutating func heavyTail(scale: Double, cap: Int) -> Int {
        min(cap, Int(scale * (1 / max(unit(), 1e-9) - 1).squareRoot()))
    }
}
