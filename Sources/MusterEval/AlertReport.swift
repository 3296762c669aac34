import Foundation
import MusterAlerts

/// The alert figures as Markdown tables, the form `muster eval alerts` prints and the README quotes.
public enum AlertReport {
    /// The demo month: per candidate, its settings, false alarms a week and each story's delay.
    ///
    /// - Parameters:
    ///   - figures: one row per candidate.
    ///   - stories: the stories' names, in the order their columns are wanted.
    public static func demo(_ figures: [DemoAlertFigures], stories: [String]) -> String {
        guard let first = figures.first else { return "" }
        var lines = [
            "| sensitivity | window · tail · min · new-topic min · cool-down | false alarms/week, \(first.topics.watches) topic watches (not another story's) "
                + "| \(first.wards.watches) ward watches | first week (no baseline week yet): topic · ward | " + stories.joined(separator: " | ") + " |",
            "|---|---|---|---|---|" + String(repeating: "---|", count: stories.count),
        ]
        for row in figures {
            let s = row.candidate.settings
            let settings = "\(duration(s.window)) · \(scientific(s.tail)) · \(s.minimumCount) · \(s.newTopicMinimum) · \(duration(s.coolDown))"
            let quiet = String(format: "%.2f (%.2f) | %.2f (%.2f)", row.topics.perWeek, row.topics.backgroundPerWeek, row.wards.perWeek, row.wards.backgroundPerWeek)
            let warmUp = String(format: "%.1f · %.1f", row.topics.warmUpPerWeek, row.wards.warmUpPerWeek)
            let delays = stories.map { name in
                row.stories.first { $0.story == name }.map { "\(duration($0.patch)) · \(duration($0.ward))" } ?? "–"
            }
            lines.append("| \(row.candidate.name) | \(settings) | \(quiet) | \(warmUp) | " + delays.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Each story under one candidate: when it began, when it crowded, and when each kind of watch spoke.
    public static func stories(_ figures: DemoAlertFigures) -> String {
        var lines = [
            "| story | topic | first post (UTC) | \(DemoAlertMeasure.onsetPosts) of its posts within an hour | patch-wide watch alerted | ward watch alerted |",
            "|---|---|---|---|---|---|",
        ]
        for story in figures.stories {
            func after(_ delay: TimeInterval?) -> String {
                guard let delay, let first = story.firstPost else { return "missed" }
                guard let onset = story.onset else { return "+\(duration(delay))" }
                let fromOnset = first.addingTimeInterval(delay).timeIntervalSince(onset)
                return "+\(duration(delay)) (\(fromOnset < 0 ? "\(duration(-fromOnset)) before" : "\(duration(fromOnset)) after") it crowded)"
            }
            var onset = "never"
            if let first = story.firstPost, let crowded = story.onset { onset = "+\(duration(crowded.timeIntervalSince(first)))" }
            lines.append(
                "| \(story.story) | \(story.topic ?? "–") | \(story.firstPost.map(minute) ?? "–") | \(onset) | \(after(story.patch)) | \(after(story.ward)) |"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func minute(_ date: Date) -> String {
        String(date.formatted(.iso8601).dropLast(4)).replacingOccurrences(of: "T", with: " ")
    }

    /// CrisisLexT26 in brief: per candidate, the events alerted on within an hour, six hours and ever, held-out
    /// events apart from those that may be tuned on.
    public static func crisisSummary(_ figures: [CrisisAlertFigures]) -> String {
        guard let first = figures.first else { return "" }
        let tuning: Set<Int> = [CrisisAlertMeasure.tuningYear]
        let heldOut = Set(first.events.map(\.year)).subtracting(tuning)
        func cell(_ row: CrisisAlertFigures, _ years: Set<Int>) -> String {
            let all = row.detected(within: nil, in: years)
            guard all.of > 0 else { return "–" }
            return "\(row.detected(within: 3_600, in: years).detected) · \(row.detected(within: 6 * 3_600, in: years).detected) · \(all.detected) of \(all.of)"
                + " · median \(duration(row.medianDelay(in: years)))"
        }
        var lines = [
            "| sensitivity | held out (2013): within 1 h · 6 h · ever · median delay | tuning (2012): the same | all | first alerts by the new-topic rule |",
            "|---|---|---|---|---|",
        ]
        for row in figures {
            let newTopic = row.events.filter { $0.spike?.isNewTopic == true }.count
            let alerted = row.events.filter { $0.spike != nil }.count
            lines.append(
                "| \(row.candidate.name) | \(cell(row, heldOut)) | \(cell(row, tuning)) | \(cell(row, Set(first.events.map(\.year)))) | \(newTopic) of \(alerted) |"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// CrisisLexT26 event by event: each candidate's delay from the first related tweet to the first alert.
    public static func crisisEvents(_ figures: [CrisisAlertFigures]) -> String {
        guard let first = figures.first else { return "" }
        var lines = [
            "| event | related tweets | " + figures.map(\.candidate.name).joined(separator: " | ") + " |",
            "|---|---|" + String(repeating: "---|", count: figures.count),
        ]
        for (index, event) in first.events.enumerated() {
            let split = event.year == CrisisAlertMeasure.tuningYear ? " (tuning)" : ""
            let cells = figures.map { duration($0.events[index].delay) }
            lines.append("| \(event.event)\(split) | \(event.posts.grouped) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// The false alarms themselves, first week included, for reading what a duty officer would have been woken by.
    public static func falseAlarms(_ figures: DemoAlertFigures, limit: Int = 60) -> String {
        let all = (figures.topics.falseAlarms + figures.wards.falseAlarms).sorted { $0.time < $1.time }
        var lines = ["| when (UTC) | watch | count | expected | since | p | read against | another story's |", "|---|---|---|---|---|---|---|---|"]
        for alarm in all.prefix(limit) {
            lines.append(
                "| \(alarm.time.formatted(.iso8601)) | \(alarm.watch) | \(alarm.spike.count) | \(String(format: "%.2f", alarm.spike.expected)) "
                    + "| \(alarm.spike.since.formatted(.iso8601)) | \(scientific(alarm.spike.probability)) | \(baseline(alarm.spike.baseline)) | \(alarm.spillover ?? "") |"
            )
        }
        if all.count > limit { lines.append("| … \(all.count - limit) more | | | | | | | |") }
        return lines.joined(separator: "\n")
    }

    /// "4 weeks", "3 days" or "nothing (new topic)".
    static func baseline(_ baseline: Spike.Baseline) -> String {
        switch baseline {
        case .sameHourOfWeek(let weeks): "\(weeks) week\(weeks == 1 ? "" : "s")"
        case .sameHourOfDay(let days): "\(days) day\(days == 1 ? "" : "s")"
        case .none: "nothing (new topic)"
        }
    }

    /// "12 min", "3.5 h", "2.1 d"; "missed" for none.
    static func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "missed" }
        let minutes = seconds / 60
        if minutes < 120 { return "\(Int(minutes.rounded())) min" }
        if minutes < 48 * 60 { return String(format: "%.1f h", minutes / 60) }
        return String(format: "%.1f d", minutes / 1_440)
    }

    static func scientific(_ value: Double) -> String {
        value == 1 ? "1" : String(format: "%.0e", value)
    }
}
