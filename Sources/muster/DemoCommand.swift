import ArgumentParser
import Foundation
import MusterApp
import MusterCore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo council's store (a month of Northbridge's posts) and serve the web console on it.",
        discussion: """
            Replaces the store named in the config (or --store) with a freshly generated month of posts ending now,
            then serves the web console (http://127.0.0.1:8080), or with --chat opens `muster chat` in the terminal.
            The posts are generated deterministically from the phrasebook beside the config.
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Days of posts to generate.")
    var days = 35

    @Option(help: "Volume multiplier (1 gives over 50,000 posts).")
    var scale = 1.0

    @Flag(help: "Build the store and exit.")
    var noChat = false

    @Flag(help: "Chat in the terminal instead of serving the web console.")
    var chat = false

    @Option(help: "The port the web console listens on.")
    var port = 8080

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days must be between 1 and 366") }
        guard scale > 0, scale <= 50 else { throw ValidationError("--scale must be above 0 and at most 50") }
    }

    func run() async throws {
        let probe = try options.open()
        let storePath = probe.store.database.path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        let muster = try options.open()
        let end = muster.clock.now
        let started = Date()
        let export = URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("demo-posts.ndjson").path
        let bar = ProgressBar(label: "building the demo store")
        let report = try muster.buildDemo(end: end, days: days, scale: scale, exportPath: export, configPath: options.config) { done, all in
            bar.update(done, of: all)
        }
        let seconds = Date().timeIntervalSince(started)
        let size = (try? FileManager.default.attributesOfItem(atPath: storePath)[.size] as? Int) ?? 0
        print("Built the demo store for \(muster.config.organisation.name): \(report.inserted.grouped) posts over \(days) days in \(String(format: "%.1f", seconds)) s")
        print("  store: \(storePath) (\(size / 1_000_000) MB); posts also written to \(export)")
        if !report.rejected.isEmpty { print("  warning: \(report.rejected.count) generated posts were rejected: \(report.rejected[0])") }
        guard !noChat else { return }
        guard chat else {
            try await ServeCommand.serve(muster, host: "127.0.0.1", port: port)
            return
        }
        if Terminal.isInteractive(.standardInput) {
            print("Try: what are people saying about bins in Ward 4?")
        }
        try ChatCommand.converse(with: muster)
    }
}
