import Foundation

extension Fixture {
    /// A copy of the demo council's config in a new folder, with `extra` appended to its `muster.yaml` (a `sources:`
    /// list, say) after the top-level sections named in `dropping` are taken out; the other files are linked, not
    /// copied. Returns the new `muster.yaml`'s path.
    public static func demoConfig(appending extra: String, dropping sections: Set<String> = []) throws -> String {
        let root = try temporaryDirectory()
        let folder = root.appendingPathComponent("config/northbridge")
        let files = FileManager.default
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        let demo = repositoryRoot.appendingPathComponent("config/northbridge")
        for name in try files.contentsOfDirectory(atPath: demo.path) where name != "muster.yaml" {
            try files.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: demo.appendingPathComponent(name))
        }
        // The config names these relative to itself.
        try files.createSymbolicLink(at: root.appendingPathComponent("config/lexicon"), withDestinationURL: repositoryRoot.appendingPathComponent("config/lexicon"))
        try files.createSymbolicLink(at: root.appendingPathComponent("intents"), withDestinationURL: repositoryRoot.appendingPathComponent("intents"))
        var kept: [Substring] = []
        var dropping = false
        for line in try String(contentsOf: demo.appendingPathComponent("muster.yaml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isLetter { dropping = sections.contains(String(line.prefix { $0 != ":" })) }
            if !dropping { kept.append(line) }
        }
        let text = kept.joined(separator: "\n") + "\n" + extra
        let path = folder.appendingPathComponent("muster.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }
}
