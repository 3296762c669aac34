import Foundation
import MusterBot
import MusterConfig
import MusterCore

/// Scores the bot's understanding on labelled phrasings (`skill area topic window text`, tab-separated, as in
/// `shared/data/phrasings/dev.tsv`): how many reach the right skill with the right area, topic and window, how many
/// clarify, fall back, reach a wrong skill, or take an action nobody asked for.
public struct PhrasingScore: Sendable {
    /// One labelled line's verdict.
    public struct Verdict: Sendable {
        /// The file and line.
        public var location: String
        /// The message.
        public var text: String
        /// The labelled skill.
        public var expected: String
        /// What happened, in the bucket's words.
        public var bucket: Bucket
        /// Why, when it was not right.
        public var detail: String
    }

    /// Where a line lands.
    public enum Bucket: String, Sendable, CaseIterable {
        case right = "right skill and slots"
        case wrongSlots = "right skill, wrong slots"
        case clarified = "clarified"
        case fallback = "fallback"
        case wrongSkill = "wrong skill"
    }

    /// Every line's verdict, in file order.
    public var verdicts: [Verdict] = []

    /// The labels' skill names, as intents.
    static let intentForSkill = [
        "topic": "topic_summary", "crisis": "crisis_summary", "outlet": "outlet_coverage", "none": "",
    ]
    /// Skills whose area, topic and window are checked; the others are judged on the skill alone.
    static let scopedSkills: Set<String> = ["topic", "rumours", "crisis", "outlet", "temperature", "compare", "trending", "unanswered"]
    /// Intents that change state: reaching one unasked is the worst outcome.
    static let actions: Set<String> = ["mark_handled", "mark_rumour", "unlog_post", "forget_author", "watch", "unwatch", "start_incident", "close_incident"]

