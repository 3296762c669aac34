import Foundation
import MusterFuzzing
import Testing

/// Every input in the fuzzers' committed corpus (`Fuzzing/Corpus/`: seeds, and each input that once crashed or broke a
/// parser) replayed through the same checks as under libFuzzer, so that hostile input guards every test run.
@Suite("Fuzz corpus replayed")
struct FuzzCorpusTests {
    /// The inputs of one target's corpus, by file name.
    static func inputs(of target: FuzzTarget) throws -> [(name: String, data: Data)] {
        let files = try FileManager.default.contentsOfDirectory(at: target.corpus, includingPropertiesForKeys: nil)
        return try files.sorted { $0.lastPathComponent < $1.lastPathComponent }.map { ($0.lastPathComponent, try Data(contentsOf: $0)) }
    }

    @Test("every corpus input keeps its parser's promises, in time", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let inputs = try Self.inputs(of: target)
        #expect(inputs.count >= 10, "the \(target.rawValue) corpus has only \(inputs.count) inputs")
        target.prepare()
        for (name, data) in inputs {
            let clock = ContinuousClock()
            var violations: [String] = []
            let elapsed = clock.measure { violations = target.violations(data) }
            #expect(violations.isEmpty, "\(target.rawValue)/\(name): \(violations.joined(separator: "; "))")
            // Generous for a debug build on a loaded machine: an input that once cost 9 s must not creep back.
            #expect(elapsed < .seconds(3), "\(target.rawValue)/\(name) took \(elapsed)")
        }
    }
}
