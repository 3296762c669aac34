import CPCRE2
import Foundation
import MusterApp
import MusterIntents
import MusterTesting

/// Time to pick the winning intent for one message — normalisation, every intent's patterns, ranking and slot
/// extraction — beside the floor: a bare loop of `pcre2_jit_match` over the same compiled patterns and the same
/// (already normalised) messages, with match data allocated once.
struct IntentMatchingBenchmark {
    let intents: IntentSet
    let messages: [String]
    let rounds: Int

    func run() -> BenchmarkResult {
        for message in messages { _ = intents.match(message) }
        var muster: [Double] = []
        muster.reserveCapacity(rounds * messages.count)
        for _ in 0..<rounds {
            for message in messages {
                let start = DispatchTime.now().uptimeNanoseconds
                let match = intents.match(message)
                let end = DispatchTime.now().uptimeNanoseconds
                blackHole(match?.intent)
                muster.append(Double(end - start) / 1_000)
            }
        }
        return BenchmarkResult(
            name: "intent matching: the winner for one message (\(intents.intents.count) intents, \(patternCount) patterns, highest priority first)",
            unit: "µs", figure: Summary(muster), floor: Summary(floor()),
            floorDescription: "raw `pcre2_jit_match` of every pattern once", target: "≤ 20 µs median",
            met: Summary(muster).median <= 20
        )
    }

    private var patternCount: Int { intents.intents.reduce(0) { $0 + $1.patterns.count } }

    private func floor() -> [Double] {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS)
        let codes: [OpaquePointer] = intents.intents.flatMap(\.patterns).map { pattern in
            let code = pcre2_compile_8(pattern.compiled.source, pattern.compiled.source.utf8.count, options, &errorCode, &errorOffset, nil)!
            pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
            return code
        }
        let data = codes.map { pcre2_match_data_create_from_pattern_8($0, nil)! }
        defer {
            data.forEach { pcre2_match_data_free_8($0) }
            codes.forEach { pcre2_code_free_8($0) }
        }
        let inputs = messages.map { Array(intents.normaliser.normalise($0).utf8) }
        var samples: [Double] = []
        var matched: Int32 = 0
        for _ in 0..<rounds {
            for bytes in inputs {
                let start = DispatchTime.now().uptimeNanoseconds
                for (code, matchData) in zip(codes, data) {
                    matched &+= pcre2_jit_match_8(code, bytes, bytes.count, 0, 0, matchData, nil)
                }
                let end = DispatchTime.now().uptimeNanoseconds
                samples.append(Double(end - start) / 1_000)
            }
        }
        blackHole(matched)
        return samples
    }
}

@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
