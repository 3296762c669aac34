import Foundation
import MusterCore
import Yams

/// A story in the demo phrasebook (`demo-phrasebook.yaml`), read for what an alert is checked against: its wards,
/// its hashtag and the days it runs, counted back from the end of the data (0 = the last day).
public struct DemoStory: Sendable, Hashable, Decodable {
    /// Its name ("Hill Street fire").
    public var name: String
    /// The wards it happens in.
    public var wards: [String]
    /// The first day it runs, in days before the end.
    public var fromDay: Int
    /// The last day it runs, in days before the end.
    public var toDay: Int
    /// The hashtag its posts carry ("#HillStreetFire"), by which its first post is found.
    public var tag: String

    enum CodingKeys: String, CodingKey {
        case name, ward, fromDay = "from_day", toDay = "to_day", tag
    }

    /// Reads a story.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        if let list = try? c.decode([String].self, forKey: .ward) {
            wards = list
        } else {
            wards = [try c.decode(String.self, forKey: .ward)]
        }
        fromDay = try c.decode(Int.self, forKey: .fromDay)
        toDay = try c.decode(Int.self, forKey: .toDay)
        tag = try c.decode(String.self, forKey: .tag)
    }

    /// The span its posts can fall in, for data ending at `end`: the generator places them from the start of day
    /// `fromDay` back to the end of day `toDay` back.
    public func span(end: Date) -> ClosedRange<Date> {
        end.addingTimeInterval(-Double(fromDay + 1) * 86_400)...end.addingTimeInterval(-Double(toDay) * 86_400)
    }

    /// The stories in the phrasebook at `path`.
    public static func load(phrasebook path: String) throws -> [DemoStory] {
        struct Book: Decodable { var stories: [DemoStory] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MusterError("cannot read the demo phrasebook \(path)") }
        do {
            return try YAMLDecoder().decode(Book.self, from: text).stories
        } catch {
            throw MusterError("\(path): \(error)")
        }
    }
}
