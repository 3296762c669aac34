import Foundation
import MusterAlerts
import MusterEval
import Testing

/// The eval's CrisisLexT26 replay, on a tiny synthetic set in the same layout and on two real events: `muster eval
/// alerts` runs the same code over all 26.
@Suite("CrisisLex replay")
struct CrisisReplayTests {
    static let crisisFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/crisislex/CrisisLexT26")

    /// A tweet id carrying `time`, as Twitter's ids do: milliseconds since its epoch, shifted past 22 bits.
    static func tweetID(at time: Date) -> Int64 {
        (Int64((time.timeIntervalSince1970 * 1_000).rounded()) - 1_288_834_974_657) << 22
    }

    /// Writes one event in CrisisLexT26's layout: `name/name-tweets_labeled.csv`.
    static func writeEvent(_ name: String, in folder: URL, tweets: [(Date, String)]) throws {
        let directory = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = "Tweet ID, Tweet Text, Information Source, Information Type, Informativeness\n"
        for (index, (time, label)) in tweets.enumerated() {
            text += "\"\(tweetID(at: time))\",\"tweet \(index), with a comma\",Outsiders,Other Useful Information,\(label)\n"
        }
        try text.write(to: directory.appendingPathComponent("\(name)-tweets_labeled.csv"), atomically: true, encoding: .utf8)
    }

    @Test("a synthetic crash is caught within the hour; a trickle of unrelated tweets and a slow one are not")
    func synthetic() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("muster-crisis-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date(timeIntervalSince1970: 1_385_764_800)
        // A stray related tweet the day before, then 40 in the 20 minutes after the crash, and unrelated chatter.
        var crash = [(start.addingTimeInterval(-86_400), "Related and informative")]
        crash += (0..<40).map { (start.addingTimeInterval(Double($0) * 30), $0 % 3 == 0 ? "Related - but not informative" : "Related and informative") }
        crash += (0..<30).map { (start.addingTimeInterval(Double($0) * 3_600), "Not related") }
        try Self.writeEvent("2013_Synthetic_crash", in: folder, tweets: crash)
        // One related tweet every two hours for three days: never a crowd.
        try Self.writeEvent("2012_Synthetic_drizzle", in: folder, tweets: (0..<36).map { (start.addingTimeInterval(Double($0) * 7_200), "Related and informative") })

        let measure = try CrisisAlertMeasure(folder: folder)
        #expect(measure.events.map(\.name) == ["2012_Synthetic_drizzle", "2013_Synthetic_crash"])
        #expect(measure.events.map(\.posts) == [36, 41])
        let figures = try measure.measure(.sensitivity(.normal))
        let crashDelay = try #require(figures.events[1].delay)
        // From the stray tweet a day before: the alert comes within the hour of the crash itself.
        #expect(crashDelay > 86_400 && crashDelay <= 86_400 + 3_600)
        #expect(figures.events[1].spike?.isNewTopic == true)
        #expect(figures.events[0].delay == nil)
        #expect(figures.detected(within: nil, in: [2013]) == (1, 1))
        #expect(figures.detected(within: nil, in: nil) == (1, 2))
        #expect(AlertReport.crisisEvents([figures]).contains("| 2012_Synthetic_drizzle (tuning) | 36 | missed |"))
    }

    @Test("two real events: the Glasgow helicopter crash and the New York train crash are caught within an hour",
          .enabled(if: FileManager.default.fileExists(atPath: crisisFolder.path), "needs ../shared/data/crisislex/CrisisLexT26"))
    func realEvents() throws {
        let names: Set = ["2013_Glasgow_helicopter_crash", "2013_NY_train_crash"]
        let measure = try CrisisAlertMeasure(folder: Self.crisisFolder, only: names)
        #expect(Set(measure.events.map(\.name)) == names)
        let figures = try measure.measure(.sensitivity(.normal))
        for event in figures.events {
            let delay = try #require(event.delay, "\(event.event) missed")
            #expect(delay <= 3_600, "\(event.event): \(delay / 60) minutes")
        }
    }
}

/// What the demo replay holds alerts against, read from the phrasebook the generator writes from.
@Suite("Demo stories")
struct DemoStoryTests {
    static let phrasebook = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/northbridge/demo-phrasebook.yaml")

    @Test("the phrasebook's stories are read with their wards, hashtags and days, counted back from the end")
    func stories() throws {
        let stories = try DemoStory.load(phrasebook: Self.phrasebook.path)
        let fire = try #require(stories.first { $0.name == "Hill Street fire" })
        #expect(fire.wards == ["Hill Top"])
        #expect(fire.tag == "#HillStreetFire")
        let end = Date(timeIntervalSince1970: 1_795_000_000)
        // From the start of day 2 back to the end of day 1 back: the generator's posts fall in [end − 3 d, end − 1 d].
        #expect(fire.span(end: end) == end.addingTimeInterval(-3 * 86_400)...end.addingTimeInterval(-86_400))
        let floods = try #require(stories.first { $0.name == "River Nor flooding" })
        #expect(floods.wards == ["Quayside", "Brookhaven"])
        #expect(stories.count >= 4)
    }
}
