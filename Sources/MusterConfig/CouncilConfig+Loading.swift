import Foundation
import MusterCore
import Yams

extension CouncilConfig {
    /// Where a run finds its config: `--config`, else `MUSTER_CONFIG`, else the demo council.
    public static let defaultPath = "config/northbridge/muster.yaml"

    /// Loads the config at `path` with the files it names, relative to its folder.
    ///
    /// - Throws: `MusterError` naming the file and what is wrong with it.
    public static func load(from path: String) throws -> CouncilConfig {
        let file = URL(fileURLWithPath: path)
        let folder = file.deletingLastPathComponent()
        let main = try decode(MainFile.self, from: file)
        guard TimeZone(identifier: main.organisation.timeZoneIdentifier) != nil else {
            throw MusterError("\(path): unknown time zone \"\(main.organisation.timeZoneIdentifier)\"",
                              hint: "Use an IANA name such as Europe/London.")
        }
        let wards = try decode([Ward].self, from: folder.appendingPathComponent(main.wards))
        let boundaries = try main.boundaries.map { name -> [WardBoundary] in
            let url = folder.appendingPathComponent(name)
            let loaded = try GeoJSONReader.boundaries(
                in: try read(url), file: url.path, nameProperties: main.boundaryNameProperties ?? ["name"]
            )
            let known = Set(wards.map(\.name))
            if let stranger = loaded.first(where: { !known.contains($0.ward) }) {
                throw MusterError("\(url.path): boundary \"\(stranger.ward)\" is not a ward in \(main.wards)")
            }
            return loaded
        } ?? []
        let topics = try decode([Topic].self, from: folder.appendingPathComponent(main.topics))
        for (number, watch) in (main.speakingFirst?.watches ?? []).enumerated() {
            if let unknown = watch.topics.first(where: { name in !topics.contains { $0.name == name } }) {
                throw MusterError("\(path): speaking_first watch \(number + 1) names topic \"\(unknown)\", which is not in \(main.topics)")
            }
            if let unknown = watch.areas.first(where: { name in !wards.contains { $0.name == name } }) {
                throw MusterError("\(path): speaking_first watch \(number + 1) names area \"\(unknown)\", which is not a ward in \(main.wards)")
            }
        }
        return CouncilConfig(
            organisation: main.organisation,
            storePath: main.store,
            intentsDirectory: folder.appendingPathComponent(main.intents).standardizedFileURL,
            wards: wards,
            boundaries: boundaries,
            topics: topics,
            outlets: main.outlets ?? [],
            accounts: main.accounts ?? [],
            voice: main.voice,
            lexicon: try loadLexicon(from: folder.appendingPathComponent(main.lexicon)),
            drafts: try decode(DraftTemplates.self, from: folder.appendingPathComponent(main.drafts)),
            retentionDays: try days(main.retentionDays, default: 365, key: "retention_days", file: path),
            auditRetentionDays: try days(main.auditRetentionDays, default: 365, key: "audit_retention_days", file: path),
            chat: main.chat ?? .closed,
            sources: try Source.all(entries: main.sources ?? [], outlets: main.outlets ?? [], file: path),
            speakingFirst: main.speakingFirst ?? .none
        )
    }

    /// A retention period in days: at least one, at most a hundred years.
    private static func days(_ value: Int?, default fallback: Int, key: String, file: String) throws -> Int {
        guard let value else { return fallback }
        guard (1...36_500).contains(value) else {
            throw MusterError("\(file): \(key) is \(value); give a number of days from 1 to 36500", hint: "Posts and audit rows older than this are deleted by `muster prune` and daily by `muster serve`.")
        }
        return value
    }

    /// Reads ward boundaries from any GeoJSON file, naming each ward by the first of `nameProperties` it has
    /// (for example an ONS code such as `cmwd11cd`).
    public static func boundaries(fromGeoJSON path: String, nameProperties: [String]) throws -> [WardBoundary] {
        try GeoJSONReader.boundaries(in: try read(URL(fileURLWithPath: path)), file: path, nameProperties: nameProperties)
    }

    private struct MainFile: Decodable {
        var organisation: Organisation
        var store: String
        var intents: String
        var wards: String
        var boundaries: String?
        var boundaryNameProperties: [String]?
        var topics: String
        var lexicon: String
        var drafts: String
        var outlets: [Outlet]?
        var accounts: [Account]?
        var voice: BrandVoice
        var retentionDays: Int?
        var auditRetentionDays: Int?
        var chat: ChatAccess?
        var sources: [Source.Entry]?
        var speakingFirst: SpeakingFirst?

        enum CodingKeys: String, CodingKey {
            case organisation, store, intents, wards, boundaries, topics, lexicon, drafts, outlets, accounts, voice, chat, sources
            case speakingFirst = "speaking_first"
            case boundaryNameProperties = "boundary_name_properties", retentionDays = "retention_days"
            case auditRetentionDays = "audit_retention_days"
        }
    }

    private struct CuesFile: Decodable {
        var negators: [String]
        var intensifiers: [String: Double]
        var dampeners: [String: Double]
        var contrast: [String]
        var questionOpeners: [String]
        var hearsay: [String]
        var denial: [String]
        var stance: [String: [String]]
        var everywhere: [String]
        var placePrepositions: [String]

        enum CodingKeys: String, CodingKey {
            case negators, intensifiers, dampeners, contrast, hearsay, denial, stance, everywhere
            case questionOpeners = "question_openers", placePrepositions = "place_prepositions"
        }
    }

