import CPCRE2
import Foundation
import MusterApp
import MusterIntents
import MusterTesting

/// Time to read one message — normalisation, typos, every kind of thing, every intent's cues, the whole-sentence
/// patterns a cue points at, scoring, the decision and its slots — beside the floor: a bare loop of one
/// `pcre2_jit_match` of each pattern every message is run through (the thing and cue scans) over the same (already
/// normalised) messages, with match data allocated once and a callout that does nothing, so the floor pays for the
/// scans' every-place exploration but not for recording what they find.
struct IntentMatchingBenchmark {
    let intents: IntentSet
    let messages: [String]
    let rounds: Int

    func run() -> BenchmarkResult {
        for message in messages { _ = intents.read(message) }
        var muster: [Double] = []
        muster.reserveCapacity(rounds * messages.count)
        for _ in 0..<rounds {
            for message in messages {
                let start = DispatchTime.now().uptimeNanoseconds
                let reading = intents.read(message)
                let end = DispatchTime.now().uptimeNanoseconds
                blackHole(reading.decision)
                muster.append(Double(end - start) / 1_000)
            }
        }
        return BenchmarkResult(
            name: "intent matching: one message read, things and cues first (\(intents.intents.count) intents, \(intents.scanningPatterns.count) thing and cue patterns, \(intents.sentencePatternCount) whole-sentence patterns)",
            unit: "µs", figure: Summary(muster), floor: Summary(floor()),
            floorDescription: "raw `pcre2_jit_match` of the thing and cue scans, callouts doing nothing", target: "≤ 20 µs median",
            met: Summary(muster).median <= 20
        )
    }

    private func floor() -> [Double] {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS)
        let codes: [OpaquePointer] = intents.scanningPatterns.map { pattern in
            let code = pcre2_compile_8(pattern.source, pattern.source.utf8.count, options, &errorCode, &errorOffset, nil)!
            pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
            return code
        }
        let data = codes.map { pcre2_match_data_create_from_pattern_8($0, nil)! }
        let context = pcre2_match_context_create_8(nil)!
        pcre2_set_callout_8(context, { _, _ in 0 }, nil)
        defer {
            pcre2_match_context_free_8(context)
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
                    matched &+= pcre2_jit_match_8(code, bytes, bytes.count, 0, 0, matchData, context)
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
