import Foundation

/// The upper tail of a negative-binomial count, in log space: the count a window would hold when its rate is known
/// only from a few baseline windows.
///
/// A baseline of `n` windows holding `total` posts between them leaves the rate uncertain; averaged over that
/// uncertainty (a gamma posterior from a flat-in-log prior) the next window's count is negative-binomial with size
/// `total` and success probability n / (n + 1), whose mean is still total / n but whose spread is wider by
/// (1 + 1/n). One baseline week is then not trusted like four.
public enum NegativeBinomialTail {
    /// ln P(X ≥ `count`) for the count of a window `fraction` of the baseline windows' length, given `windows`
    /// baseline windows that held `total` posts in all.
    ///
    /// - Parameters:
    ///   - count: the count observed.
    ///   - total: posts in all the baseline windows together (> 0).
    ///   - windows: how many baseline windows (> 0).
    ///   - fraction: the observed window's length over a baseline window's (1 for the same length).
    public static func logProbability(atLeast count: Int, total: Int, windows: Int, fraction: Double = 1) -> Double {
        guard count > 0 else { return 0 }
        guard total > 0, windows > 0, fraction > 0 else { return -.infinity }
        // NB(r, p) with P(X ≤ k − 1) = I_p(r, k), so P(X ≥ k) = I_{1−p}(k, r); 1 − p = fraction / (windows + fraction).
        let n = Double(windows)
        return IncompleteBeta.logRegularized(x: fraction / (n + fraction), oneMinusX: n / (n + fraction), a: Double(count), b: Double(total))
    }
}

/// The regularised incomplete beta function I_x(a, b), by its continued fraction (Numerical Recipes §6.4), with
/// the prefactor kept in logs. Takes 1 − x too, so that neither is ever formed by subtraction.
enum IncompleteBeta {
    static let maxIterations = 100_000
    static let epsilon = 1e-15

    /// ln I_x(a, b) for a, b > 0 and 0 < x < 1.
    static func logRegularized(x: Double, oneMinusX y: Double, a: Double, b: Double) -> Double {
        let logPrefactor = LogGamma.of(a + b) - LogGamma.of(a) - LogGamma.of(b) + a * log(x) + b * log(y)
        if x < (a + 1) / (a + b + 2) {
            return logPrefactor + log(continuedFraction(x: x, a: a, b: b)) - log(a)
        }
        // The complement converges fast here and is at most moderate, so 1 − it loses nothing that matters.
        let complement = exp(logPrefactor + log(continuedFraction(x: y, a: b, b: a)) - log(b))
        return log1p(-min(complement, 1))
    }

    /// The continued fraction for I_x(a, b) without its prefactor, by the modified Lentz method.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for step in 1...maxIterations {
            let m = Double(step), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
