import Foundation
import MusterAlerts
import MusterCore
import MusterIngest

/// CrisisLexT26's events replayed on their real timelines: a watch counting each event's related tweets, checked
/// every five minutes from the event's first tweet, with counts held in memory (no store). Tweet ids carry their
/// times: milliseconds since 1970 = (id >> 22) + 1288834974657.
///
/// The 2012 events (7) may be tuned on; the 2013 events (19) are held out, as the post-kind figures split them.
public struct CrisisAlertMeasure: Sendable {
    /// One event's timeline.
    public struct Event: Sendable {
        /// Its folder's name ("2013_Glasgow_helicopter_crash").
        public var name: String
        /// The year in its name.
        public var year: Int
        /// Its first tweet of any label: where the collection, and so the data, begins.
        public var history: Date
        /// Its tweets labelled related (informative or not).
        var related: PostTimeline

        /// How many related tweets.
        public var posts: Int { related.times.count }
    }

    /// The year that may be tuned on; every other is reported as unseen.
    public static let tuningYear = 2012
    /// Twitter's epoch for ids (ms since 1970), from which tweet times are read.
    static let twitterEpoch: Int64 = 1_288_834_974_657

    /// The events, by name.
    public let events: [Event]

    /// Reads the events in CrisisLexT26's folder (`…/crisislex/CrisisLexT26`).
    ///
    /// - Parameters:
    ///   - folder: the CrisisLexT26 folder.
    ///   - names: only these events (all when `nil`).
    public init(folder: URL, only names: Set<String>? = nil) throws {
        guard let listing = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw MusterError("cannot read \(folder.path)", hint: "Point --data at the shared data folder.")
        }
        let chosen = listing.filter { $0.first?.isNumber == true && (names?.contains($0) ?? true) }.sorted()
        events = try chosen.map { name in
            let file = folder.appendingPathComponent("\(name)/\(name)-tweets_labeled.csv")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw MusterError("cannot read \(file.path)") }
            var all: [Date] = []
            var related: [Date] = []
            for fields in try DelimitedText.rows(of: text, file: file.path).dropFirst() where fields.count == 5 {
                guard let id = Int64(fields[0].trimmed) else { continue }
                let time = Self.time(ofTweet: id)
                all.append(time)
                if fields[4].trimmed.hasPrefix("Related") { related.append(time) }
            }
            guard let history = all.min() else { throw MusterError("\(file.path) holds no tweets") }
            return Event(name: name, year: Int(name.prefix(4)) ?? 0, history: history, related: PostTimeline(times: related))
        }
    }

    /// When a tweet was posted, from its id.
    static func time(ofTweet id: Int64) -> Date {
        Date(timeIntervalSince1970: Double((id >> 22) + twitterEpoch) / 1_000)
    }

    /// Replays every event with `candidate`, to its first alert.
    public func measure(_ candidate: AlertCandidate) throws -> CrisisAlertFigures {
        let replay = AlertReplay(detector: candidate.detector, step: 300)
        let delays = try events.map { event -> CrisisAlertFigures.EventDelay in
            guard let first = event.related.first, let last = event.related.last else {
                return .init(event: event.name, year: event.year, posts: 0, delay: nil, spike: nil)
            }
            let alert = try replay.alerts(
                from: first, to: last.addingTimeInterval(candidate.settings.window), history: event.history, count: event.related.counter,
                firstOnly: true
            ).first
            return .init(event: event.name, year: event.year, posts: event.posts, delay: alert.map { $0.time.timeIntervalSince(first) }, spike: alert?.spike)
        }
        return CrisisAlertFigures(candidate: candidate, events: delays)
    }
}
