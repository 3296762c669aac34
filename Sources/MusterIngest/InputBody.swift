import Foundation
import MusterCore
import MusterNet

/// Where an input's bytes come from: a file, read as it is consumed, or an HTTP response's body, fetched whole.
package enum InputBody: Sendable {
    case file(String)
    case fetched(url: String, Data)

    /// Opens `input`: fetches a `http(s)://` URL, checks that a file can be read.
    init(_ input: String, http: HTTPClient) throws {
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            let response = try http.get(input)
            guard response.status == 200 else { throw MusterError("\(input): the server answered HTTP \(response.status)") }
            self = .fetched(url: input, response.body)
        } else {
            guard FileManager.default.isReadableFile(atPath: input) else {
                throw MusterError("cannot read \(input)", hint: "Check that the file exists and is readable.")
            }
            self = .file(input)
        }
    }

    /// A reader over the input's lines.
    package func lineReader(chunkSize: Int) throws -> LineReader {
        switch self {
        case .file(let path): return try LineReader(path: path, chunkSize: chunkSize)
        case .fetched(let url, let data): return LineReader(data: data, name: url, chunkSize: chunkSize)
        }
    }

    /// The whole input as text, for formats read whole.
    package func text() throws -> String {
        let data: Data
        let name: String
        switch self {
        case .file(let path):
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw MusterError("cannot read \(path)", hint: "Check that the file exists and is readable.")
            }
            (data, name) = (contents, path)
        case .fetched(let url, let body):
            (data, name) = (body, url)
        }
        // A byte-order mark (Excel writes one) would otherwise become part of the first column's name.
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        guard let text = String(validating: body, as: UTF8.self) else {
            throw MusterError("\(name) is not UTF-8 text", hint: "Nothing from it was stored; convert it to UTF-8 and ingest it again.")
        }
        return text
    }

    /// The first byte that is not whitespace, from the input's first few kilobytes, for detecting its format.
    func firstNonBlankByte() throws -> UInt8? {
        let head: Data
        switch self {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw MusterError("cannot read \(path)") }
            defer { try? handle.close() }
            head = try handle.read(upToCount: 4_096) ?? Data()
        case .fetched(_, let body):
            head = body.prefix(4_096)
        }
        return head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    }
}
