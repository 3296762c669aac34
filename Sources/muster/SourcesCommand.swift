import ArgumentParser
import Foundation
import MusterApp
import MusterConfig
import MusterCore

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources `muster serve` polls, with each one's last success, last error, posts added today and next poll.",
        discussion: """
            Sources come from the config's `sources:` list and from each outlet's `feed:`. --poll polls every source
            (or those named) once now, as `muster serve` would, and exits non-zero if any poll failed.
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Poll each source once now, storing what it has, before listing them.")
    var poll = false

    @Argument(help: "Only these sources, by name.")
    var names: [String] = []

    func run() throws {
        let muster = try options.open()
        let sources = try chosen(from: muster.config.sources)
        guard !sources.isEmpty else {
            print("No sources are configured. Add a `sources:` list or an outlet `feed:` to the config; the README shows how.")
            return
        }
        var failed = 0
        if poll {
            let poller = muster.sourcePoller()
            for source in sources {
                let outcome = poller.poll(source)
                if let error = outcome.error {
                    failed += 1
                    print("\(source.name): failed: \(error)")
                } else {
                    let what = outcome.notModified ? "not modified" : "\(outcome.added.grouped) new"
                    let rejected = outcome.rejected.isEmpty ? "" : ", \(outcome.rejected.count.grouped) items rejected"
                    print("\(source.name): \(what)\(rejected)")
                }
                for rejection in outcome.rejected.prefix(5) { print("  \(rejection)") }
            }
            try muster.auditCommand("poll sources", "\(sources.count) polled, \(failed) failed")
            print("")
        }
        let now = Date()
        let health = try muster.sourceHealth().filter { health in sources.contains { $0.name == health.source.name } }
        print(Self.table(health, now: now, local: muster.config.organisation.timeZone))
        if failed > 0 { throw ExitCode.failure }
    }

    private func chosen(from sources: [Source]) throws -> [Source] {
        guard !names.isEmpty else { return sources }
        for name in names where !sources.contains(where: { $0.name == name }) {
            throw ValidationError("there is no source called \(name); the config has: \(sources.map(\.name).joined(separator: ", "))")
        }
        return sources.filter { names.contains($0.name) }
    }

    /// One row per source: name, kind, state, last success, added today, next poll, last error.
    static func table(_ health: [SourceHealth], now: Date, local zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let clock: Date.FormatString = "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)"
        let sameDay = Date.VerbatimFormatStyle(format: clock, timeZone: zone, calendar: calendar)
        let otherDay = Date.VerbatimFormatStyle(
            format: "\(day: .defaultDigits) \(month: .abbreviated) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: zone, calendar: calendar
        )
        // Today's times alone ("14:05"), other days' with their date ("1 Dec 14:05"), in the organisation's zone.
        func time(_ date: Date) -> String {
            calendar.isDate(date, inSameDayAs: now) ? date.formatted(sameDay) : date.formatted(otherDay)
        }
        let today = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().format(now)
        let header = ["SOURCE", "KIND", "STATE", "LAST SUCCESS", "TODAY", "NEXT POLL", "LAST ERROR"]
        let rows = health.map { item -> [String] in
            let status = item.status
            let state = status == nil ? "not yet polled" : item.isFailing ? "failing" : item.isStale(at: now) ? "stale" : "ok"
            let added = status.map { $0.day == today ? $0.addedToday : 0 } ?? 0
            return [
                item.source.name, item.source.kind.rawValue, state, status?.lastSuccessAt.map(time) ?? "never",
                added.grouped, status?.nextPollAt.map { $0 <= now ? "due" : time($0) } ?? "at start",
                status?.isFailing == true ? (status?.lastError ?? "") : "",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
