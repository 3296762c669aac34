import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterText

/// What a post is, against CrisisLexT26's crowd labels: each tweet's information source (Media, Government, …),
/// information type (Sympathy and support, Donations and volunteering, …) and relatedness.
extension Evaluation {
    /// One labelled tweet.
    struct CrisisTweet {
        var event: String
        var text: String
        var source: String
        var type: String
        var related: String

        /// The label in a column: the information source, or the information type.
        func label(_ bySource: Bool) -> String { bySource ? source : type }
    }

    /// The classes measured: a kind, the label column it is read against, and the label that means it.
    static let kindChecks: [(kind: PostKinds, name: String, bySource: Bool, label: String)] = [
        (.report, "report", true, "Media"),
        (.official, "official", true, "Government"),
        (.sympathy, "sympathy", false, "Sympathy and support"),
        (.appeal, "appeal", false, "Donations and volunteering"),
    ]

    /// Precision and recall of each kind on the 2013 events (the 2012 events when tuning), English tweets only:
    /// the cues are English, and a third of the events are mostly Spanish, Italian or Portuguese.
    func postKinds() throws -> [EvaluationResult] {
        let year = sentimentSplit == "val" ? "2012" : "2013"
        let tweets = try crisisTweets(year: year)
        // As a council that has not named its partners would read them: official voices are then known by the
        // words in their handles. A deployment names its partners, and only they are official.
        var unconfigured = config
        unconfigured.accounts = []
        let enricher = Enricher(config: unconfigured)
        let detector = LanguageDetector(lexicon: config.lexicon)
        var english: [(tweet: CrisisTweet, kinds: PostKinds)] = []
        for (index, tweet) in tweets.enumerated() {
            let tokens = Tokenizer.tokens(tweet.text)
            guard (detector.language(of: tokens) ?? LanguageDetector.english) == LanguageDetector.english else { continue }
            let post = Post(source: "twitter", externalID: String(index), author: Author(handle: Author.unknownHandle), text: tweet.text, createdAt: Date())
            english.append((tweet, enricher.enrich(post).kinds))
        }
        let events = Set(english.map(\.tweet.event)).count
        var results = Self.kindChecks.map { check in
            Self.measure(check, on: english, data: "CrisisLexT26 \(year) events (\(events)), English tweets")
        }
        if year == "2013" {
            // The same tweets read as a deployment would read them: with a config naming Glasgow's real partners.
            let glasgow = try CouncilConfig.load(from: mappingFile.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("glasgow/muster.yaml").path)
            let deployed = Enricher(config: glasgow)
            let crash = english.filter { $0.tweet.event == "2013_Glasgow_helicopter_crash" }.enumerated().map { index, entry in
                let post = Post(source: "twitter", externalID: String(index), author: Author(handle: Author.unknownHandle), text: entry.tweet.text, createdAt: Date())
                return (tweet: entry.tweet, kinds: deployed.enrich(post).kinds)
            }
            results += Self.kindChecks.prefix(2).map { check in
                Self.measure(check, on: crash, data: "Glasgow crash only, read with config/glasgow (its partners named)")
            }
        }
        results.append(try incidentRecall(year: year, tweets: english.map(\.tweet)))
        return results
    }

    /// Precision, recall and F1 of one kind against its label, over the tweets that carry a label in its column.
    static func measure(_ check: (kind: PostKinds, name: String, bySource: Bool, label: String), on tweets: [(tweet: CrisisTweet, kinds: PostKinds)], data: String) -> EvaluationResult {
        let labelled = tweets.filter { !["Not labeled", "Not applicable"].contains($0.tweet.label(check.bySource)) }
        let gold = labelled.filter { $0.tweet.label(check.bySource) == check.label }.count
        let guessed = labelled.filter { $0.kinds.contains(check.kind) }.count
        let right = labelled.filter { $0.kinds.contains(check.kind) && $0.tweet.label(check.bySource) == check.label }.count
        let precision = guessed == 0 ? 0 : Double(right) / Double(guessed)
        let recall = gold == 0 ? 0 : Double(right) / Double(gold)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return EvaluationResult(
            measure: "kinds: \(check.name) against “\(check.label)”",
            value: String(format: "P %.2f · R %.2f · F1 %.2f", precision, recall, f1),
            data: "\(data) labelled (\(labelled.count.grouped); \(gold.grouped) \(check.label))",
            reference: "\(guessed.grouped) read as \(check.name)"
        )
    }

    /// Tweets marked "Not related" kept out of an incident answer, the incident being its event's own keywords (from
    /// the event description, as a council would name an incident) read as a topic; and related tweets kept in.
    func incidentRecall(year: String, tweets: [CrisisTweet]) throws -> EvaluationResult {
        var taggers: [String: TopicTagger] = [:]
        for event in Set(tweets.map(\.event)) {
            let description = crisisFolder.appendingPathComponent("\(event)/\(event)-event_description.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: description)) as? [String: Any]
            let keywords = (json?["keywords"] as? [String] ?? []).map { $0.replacingOccurrences(of: "#", with: "") }
            taggers[event] = TopicTagger(topics: [Topic(name: "incident", label: event, terms: keywords)])
        }
        var unrelated = 0, keptOut = 0, related = 0, keptIn = 0
        for tweet in tweets {
            let inAnswer = !(taggers[tweet.event]?.topics(in: Tokenizer.tokens(tweet.text)).isEmpty ?? true)
            switch tweet.related {
            case "Not related":
                unrelated += 1
                if !inAnswer { keptOut += 1 }
            case "Related and informative", "Related - but not informative":
                related += 1
                if inAnswer { keptIn += 1 }
            default:
                break
            }
        }
        return EvaluationResult(
            measure: "incidents: unrelated tweets kept out", value: Self.percent(keptOut, of: unrelated),
            data: "CrisisLexT26 \(year) events, English tweets labelled “Not related”; the incident is its event's keywords",
            reference: "related tweets kept in: \(Self.percent(keptIn, of: related)); the tweets were collected by these keywords"
        )
    }

    var crisisFolder: URL { dataFolder.appendingPathComponent("crisislex/CrisisLexT26") }

    /// Every labelled tweet of the events of `year`.
    func crisisTweets(year: String) throws -> [CrisisTweet] {
        let events = try FileManager.default.contentsOfDirectory(atPath: crisisFolder.path).filter { $0.hasPrefix(year + "_") }.sorted()
        var tweets: [CrisisTweet] = []
        for event in events {
            let file = crisisFolder.appendingPathComponent("\(event)/\(event)-tweets_labeled.csv")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw MusterError("cannot read \(file.path)") }
            for fields in try DelimitedText.rows(of: text, file: file.path).dropFirst() where fields.count == 5 {
                tweets.append(CrisisTweet(event: event, text: fields[1], source: fields[2].trimmed, type: fields[3].trimmed, related: fields[4].trimmed))
            }
        }
        return tweets
    }
}
