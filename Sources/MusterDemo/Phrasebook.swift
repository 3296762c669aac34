import Foundation
import MusterCore
import Yams

/// What the demo's residents, media and partners say, read from `demo-phrasebook.yaml` beside the config.
public struct Phrasebook: Sendable, Decodable {
    struct BackgroundTopic: Sendable, Decodable {
        var topic: String
        var weight: Double
        var posts: [String]
    }

    struct PartnerPost: Sendable, Decodable {
        var handle: String
        var text: String
    }

    struct Story: Sendable, Decodable {
        var name: String
        var wards: [String]
        var fromDay: Int
        var toDay: Int
        var peakDay: Int
        var posts: Int
        var tag: String
        var `public`: [String]
        var claims: [String]
        var media: [String]
        var official: [String]
        var partner: [PartnerPost]
        var replies: [String]

        enum CodingKeys: String, CodingKey {
            case name, ward, fromDay = "from_day", toDay = "to_day", peakDay = "peak_day", posts, tag, `public`, claims
            case media, official, partner, replies
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            if let list = try? c.decode([String].self, forKey: .ward) {
                wards = list
            } else {
                wards = [try c.decode(String.self, forKey: .ward)]
            }
            fromDay = try c.decode(Int.self, forKey: .fromDay)
            toDay = try c.decode(Int.self, forKey: .toDay)
            peakDay = try c.decode(Int.self, forKey: .peakDay)
            posts = try c.decode(Int.self, forKey: .posts)
            tag = try c.decode(String.self, forKey: .tag)
            `public` = try c.decode([String].self, forKey: .public)
            claims = try c.decodeIfPresent([String].self, forKey: .claims) ?? []
            media = try c.decodeIfPresent([String].self, forKey: .media) ?? []
            official = try c.decodeIfPresent([String].self, forKey: .official) ?? []
            partner = try c.decodeIfPresent([PartnerPost].self, forKey: .partner) ?? []
            replies = try c.decodeIfPresent([String].self, forKey: .replies) ?? []
        }
    }

    var firstNames: [String]
    var lastNames: [String]
    var handlePatterns: [String]
    var negEmoji: [String]
    var posEmoji: [String]
    var signOffs: [String]
    var background: [BackgroundTopic]
    var stories: [Story]
    var mediaBackground: [String]
    var officialBackground: [String]
    var councilReplies: [String]

    enum CodingKeys: String, CodingKey {
        case firstNames = "first_names", lastNames = "last_names", handlePatterns = "handle_patterns"
        case negEmoji = "neg_emoji", posEmoji = "pos_emoji", signOffs = "sign_offs", background, stories
        case mediaBackground = "media_background", officialBackground = "official_background"
        case councilReplies = "council_replies"
    }

    /// The phrasebook's file name, beside the council config.
    public static let fileName = "demo-phrasebook.yaml"

    /// Reads the phrasebook at `path`.
    public static func load(from path: String) throws -> Phrasebook {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw MusterError("cannot read the demo phrasebook \(path)")
        }
        do {
            return try YAMLDecoder().decode(Phrasebook.self, from: text)
        } catch {
            throw MusterError("\(path): \(error)")
        }
    }
}