    /// Scores every line of the files at `paths` with `bot`, each line in a conversation of its own.
    public init(paths: [String], bot: Bot, config: CouncilConfig) throws {
        for path in paths {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw MusterError("cannot read \(path)", hint: "Give a tab-separated file: skill area topic window text.")
            }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmed }
                guard fields.count >= 5, fields[0] != "skill", !fields[0].hasPrefix("#") else { continue }
                let location = "\((path as NSString).lastPathComponent):\(index + 1)"
                let reading = bot.understand(fields[4], in: "score \(location)")
                verdicts.append(Self.judge(fields, reading: reading, location: location, bot: bot, config: config))
            }
        }
    }

    /// How many lines landed in `bucket`.
    public func count(_ bucket: Bucket) -> Int { verdicts.filter { $0.bucket == bucket }.count }

    /// Lines where an action was taken that the line did not ask for.
    public var unaskedActions: [Verdict] { verdicts.filter { $0.bucket == .wrongSkill && Self.actions.contains($0.detail.components(separatedBy: " ").first ?? "") } }

    static func judge(_ fields: [String], reading: Understanding, location: String, bot: Bot, config: CouncilConfig) -> Verdict {
        let (skill, text) = (fields[0], fields[4])
        let expected = intentForSkill[skill] ?? skill
        func verdict(_ bucket: Bucket, _ detail: String = "") -> Verdict {
            Verdict(location: location, text: text, expected: skill, bucket: bucket, detail: detail)
        }
        switch reading.outcome {
        case .fallback:
            return expected.isEmpty ? verdict(.right) : verdict(.fallback)
        case .clarify(let intents):
            return verdict(.clarified, intents.joined(separator: " or "))
        case .answer(let intent):
            if expected.isEmpty && intent == "out_of_scope" { return verdict(.right) }
            guard intent == expected else { return verdict(.wrongSkill, "\(intent) \(describe(reading))") }
            guard scopedSkills.contains(skill) else { return verdict(.right) }
            let problems = slotProblems(fields, reading: reading, bot: bot, config: config)
            return problems.isEmpty ? verdict(.right) : verdict(.wrongSlots, problems.joined(separator: "; ") + " — read as \(describe(reading))")
        }
    }

    static func slotProblems(_ fields: [String], reading: Understanding, bot: Bot, config: CouncilConfig) -> [String] {
        var problems: [String] = []
        if let problem = reading.problem { problems.append(problem) }
        let wantedWards = Set(fields[1] == "-" ? [] : fields[1].split(separator: "|").compactMap { label -> String? in
            let number = Int(label.filter(\.isNumber))
            return config.wards.first { $0.number == number }?.name
        })
        if wantedWards != Set(reading.wards) { problems.append("area \(fields[1])") }
        let topicLabel = fields[2]
        let topicLabels = topicLabel.split(separator: "|").map(String.init)
        if topicLabels.count == 2 {
            // Two topics compared: both read, in either order, each as its taxonomy topic or its free text.
            let read = [reading.topic, reading.topic2]
            func agrees(_ label: String, _ topic: String?) -> Bool {
                bot.taxonomyTopic(named: label).map { $0 == topic } ?? freeTextAgrees(label, topic)
            }
            let inOrder = agrees(topicLabels[0], read[0]) && agrees(topicLabels[1], read[1])
            if !inOrder && !(agrees(topicLabels[0], read[1]) && agrees(topicLabels[1], read[0])) { problems.append("topic \(topicLabel)") }
        } else if topicLabel == "-" {
            if reading.topic != nil { problems.append("topic -") }
        } else if let taxonomy = bot.taxonomyTopic(named: topicLabel) {
            if reading.topic != taxonomy { problems.append("topic \(topicLabel)") }
        } else if !freeTextAgrees(topicLabel, reading.topic) {
            problems.append("topic \(topicLabel)")
        }
        let windowLabels = fields[3] == "-" ? [] : fields[3].split(separator: "|").map(String.init)
        let wanted = windowLabels.map { bot.window(meaning: $0.lowercased()) }
        if wanted.contains(where: { $0 == nil }) {
            problems.append("window label \(fields[3]) unreadable")
        } else if !sameWindows(wanted.compactMap { $0 }, reading.windows) {
            problems.append("window \(fields[3])")
        }
        return problems
    }

    /// Free text agrees when at least half the label's words (of three letters or more) are in what was read.
    static func freeTextAgrees(_ label: String, _ read: String?) -> Bool {
        guard let read = read?.lowercased() else { return false }
        let words = label.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count >= 3 }
        guard !words.isEmpty else { return true }
        return words.filter { read.contains($0) }.count * 2 >= words.count
    }

    static func sameWindows(_ wanted: [TimeWindow], _ read: [TimeWindow]) -> Bool {
        func same(_ a: TimeWindow, _ b: TimeWindow) -> Bool {
            abs(a.start.timeIntervalSince(b.start)) <= 60 && abs(a.end.timeIntervalSince(b.end)) <= 60
        }
        guard wanted.count == read.count else { return false }
        return zip(wanted, read).allSatisfy(same) || zip(wanted, read.reversed()).allSatisfy(same)
    }

    static func describe(_ reading: Understanding) -> String {
        var parts: [String] = []
        if !reading.wards.isEmpty { parts.append("area \(reading.wards.joined(separator: "|"))") }
        if let topic = reading.topic { parts.append("topic " + ([topic] + [reading.topic2].compactMap { $0 }).joined(separator: "|")) }
        parts += reading.windows.map { "window \($0.label)" }
        return parts.isEmpty ? "(no slots)" : parts.joined(separator: ", ")
    }

    /// The totals alone, as Markdown: what to print for a held-out set, whose lines nobody should tune on.
    public var summary: String {
        report.components(separatedBy: "\n\n").prefix(3).joined(separator: "\n\n")
    }

    /// The figures as Markdown: totals, then every line that was not right.
    public var report: String {
        let total = verdicts.count
        func share(_ count: Int) -> String { total == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(count) / Double(total)) }
        var lines = ["| outcome | lines | share |", "|---|---|---|"]
        for bucket in Bucket.allCases { lines.append("| \(bucket.rawValue) | \(count(bucket)) | \(share(count(bucket))) |") }
        lines.append("| **all** | \(total) | |")
        lines.append("")
        lines.append("Actions taken unasked: \(unaskedActions.count)")
        let skills = Set(verdicts.map(\.expected)).sorted()
        lines.append("")
        lines.append("| skill | lines | right |")
        lines.append("|---|---|---|")
        for skill in skills {
            let mine = verdicts.filter { $0.expected == skill }
            lines.append("| \(skill) | \(mine.count) | \(mine.filter { $0.bucket == .right }.count) |")
        }
        lines.append("")
        for verdict in verdicts where verdict.bucket != .right {
            lines.append("- \(verdict.location) [\(verdict.expected) → \(verdict.bucket.rawValue)] \(verdict.text)\(verdict.detail.isEmpty ? "" : " — \(verdict.detail)")")
        }
        return lines.joined(separator: "\n")
    }
}
