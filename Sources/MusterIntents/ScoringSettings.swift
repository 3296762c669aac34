import Foundation

/// How the ask is chosen, from `intents/scoring.yaml`: what a whole-sentence pattern adds, the least score that can
/// win, the margin a winner needs, the score an action needs, and how far typos are read.
public struct ScoringSettings: Sendable {
    static let fileName = "scoring.yaml"

    /// What a whole-sentence pattern adds to its intent's score.
    public var sentence = 4.0
    /// The least score that can win.
    public var minimum = 1.0
    /// How far ahead the winner must be; closer, Muster asks which was meant.
    public var margin = 1.0
    /// The score an intent that changes something needs to act without asking.
    public var act = 4.0
    /// How typos are read.
    var typos = TypoCorrector.Limits()

    init(directory: URL) throws {
        let url = directory.appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let file = try YAMLFile(url)
        func number(_ key: String) throws -> Double? {
            guard let node = file.root[key] else { return nil }
            guard let value = node.float ?? node.int.map(Double.init) else { throw file.error(node, "\(key) must be a number") }
            return value
        }
        sentence = try number("sentence") ?? sentence
        minimum = try number("minimum") ?? minimum
        margin = try number("margin") ?? margin
        act = try number("act") ?? act
        typos.minimumLength = Int(try number("typo_length") ?? Double(typos.minimumLength))
        typos.edits = Int(try number("typo_edits") ?? Double(typos.edits))
        typos.longEdits = Int(try number("typo_edits_long") ?? Double(typos.longEdits))
        typos.longLength = Int(try number("typo_long_length") ?? Double(typos.longLength))
    }
}
