import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterStore
import MusterText
import Yams

/// One measured figure of an enricher on real data, with what it is compared against.
public struct EvaluationResult: Sendable {
    /// What was measured ("sentiment: macro-averaged recall").
    public var measure: String
    /// The figure, formatted.
    public var value: String
    /// The data it was measured on.
    public var data: String
    /// A published figure or baseline to read it against, when there is one.
    public var reference: String
}

/// Runs each enricher on the real data in `shared/data` and reports figures anyone can re-measure after a change.
public struct Evaluation: Sendable {
    let config: CouncilConfig
    let dataFolder: URL
    let mappingFile: URL
    /// The TweetEval split sentiment is scored on: `test` for reporting, `val` while tuning the lexicon.
    let sentimentSplit: String
    /// RumourEval's split for stance: `test` when reporting, `dev` while tuning.
    var stanceSplit: String { sentimentSplit == "val" ? "dev" : sentimentSplit }

    /// Creates an evaluation of `config`'s enrichment.
    ///
    /// - Parameters:
    ///   - dataFolder: the shared data folder (`../shared/data`).
    ///   - mappingFile: how topics map to FixMyStreet's groups (`config/eval/fixmystreet-groups.yaml`).
    ///   - sentimentSplit: `test` to report, `val` to tune on (never tune on `test`).
    public init(config: CouncilConfig, dataFolder: URL, mappingFile: URL, sentimentSplit: String = "test") {
        self.config = config
        self.dataFolder = dataFolder
        self.mappingFile = mappingFile
        self.sentimentSplit = sentimentSplit
    }

    /// Every figure, in order.
    public func run() throws -> [EvaluationResult] {
        try sentiment() + [try stance()] + postKinds() + topics() + areas() + languages() + [throughput()]
    }

    /// TweetEval's test split: macro-averaged recall (its official measure) and accuracy.
    func sentiment() throws -> [EvaluationResult] {
        let table = try TSVTable(path: dataFolder.appendingPathComponent("sentiment/tweeteval_sentiment_test_val.tsv").path)
        let scorer = SentimentScorer(config: config)
        var hits: [String: Int] = [:]
        var totals: [String: Int] = [:]
        for row in table.rows where row["split"] == sentimentSplit {
            guard let gold = row["label_name"], let text = row["text"] else { continue }
            totals[gold, default: 0] += 1
            if SentimentLabel(score: scorer.score(text)).rawValue == gold { hits[gold, default: 0] += 1 }
        }
        let recalls = totals.keys.sorted().map { Double(hits[$0, default: 0]) / Double(totals[$0]!) }
        let total = totals.values.reduce(0, +)
        let data = "TweetEval sentiment, \(sentimentSplit) split (\(total.grouped) tweets)"
        return [
            EvaluationResult(measure: "sentiment: macro-averaged recall",
                             value: String(format: "%.3f", recalls.reduce(0, +) / Double(recalls.count))
                                + " (" + zip(totals.keys.sorted(), recalls).map { String(format: "%@ %.2f", $0.0.prefix(3).description, $0.1) }.joined(separator: " · ") + ")",
                             data: data, reference: "VADER 0.570 · SVM baseline 0.629 · RoBERTa 0.726"),
            EvaluationResult(measure: "sentiment: accuracy", value: String(format: "%.3f", Double(hits.values.reduce(0, +)) / Double(total)), data: data, reference: "–"),
        ]
    }

    /// RumourEval 2019's replies: macro-F1 over support, deny, query and comment (the task's measure), and each
    /// stance's F1.
    func stance() throws -> EvaluationResult {
        let table = try TSVTable(path: dataFolder.appendingPathComponent("rumours/rumoureval2019_posts.tsv").path)
        let classifier = StanceClassifier(lexicon: config.lexicon)
        // Each reply is read with its thread's source post and whether it answers that post, as the model was trained.
        var sources: [String: String] = [:]
        for row in table.rows where row["is_source"] == "True" {
            if let thread = row["thread_id"], let text = row["text"] { sources[thread] = text }
        }
        var pairs: [(gold: String, guess: String)] = []
        for row in table.rows where row["split"] == stanceSplit && row["is_source"] == "False" {
            guard let gold = row["stance"], let text = row["text"], let thread = row["thread_id"] else { continue }
            let guess = classifier.stance(of: text, source: sources[thread], answersSource: row["in_reply_to"] == thread)
            pairs.append((gold, guess.rawValue))
        }
        let f1s = Stance.allCases.map(\.rawValue).map { label -> Double in
            let truePositive = Double(pairs.filter { $0.gold == label && $0.guess == label }.count)
            let predicted = Double(pairs.filter { $0.guess == label }.count)
            let actual = Double(pairs.filter { $0.gold == label }.count)
            guard truePositive > 0 else { return 0 }
            let precision = truePositive / predicted
            let recall = truePositive / actual
            return 2 * precision * recall / (precision + recall)
        }
        let perClass = zip(Stance.allCases, f1s).map { String(format: "%@ %.2f", $0.0.rawValue.prefix(3).description, $0.1) }
        return EvaluationResult(
            measure: "stance: macro-F1 (support, deny, query, comment)",
            value: String(format: "%.3f", f1s.reduce(0, +) / Double(f1s.count)) + " (" + perClass.joined(separator: " · ") + ")",
            data: "RumourEval 2019 replies, \(stanceSplit) split (\(pairs.count.grouped))",
            reference: "all-comment 0.22 · cue rules alone 0.44 · best RumourEval 2019 system 0.62"
        )
    }

