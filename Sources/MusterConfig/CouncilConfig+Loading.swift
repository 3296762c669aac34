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
        return CouncilConfig(
            organisation: main.organisation,
            storePath: main.store,
            intentsDirectory: folder.appendingPathComponent(main.intents).standardizedFileURL,
            wards: wards,
            boundaries: boundaries,
            topics: try decode([Topic].self, from: folder.appendingPathComponent(main.topics)),
            outlets: main.outlets ?? [],
            accounts: main.accounts ?? [],
            voice: main.voice,
            lexicon: try loadLexicon(from: folder.appendingPathComponent(main.lexicon)),
            drafts: try decode(DraftTemplates.self, from: folder.appendingPathComponent(main.drafts)),
            retentionDays: main.retentionDays ?? 365,
            chat: main.chat ?? .closed
        )
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
        var chat: ChatAccess?

        enum CodingKeys: String, CodingKey {
            case organisation, store, intents, wards, boundaries, topics, lexicon, drafts, outlets, accounts, voice, chat
            case boundaryNameProperties = "boundary_name_properties", retentionDays = "retention_days"
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
        let cues = try decode(CuesFile.self, from: folder.appendingPathComponent("cues.yaml"))
        let stopwords = try lines(of: folder.appendingPathComponent("stopwords.txt"))
            .flatMap { $0.split(separator: " ").map(String.init) }
        return Lexicon(
            scores: scores, negators: Set(cues.negators), intensifiers: cues.intensifiers,
            dampeners: cues.dampeners, contrast: Set(cues.contrast), questionOpeners: cues.questionOpeners,
            hearsay: cues.hearsay, stopwords: Set(stopwords), denial: cues.denial, stance: cues.stance,
            everywhere: cues.everywhere, placePrepositions: Set(cues.placePrepositions)
        )
    }

    /// The file's lines; comment lines (`#`) and, unless asked, blank ones are dropped.
    private static func lines(of url: URL, keepingBlank: Bool = false) throws -> [Substring] {
        guard let text = String(data: try read(url), encoding: .utf8) else { throw MusterError("\(url.path): not UTF-8 text") }
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
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
