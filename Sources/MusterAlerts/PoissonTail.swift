import Foundation

/// The upper tail of a Poisson count, P(X ≥ k | mean), in log space so that counts in the thousands against a
/// mean of a few neither overflow nor round to zero before they are compared.
public enum PoissonTail {
    /// ln P(X ≥ `count`) for X Poisson with `mean`: 0 for a count of 0 or less, −∞ for a positive count against a
    /// mean of 0.
    ///
    /// - Parameters:
    ///   - count: the count observed.
    ///   - mean: the expected count (≥ 0).
    public static func logProbability(atLeast count: Int, mean: Double) -> Double {
        guard count > 0 else { return 0 }
        guard mean > 0 else { return -.infinity }
        // P(X ≥ k) is the regularised lower incomplete gamma function P(k, mean).
        return IncompleteGamma.logLowerRegularized(Double(count), mean)
    }

    /// P(X ≥ `count`) for X Poisson with `mean`.
    ///
    /// - Parameters:
    ///   - count: the count observed.
    ///   - mean: the expected count (≥ 0).
    public static func probability(atLeast count: Int, mean: Double) -> Double {
        exp(logProbability(atLeast: count, mean: mean))
    }
}

/// The regularised incomplete gamma function, by its series below a + 1 and its continued fraction above
/// (Numerical Recipes §6.2), with the prefactor kept in logs.
enum IncompleteGamma {
    static let maxIterations = 100_000
    static let epsilon = 1e-15

    /// ln P(a, x) = ln γ(a, x) / Γ(a), for a > 0, x > 0.
    static func logLowerRegularized(_ a: Double, _ x: Double) -> Double {
        let logPrefactor = -x + a * log(x) - LogGamma.of(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var n = 1.0
            for _ in 0..<maxIterations {
                term *= x / (a + n)
                sum += term
                if term < sum * epsilon { break }
                n += 1
            }
            return logPrefactor + log(sum)
        }
        // Q is at most moderate here, so 1 − Q loses nothing that matters.
        let q = exp(logPrefactor + log(continuedFraction(a, x)))
        return log1p(-min(q, 1))
    }

    /// The continued fraction for Q(a, x) without its prefactor, by the modified Lentz method.
    private static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