    /// FixMyStreet report titles: does a topic found in the title map to the report's own grouped category?
    func topics() throws -> [EvaluationResult] {
        let table = try TSVTable(path: dataFolder.appendingPathComponent("fixmystreet/london_reports_titles.tsv").path)
        guard let text = try? String(contentsOf: mappingFile, encoding: .utf8) else { throw MusterError("cannot read \(mappingFile.path)") }
        let mapping = try YAMLDecoder().decode([String: [String]].self, from: text)
        let tagger = TopicTagger(topics: config.topics)
        var right = 0
        var tagged = 0
        var total = 0
        for row in table.rows {
            guard let gold = row["group_b"], !gold.isEmpty, let title = row["title"] else { continue }
            total += 1
            let topics = tagger.topics(in: Tokenizer.tokens(title))
            if !topics.isEmpty { tagged += 1 }
            if topics.contains(where: { mapping[$0]?.contains(gold) == true }) { right += 1 }
        }
        let data = "FixMyStreet London titles with a grouped category (\(total.grouped))"
        return [
            EvaluationResult(measure: "topics: accuracy against group_b", value: Self.percent(right, of: total), data: data, reference: "a title's topic maps to its group"),
            EvaluationResult(measure: "topics: titles given any topic", value: Self.percent(tagged, of: total), data: data, reference: "–"),
        ]
    }

    /// FixMyStreet reports' coordinates against London's 628 wards: how many are placed in a ward.
    func areas() throws -> [EvaluationResult] {
        let boundaries = try CouncilConfig.boundaries(
            fromGeoJSON: dataFolder.appendingPathComponent("geography/wards_2011/london_E09_all_boroughs.geojson").path,
            nameProperties: ["cmwd11cd"]
        )
        let locator = AreaLocator(boundaries: boundaries)
        let independent = IndependentPlacement(boundaries: boundaries)
        let table = try TSVTable(path: dataFolder.appendingPathComponent("fixmystreet/london_reports_titles.tsv").path)
        var placed = 0, agreed = 0, total = 0
        for row in table.rows {
            guard let lat = row["lat"].flatMap(Double.init), let lon = row["lon"].flatMap(Double.init) else { continue }
            total += 1
            let point = GeoPoint(latitude: lat, longitude: lon)
            let ward = locator.ward(containing: point)
            if ward != nil { placed += 1 }
            if ward == independent.ward(containing: point) { agreed += 1 }
        }
        let data = "FixMyStreet London reports with coordinates (\(total.grouped)); \(boundaries.count) wards"
        return [
            EvaluationResult(measure: "areas: reports placed in a London ward", value: Self.percent(placed, of: total), data: data,
                             reference: "reports outside London's boundary stay unplaced"),
            EvaluationResult(measure: "areas: same ward as an independent point-in-polygon", value: Self.percent(agreed, of: total), data: data,
                             reference: "winding numbers, holes tested apart (IndependentPlacement)"),
            try ownPoints(), try glasgowFromText(),
        ]
    }

    /// Each council's ward GeoJSON in the shared data, loaded as a config would load it: does a point inside each
    /// ward come back as that ward?
    func ownPoints() throws -> EvaluationResult {
        var parts: [String] = []
        var right = 0, total = 0
        for (council, file) in [("Bristol", "E06000023"), ("Manchester", "E08000003"), ("Leeds", "E08000035"), ("London", "london_E09_all_boroughs")] {
            let boundaries = try CouncilConfig.boundaries(
                fromGeoJSON: dataFolder.appendingPathComponent("geography/wards_2011/\(file).geojson").path, nameProperties: ["cmwd11cd"]
            )
            let locator = AreaLocator(boundaries: boundaries)
            let home = boundaries.filter { boundary in
                IndependentPlacement.interiorPoint(of: boundary).map { locator.ward(containing: $0) == boundary.ward } ?? false
            }.count
            parts.append("\(council) \(home)/\(boundaries.count)")
            right += home
            total += boundaries.count
        }
        return EvaluationResult(
            measure: "areas: wards that place a point inside themselves", value: Self.percent(right, of: total),
            data: "ONS 2011 ward GeoJSON: " + parts.joined(separator: " · "), reference: "any council's wards load from GeoJSON"
        )
    }