    private static func loadLexicon(from folder: URL) throws -> Lexicon {
        let scoresFile = folder.appendingPathComponent("sentiment.tsv")
        var scores: [String: Double] = [:]
        for (number, line) in try lines(of: scoresFile, keepingBlank: true).enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let score = Double(fields[1]) else {
                throw MusterError("\(scoresFile.path):\(number + 1): expected word<TAB>score, got \"\(line)\"")
            }
            let word = fields[0].lowercased()
            guard scores.updateValue(score, forKey: word) == nil else {
                throw MusterError("\(scoresFile.path):\(number + 1): \"\(word)\" is listed twice")
            }
        }
        // VADER's general lexicon (MIT) fills in what Muster's own list does not say; Muster's UK words win.
        scores.merge(try baseScores(in: folder)) { own, _ in own }
        let cues = try decode(CuesFile.self, from: folder.appendingPathComponent("cues.yaml"))
        let stopwords = try lines(of: folder.appendingPathComponent("stopwords.txt"))
            .flatMap { $0.split(separator: " ").map(String.init) }
        return Lexicon(
            scores: scores, negators: Set(cues.negators), intensifiers: cues.intensifiers,
            dampeners: cues.dampeners, contrast: Set(cues.contrast), questionOpeners: cues.questionOpeners,
            hearsay: cues.hearsay, stopwords: Set(stopwords), denial: cues.denial, stance: cues.stance,
            everywhere: cues.everywhere, placePrepositions: Set(cues.placePrepositions),
            languageWords: try languageWords(in: folder), stanceWeights: try stanceWeights(in: folder),
            kinds: try decode(KindCues.self, from: folder.appendingPathComponent("kinds.yaml"))
        )
    }

    /// `stance-weights.tsv`: a header row `feature<TAB>class…`, then a feature and one weight per class a row;
    /// empty when the file is not there.
    private static func stanceWeights(in folder: URL) throws -> [String: [String: Double]] {
        let file = folder.appendingPathComponent("stance-weights.tsv")
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        let rows = try lines(of: file).map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        guard let header = rows.first, header.count > 1, header[0] == "feature",
              Set(header.dropFirst()).count == header.count - 1
        else { throw MusterError("\(file.path): expected a header row feature<TAB>class<TAB>…, each class once") }
        let classes = header.dropFirst().map(String.init)
        var weights: [String: [String: Double]] = [:]
        for (number, fields) in rows.dropFirst().enumerated() {
            let values = fields.dropFirst().compactMap { Double($0) }
            guard fields.count == header.count, values.count == classes.count else {
                throw MusterError("\(file.path): data row \(number + 1): expected a feature and \(classes.count) weights")
            }
            guard weights.updateValue(Dictionary(uniqueKeysWithValues: zip(classes, values)), forKey: String(fields[0])) == nil
            else { throw MusterError("\(file.path): \"\(fields[0])\" is listed twice") }
        }
        return weights
    }

    /// `languages.yaml`: language code → its marker words; empty when the file is not there.
    private static func languageWords(in folder: URL) throws -> [String: Set<String>] {
        let file = folder.appendingPathComponent("languages.yaml")
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        return try decode([String: [String]].self, from: file).mapValues { Set($0.map { $0.lowercased() }) }
    }

    /// Scores from VADER's lexicon (`vader_lexicon.txt`: token, mean score, …) and emoji scored by the words of their
    /// descriptions (`emoji_utf8_lexicon.txt`), as VADER reads an emoji; empty when the files are not there.
    private static func baseScores(in folder: URL) throws -> [String: Double] {
        let vader = folder.appendingPathComponent("vader_lexicon.txt")
        guard FileManager.default.fileExists(atPath: vader.path) else { return [:] }
        var scores: [String: Double] = [:]
        for (number, line) in try lines(of: vader).enumerated() {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, let score = Double(fields[1]) else {
                throw MusterError("\(vader.path):\(number + 1): expected token<TAB>score<TAB>…")
            }
            scores[fields[0].lowercased()] = score
        }
        let emoji = folder.appendingPathComponent("emoji_utf8_lexicon.txt")
        guard FileManager.default.fileExists(atPath: emoji.path) else { return scores }
        var emojiScores: [String: Double] = [:]
        for line in try lines(of: emoji) {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { continue }
            let score = fields[1].split(separator: " ").reduce(0.0) { $0 + (scores[$1.lowercased()] ?? 0) }
            if score != 0 { emojiScores[String(fields[0])] = score }
        }
        return scores.merging(emojiScores) { word, _ in word }
    }

    /// The file's lines; comment lines (`#`) and, unless asked, blank ones are dropped.
    private static func lines(of url: URL, keepingBlank: Bool = false) throws -> [Substring] {
        guard let text = String(data: try read(url), encoding: .utf8) else { throw MusterError("\(url.path): not UTF-8 text") }
        // Split on any line break: a Character "\r\n" is not "\n", and files from Windows use it.
        let all = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return keepingBlank ? all.map { $0.hasPrefix("#") ? "" : $0 } : all.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    private static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw MusterError("cannot read \(url.path)", hint: "Check the path in the config, relative to the config file.")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let data = try read(url)
        guard let text = String(data: data, encoding: .utf8) else { throw MusterError("\(url.path): not UTF-8 text") }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw MusterError("\(url.path): \(error.plainDescription)")
        } catch {
            throw MusterError("\(url.path): \(error)")
        }
    }
}

extension DecodingError {
    /// The error as one line: where in the file, and what was wrong.
    var plainDescription: String {
        func path(_ context: Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "item \($0 + 1)" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: " → ")
        }
        switch self {
        case .keyNotFound(let key, let context): return "\(path(context)): missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}
