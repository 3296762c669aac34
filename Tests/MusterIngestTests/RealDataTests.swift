import Foundation
import MusterApp
import MusterTesting
import Testing

/// Real public data from `../shared/data` loaded through the ordinary importers, as a council would load exports.
@Suite("Real data through the importers")
struct RealDataTests {
    static let data = Fixture.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test("CrisisLexT26's Glasgow helicopter crash tweets load from CSV with times taken from their ids")
    func crisisLex() throws {
        let file = Self.data.appendingPathComponent("crisislex/CrisisLexT26/2013_Glasgow_helicopter_crash/2013_Glasgow_helicopter_crash-tweets_labeled.csv").path
        try #require(FileManager.default.fileExists(atPath: file), "the shared data folder is expected beside the repository")
        let muster = try Fixture.empty()
        let report = try muster.ingester.ingest(file, source: "x")
        #expect(report.inserted == 1_100 && report.rejected.isEmpty)
        let first = try muster.store.database.scalar("SELECT min(created_at) FROM post") ?? 0
        // The crash was on the night of Friday 29 November 2013.
        #expect(first >= 1_385_683_200 && first < 1_385_769_600)
    }

    @Test("PHEME's rumour source tweets load from TSV, keeping followers as reach and retweets as shares")
    func pheme() throws {
        let file = Self.data.appendingPathComponent("rumours/pheme_source_tweets_veracity.tsv").path
        try #require(FileManager.default.fileExists(atPath: file), "the shared data folder is expected beside the repository")
        let muster = try Fixture.empty()
        let report = try muster.ingester.ingest(file, source: "x")
        #expect(report.inserted == 2_402 && report.rejected.isEmpty)
        let row = try muster.store.database.rows("SELECT author_handle, reach, shares FROM post WHERE external_id = '553529101659566080'") {
            ($0.string(0), $0.int(1), $0.int(2))
        }
        #expect(row.first! == ("haaretzcom", 193_798, 177))
    }
}