    /// CrisisLexT26's Glasgow helicopter crash tweets, ingested as they come (no coordinates) with a Glasgow ward
    /// gazetteer: how many are placed from their text alone, and where.
    func glasgowFromText() throws -> EvaluationResult {
        let glasgow = try CouncilConfig.load(from: mappingFile.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("glasgow/muster.yaml").path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("muster-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLitePostStore(path: folder.appendingPathComponent("glasgow.sqlite").path)
        let file = dataFolder.appendingPathComponent("crisislex/CrisisLexT26/2013_Glasgow_helicopter_crash/2013_Glasgow_helicopter_crash-tweets_labeled.csv")
        _ = try Ingester(store: store, enricher: Enricher(config: glasgow)).ingest(file.path, source: "twitter")
        let total = try store.totalPosts()
        let wards = try store.areaCounts(PostQuery(window: TimeWindow(start: .distantPast, end: .distantFuture, label: "all time")), limit: 3)
        let placed = wards.reduce(0) { $0 + $1.count }
        return EvaluationResult(
            measure: "areas: Glasgow crash tweets placed from text alone", value: Self.percent(placed, of: total),
            data: "CrisisLexT26 Glasgow helicopter crash (\(total.grouped) tweets); config/glasgow: 21 wards",
            reference: wards.map { "\($0.area) \($0.count.grouped)" }.joined(separator: " · ") + "; naming only the city places nothing"
        )
    }

    /// Language detection: Welsh and English on the hand-written set beside the topic mapping, and how often real
    /// English tweets (TweetEval, PHEME) are mistaken for Welsh or another language.
    func languages() throws -> [EvaluationResult] {
        let detector = LanguageDetector(lexicon: config.lexicon)
        func detect(_ text: String) -> String { detector.language(of: Tokenizer.tokens(text)) ?? LanguageDetector.english }

        let written = mappingFile.deletingLastPathComponent().appendingPathComponent("languages.tsv")
        guard let text = try? String(contentsOf: written, encoding: .utf8) else { throw MusterError("cannot read \(written.path)") }
        var right: [String: Int] = [:], total: [String: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2 else { continue }
            total[fields[0], default: 0] += 1
            if detect(fields[1]) == fields[0] { right[fields[0], default: 0] += 1 }
        }
        var results = [EvaluationResult(
            measure: "language: Welsh posts read as Welsh", value: Self.percent(right["cy"] ?? 0, of: total["cy"] ?? 0),
            data: "hand-written council posts, \(written.lastPathComponent) (\(total.values.reduce(0, +)))",
            reference: "English read as English: \(Self.percent(right["en"] ?? 0, of: total["en"] ?? 0)); "
                + "French, German, Spanish, Italian, Polish, Dutch as other: \(Self.percent(right["other"] ?? 0, of: total["other"] ?? 0))"
        )]
        for (name, path, column) in [("TweetEval", "sentiment/tweeteval_sentiment_test_val.tsv", "text"), ("PHEME", "rumours/pheme_source_tweets_veracity.tsv", "text")] {
            let table = try TSVTable(path: dataFolder.appendingPathComponent(path).path)
            var counts: [String: Int] = [:]
            for row in table.rows { counts[detect(row[column] ?? ""), default: 0] += 1 }
            results.append(EvaluationResult(
                measure: "language: English tweets read as English", value: Self.percent(counts[LanguageDetector.english] ?? 0, of: table.rows.count),
                data: "\(name) (\(table.rows.count.grouped), all English)",
                reference: "as Welsh: \((counts[LanguageDetector.welsh] ?? 0).grouped) · as other: \((counts[LanguageDetector.other] ?? 0).grouped)"
            ))
        }
        return results
    }

    /// The whole enrichment pipeline over TweetEval's texts, in posts per second.
    func throughput() throws -> EvaluationResult {
        let table = try TSVTable(path: dataFolder.appendingPathComponent("sentiment/tweeteval_sentiment_test_val.tsv").path)
        let enricher = Enricher(config: config)
        let posts = table.rows.enumerated().map { index, row in
            Post(source: "x", externalID: String(index), author: Author(handle: "someone"), text: row["text"] ?? "", createdAt: Date())
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var placed = 0
        for post in posts where enricher.enrich(post).area != nil { placed += 1 }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return EvaluationResult(
            measure: "enrichment throughput (one core)", value: "\(Int(Double(posts.count) / seconds).grouped) posts/s",
            data: "\(posts.count.grouped) tweets, areas, topics, sentiment, cues", reference: "ingest target ≥ 50,000 posts/s (release build)"
        )
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : String(format: "%.1f%% (%@ of %@)", Double(part) / Double(whole) * 100, part.grouped, whole.grouped)
    }
}
