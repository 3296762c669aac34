import Foundation
import MusterCore

/// A tab-separated file with a header row, read into rows of named fields. The evaluation data sets are all in
/// this shape and hold no quoted tabs.
struct TSVTable {
    let rows: [[String: String]]

    init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw MusterError("cannot read \(path)", hint: "Point --data at the shared data folder.")
        }
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else {
            rows = []
            return
        }
        rows = lines.dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first })
        }
    }
}
