import Foundation
import MusterAlerts
import Testing

@Suite("Count tails")
struct TailTests {
    /// ln P(X ≥ k) for a Poisson mean by summing its terms in log space: slow, but plainly right.
    static func poissonBySum(_ k: Int, _ mean: Double) -> Double {
        var logTerm = -mean + Double(k) * log(mean) - (1...max(k, 1)).reduce(0.0) { $0 + log(Double($1)) } * (k > 0 ? 1 : 0)
        var terms: [Double] = []
        var j = k
        while terms.count < 100_000 {
            terms.append(logTerm)
            j += 1
            logTerm += log(mean) - log(Double(j))
            if logTerm < terms[0] - 50 { break }
        }
        let top = terms.max()!
        return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }

    @Test("Poisson tails match their sums, from small counts to thousands", arguments: [
        (1, 0.5), (3, 2.0), (10, 2.0), (6, 0.25), (40, 10.0), (1_100, 1_000.0), (5_000, 100.0), (12, 15.0),
    ])
    func poisson(count: Int, mean: Double) {
        let got = PoissonTail.logProbability(atLeast: count, mean: mean)
        let want = Self.poissonBySum(count, mean)
        #expect(abs(got - want) < 1e-9 * max(1, abs(want)), "\(got) against \(want)")
    }

    @Test("a known Poisson value, and the edges")
    func poissonEdges() {
        #expect(abs(PoissonTail.probability(atLeast: 3, mean: 2) - (1 - 5 * exp(-2))) < 1e-14)
        #expect(PoissonTail.logProbability(atLeast: 0, mean: 3) == 0)
        #expect(PoissonTail.logProbability(atLeast: 1, mean: 0) == -.infinity)
        let extreme = PoissonTail.logProbability(atLeast: 10_000_000, mean: 1)
        #expect(extreme.isFinite && extreme < -1e8)
    }

    @Test("negative-binomial tails match their sums, and are wider than Poisson's on few baseline windows", arguments: [
        (3, 4, 4), (10, 8, 4), (6, 1, 4), (25, 40, 4), (20, 10, 1), (1_500, 4_000, 4),
    ])
    func negativeBinomial(count: Int, total: Int, windows: Int) {
        // The pmf of NB(r = total, p = n/(n+1)), summed in log space from `count` up.
        let r = Double(total), p = Double(windows) / Double(windows + 1)
        func logPMF(_ k: Int) -> Double {
            LogGammaReference.of(Double(k) + r) - LogGammaReference.of(r) - LogGammaReference.of(Double(k) + 1) + r * log(p) + Double(k) * log(1 - p)
        }
        let terms = (count..<(count + 200_000)).lazy.map(logPMF).prefix { $0 > logPMF(count) - 60 }
        let top = terms.max()!
        let want = top + log(terms.reduce(0) { $0 + exp($1 - top) })
        let got = NegativeBinomialTail.logProbability(atLeast: count, total: total, windows: windows)
        #expect(abs(got - want) < 1e-8 * max(1, abs(want)), "\(got) against \(want)")
        if count > total / windows + 2 {
            #expect(got > PoissonTail.logProbability(atLeast: count, mean: Double(total) / Double(windows)))
        }
    }
}

/// ln Γ by the Stirling series with a shift, independent of the library's Lanczos form.
enum LogGammaReference {
    static func of(_ x: Double) -> Double {
        var shift = 0.0, z = x
        while z < 10 {
            shift += log(z)
            z += 1
        }
        let series = 1 / (12 * z) - 1 / (360 * pow(z, 3)) + 1 / (1_260 * pow(z, 5)) - 1 / (1_680 * pow(z, 7))
        return (z - 0.5) * log(z) - z + 0.5 * log(2 * .pi) + series - shift
    }
}
