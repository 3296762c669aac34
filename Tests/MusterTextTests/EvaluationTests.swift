import Foundation
import MusterConfig
import MusterEval
import MusterTesting
import Testing

/// The enrichment figures on real data, held at least where they stand today so a change cannot quietly make them
/// worse. `muster eval` prints them in full.
@Suite("Enrichment measured on real data")
struct EvaluationTests {
    @Test("sentiment, stance, what a post is, topics, areas and language stay at or above their measured levels")
    func figures() throws {
        let data = Fixture.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        try #require(FileManager.default.fileExists(atPath: data.path), "the shared data folder is expected beside the repository")
        let config = try CouncilConfig.load(from: Fixture.demoConfigPath)
        let results = try Evaluation(
            config: config, dataFolder: data,
            mappingFile: Fixture.repositoryRoot.appendingPathComponent("config/eval/fixmystreet-groups.yaml")
        ).run()
        func value(_ measure: String) -> Double? {
            results.first { $0.measure == measure }.flatMap { Double($0.value.prefix { $0.isNumber || $0 == "." }) }
        }
        #expect(try #require(value("sentiment: macro-averaged recall")) > 0.570, "VADER's 0.570 on the same split")
        #expect(try #require(value("stance: macro-F1 (support, deny, query, comment)")) >= 0.50, "the stance model measured 0.506")
        #expect(try #require(value("topics: accuracy against group_b")) >= 30)
        #expect(try #require(value("areas: reports placed in a London ward")) >= 99)
        #expect(try #require(value("areas: same ward as an independent point-in-polygon")) == 100)
        #expect(try #require(value("areas: wards that place a point inside themselves")) == 100)
        #expect(try #require(value("areas: Glasgow crash tweets placed from text alone")) >= 34)
        #expect(try #require(value("language: Welsh posts read as Welsh")) >= 90)
        // What a post is, on CrisisLexT26's 2013 events (with no partners named, then Glasgow with its own): F1.
        func f1(_ measure: String, _ index: Int = 0) -> Double? {
            results.filter { $0.measure == measure }.dropFirst(index).first.flatMap { $0.value.components(separatedBy: "F1 ").last.flatMap(Double.init) }
        }
        #expect(try #require(f1("kinds: report against “Media”")) >= 0.70)
        #expect(try #require(f1("kinds: sympathy against “Sympathy and support”")) >= 0.68)
        #expect(try #require(f1("kinds: appeal against “Donations and volunteering”")) >= 0.55)
        #expect(try #require(f1("kinds: official against “Government”", 1)) >= 0.55, "Glasgow, its partners named")
    }
}
