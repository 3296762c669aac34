import ArgumentParser
import Foundation
import MusterAlerts
import MusterApp
import MusterConfig
import MusterCore
import MusterDemo
import MusterEval

struct AlertsEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Measure spike alerts: false alarms and story delays on the demo month, delays on CrisisLexT26's events.",
        discussion: """
            Builds the demo month in a throwaway store, replays a watch per topic (over the whole patch and in each
            ward) every 5 minutes with each sensitivity's defaults, and holds each alert against the phrasebook's
            stories. Then replays CrisisLexT26's 26 events on their real timelines (2012 may be tuned on, 2013 is
            held out). --grid adds the candidates the defaults were chosen from, on the tuning data only.

            Example: swift run -c release muster eval alerts --data ../shared/data
            """
    )

    @Option(name: .long, help: "The config file (default: $MUSTER_CONFIG, else config/northbridge/muster.yaml).")
    var config: String?

    @Option(help: "The shared data folder.")
    var data = "../shared/data"

    @Option(help: "The demo's volume (1: as `muster demo` builds it).")
    var scale = 1.0

    @Option(help: "The demo's last instant (the fixtures' frozen now, so figures repeat).")
    var end = "2026-11-24T09:42:00Z"

    @Flag(help: "Also measure the candidate settings the defaults were chosen from (demo and 2012 events only).")
    var grid = false

    @Flag(help: "List the false alarms of the normal defaults.")
    var details = false

    func validate() throws {
        guard scale > 0, scale <= 10 else { throw ValidationError("--scale must be above 0 and at most 10") }
        guard (try? Date(end, strategy: .iso8601)) != nil else { throw ValidationError("--end must be an ISO 8601 time, e.g. 2026-11-24T09:42:00Z") }
    }

    func run() throws {
        do {
            let configPath = Muster.configPath(config)
            let end = try Date(end, strategy: .iso8601)
            let days = 35
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("muster-eval-alerts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let muster = try Muster(configPath: configPath, storePath: folder.appendingPathComponent("demo.sqlite").path, clock: FixedClock(end))
            _ = try muster.buildDemo(end: end, days: days, scale: scale, exportPath: folder.appendingPathComponent("demo.ndjson").path, configPath: configPath)
            let phrasebook = URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent("demo-phrasebook.yaml").path
            let generator = DemoGenerator(config: muster.config, phrasebook: try Muster.phrasebook(configPath: configPath), end: end, days: days, scale: scale)
            let demo = try DemoAlertMeasure(
                store: muster.store, start: end.addingTimeInterval(-Double(days) * 86_400), end: end, stories: try DemoStory.load(phrasebook: phrasebook),
                timelines: generator.storyTimelines(), topics: muster.config.topics.map(\.name), wards: muster.config.wards.map(\.name)
            )
            let crisis = try CrisisAlertMeasure(folder: URL(fileURLWithPath: data).appendingPathComponent("crisislex/CrisisLexT26"))

            let defaults = Watch.Sensitivity.allCases.map { AlertCandidate.sensitivity($0) } + [AlertCandidate.sensitivity(.normal, model: .poisson)]
            let demoFigures = try defaults.map(demo.measure)
            print("## Demo month (generated, tuned on): \(days) days, \(demo.posts.grouped) posts at scale \(scale), checked every 5 minutes\n")
            print("Delays are from a story's first post to its topic's first alert: the patch-wide watch · the story's ward watches.\n")
            print(AlertReport.demo(demoFigures, stories: demo.storyNames))
            if let normal = demoFigures.first(where: { $0.candidate.name == "normal" }) {
                print("\n### Each story, with the normal defaults\n")
                print(AlertReport.stories(normal))
            }
            if details, let normal = demoFigures.first(where: { $0.candidate.name == "normal" }) {
                print("\n### False alarms of the normal defaults\n")
                print(AlertReport.falseAlarms(normal))
            }
            let crisisFigures = try defaults.map(crisis.measure)
            print("\n## CrisisLexT26 (Olteanu, Vieweg & Castillo, CSCW 2015; repository MIT): a watch on each event's related tweets, from its first\n")
            print(AlertReport.crisisSummary(crisisFigures))
            print()
            print(AlertReport.crisisEvents(crisisFigures))
            if grid {
                let tuning = try CrisisAlertMeasure(
                    folder: URL(fileURLWithPath: data).appendingPathComponent("crisislex/CrisisLexT26"),
                    only: Set(crisis.events.filter { $0.year == CrisisAlertMeasure.tuningYear }.map(\.name))
                )
                let candidates = AlertGrid.candidates
                print("\n## Tuning grid (demo month and the 2012 events only)\n")
                print(AlertReport.demo(try candidates.map(demo.measure), stories: demo.storyNames))
                print()
                print(AlertReport.crisisSummary(try candidates.map(tuning.measure)))
            }
        } catch {
            throw Failure.report(error)
        }
    }
}
