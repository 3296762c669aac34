import Foundation
import MusterConfig
import MusterIntents

extension Vocabulary {
    /// The organisation's names for things, from its config: wards by name, alias, place and postcode district;
    /// the whole patch by the organisation's names; topics by name, label and term; outlets by name, handle and alias.
    ///
    /// - Parameter dictionary: words of the language, never read as typos (see `WordList`).
    public init(config: CouncilConfig, dictionary: Set<String> = WordList.shared) {
        var entries: [Entry] = []
        for ward in config.wards {
            for phrase in [ward.name] + ward.aliases + ward.places + ward.postcodes {
                entries.append(Entry(kind: .area, value: ward.name, phrase: phrase))
            }
        }
        let organisation = config.organisation
        // Its handles are how people address the bot, and are taken out of messages before matching.
        for name in [organisation.name, organisation.shortName] {
            entries.append(Entry(kind: .everywhere, value: "everywhere", phrase: name))
        }
        for topic in config.topics {
            for phrase in [topic.name, topic.label] + topic.terms {
                entries.append(Entry(kind: .topic, value: topic.name, phrase: phrase, plural: true))
            }
        }
        for outlet in config.outlets {
            for phrase in [outlet.name] + outlet.aliases + outlet.handles.map({ "@" + $0 }) {
                entries.append(Entry(kind: .outlet, value: outlet.name, phrase: phrase))
            }
        }
        let numbers = Dictionary(config.wards.compactMap { ward in ward.number.map { ($0, ward.name) } }) { first, _ in first }
        self.init(entries: entries, wardNumbers: numbers, filler: config.lexicon.stopwords, dictionary: dictionary)
    }
}

/// The language's words, from the system word list, so that a real word ("floor") is never read as a typo of a
/// known one ("flood").
public enum WordList {
    /// Where the word list is looked for: `$MUSTER_DICTIONARY`, else Debian's British English list (package
    /// `wbritish`, which `make` installs), else the system's default list.
    public static var candidates: [String] {
        [ProcessInfo.processInfo.environment["MUSTER_DICTIONARY"], "/usr/share/dict/british-english", "/usr/share/dict/words"].compactMap { $0 }
    }

    /// The words of the first list found, read once per process.
    public static let shared = load()

    /// The words of the first list found, lower case; none when there is no list (typos are then read against
    /// Muster's own words alone).
    public static func load() -> Set<String> {
        for path in candidates {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            var words: Set<String> = []
            words.reserveCapacity(110_000)
            for line in data.split(separator: UInt8(ascii: "\n")) {
                words.insert(String(decoding: line, as: UTF8.self).lowercased())
            }
            return words
        }
        return []
    }
}
