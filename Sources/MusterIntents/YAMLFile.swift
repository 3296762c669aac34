import Foundation
import MusterCore
import Yams

/// One YAML file of the intents folder, read into nodes that remember their lines, with errors that name the file
/// and line of what is wrong.
struct YAMLFile {
    /// The file's path, for errors.
    let path: String
    /// The document's root.
    let root: Node

    /// Reads the file at `url`.
    init(_ url: URL) throws {
        path = url.path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw MusterError("cannot read \(path)")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw MusterError("\(path): the file is empty") }
            root = node
        } catch let error as YamlError {
            throw MusterError("\(path): \(error)")
        }
    }

    /// `file:line` of `node`.
    func location(_ node: Node?) -> String { "\(path):\(node?.mark?.line ?? 0)" }

    /// An error at `node`.
    func error(_ node: Node?, _ message: String, hint: String? = nil) -> MusterError {
        MusterError("\(location(node)): \(message)", hint: hint)
    }

    /// The text list at `key` (a single text counts as a list of one); empty when the key is absent.
    func strings(_ key: String, in node: Node? = nil) throws -> [String] {
        guard let value = (node ?? root)[key] else { return [] }
        return try strings(value, what: key)
    }

    /// `node` as a list of texts (a single text counts as a list of one).
    func strings(_ node: Node, what: String) throws -> [String] {
        if let single = node.string { return [single] }
        guard let items = node.sequence else { throw error(node, "\(what) must be a list of text") }
        return try items.map { item in
            guard let text = item.string else { throw error(item, "\(what) must be a list of text") }
            return text
        }
    }

    /// The mapping at `key` of names to whole numbers.
    func numbers(_ key: String) throws -> [String: Int] {
        guard let node = root[key] else { return [:] }
        guard let mapping = node.mapping else { throw error(node, "\(key) must map words to numbers") }
        var result: [String: Int] = [:]
        for (word, value) in mapping {
            guard let name = word.string, let number = value.int else { throw error(word, "\(key) must map words to numbers") }
            result[name.lowercased()] = number
        }
        return result
    }

    /// The mapping at `key` of names to lists of text ("false: [untrue, fake]").
    func lists(_ key: String) throws -> [(name: String, items: [String], node: Node)] {
        guard let node = root[key] else { return [] }
        guard let mapping = node.mapping else { throw error(node, "\(key) must map names to lists of text") }
        return try mapping.map { name, value in
            guard let key = name.string else { throw error(name, "\(key) must map names to lists of text") }
            return (key, try strings(value, what: key), value)
        }
    }

    /// The text at `key`, or `nil` when absent.
    func string(_ key: String, in node: Node? = nil) throws -> String? {
        guard let value = (node ?? root)[key] else { return nil }
        guard let text = value.string else { throw error(value, "\(key) must be text") }
        return text
    }
}
