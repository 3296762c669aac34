import Foundation

/// ln Γ(x) for x > 0, by Lanczos' approximation (g = 7, nine terms; relative error below 1e-14).
///
/// Written out rather than taken from libm's `lgamma`, which writes the global `signgam` and so is not safe to call
/// from several threads at once.
enum LogGamma {
    private static let g = 7.0
    private static let coefficients: [Double] = [
        0.999_999_999_999_809_93, 676.520_368_121_885_1, -1_259.139_216_722_402_8, 771.323_428_777_653_13,
        -176.615_029_162_140_59, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6,
        1.505_632_735_149_311_6e-7,
    ]

    static func of(_ x: Double) -> Double {
        precondition(x > 0, "ln Γ is only needed for positive arguments")
        if x < 0.5 {
            // Reflection keeps the series in the range where it is accurate.
            return log(Double.pi / sin(Double.pi * x)) - of(1 - x)
        }
        let z = x - 1
        var sum = coefficients[0]
        for index in 1..<coefficients.count {
            sum += coefficients[index] / (z + Double(index))
        }
        let t = z + g + 0.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(sum)
    }
}
