import Foundation
import MusterCore

/// Reads the records of one input file. A record that cannot be parsed is rejected with its line; a file whose
/// structure is broken (not UTF-8, an unclosed quote or bracket) fails whole, so nothing of it is stored.
enum RecordReader {
    static func records(in text: String, format: InputFormat, file: String) throws -> (records: [RawRecord], rejected: [Rejection]) {
        switch format {
        case .ndjson: return ndjson(text, file: file)
        case .jsonArray: return try jsonArray(text, file: file)
        case .csv: return try DelimitedParser(delimiter: ",").records(in: text, file: file)
        case .tsv: return try DelimitedParser(delimiter: "\t").records(in: text, file: file)
        }
    }

    private static func ndjson(_ text: String, file: String) -> ([RawRecord], [Rejection]) {
        var records: [RawRecord] = []
        var rejected: [Rejection] = []
        // Split on bytes: splitting a large String by Character was a tenth of ingest.
        for (index, bytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(decoding: bytes, as: UTF8.self).trimmed
            guard !trimmed.isEmpty else { continue }
            switch parseObject(trimmed) {
            case .success(let fields): records.append(RawRecord(line: index + 1, fields: fields, raw: trimmed))
            case .failure(let reason): rejected.append(Rejection(file: file, line: index + 1, reason: reason.message))
            }
        }
        return (records, rejected)
    }

    /// Splits a top-level JSON array into its elements with the line each starts on, so one bad element is
    /// rejected alone and reported by line.
    private static func jsonArray(_ text: String, file: String) throws -> ([RawRecord], [Rejection]) {
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            throw MusterError("\(file): expected a JSON array of posts")
        }
        index += 1
        var records: [RawRecord] = []
        var rejected: [Rejection] = []
        while true {
            skipSpace()
            guard index < bytes.count else { throw MusterError("\(file):\(line): the JSON array is not closed") }
            if bytes[index] == UInt8(ascii: "]") { break }
            let start = index
            let startLine = line
            var depth = 0
            var inString = false
            var escaped = false
            scan: while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 }
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { break scan }
                        depth -= 1
                    case UInt8(ascii: ","): if depth == 0 { break scan }
                    default: break
                    }
                }
                index += 1
            }
            guard index < bytes.count else { throw MusterError("\(file):\(startLine): the JSON array is not closed") }
            let element = String(decoding: bytes[start..<index], as: UTF8.self).trimmed
            switch parseObject(element) {
            case .success(let fields): records.append(RawRecord(line: startLine, fields: fields, raw: element))
            case .failure(let reason): rejected.append(Rejection(file: file, line: startLine, reason: reason.message))
            }
            if bytes[index] == UInt8(ascii: ",") { index += 1 }
        }
        return (records, rejected)
    }

    private static func parseObject(_ text: String) -> Result<[String: Any], MusterError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
            return .failure(MusterError("not valid JSON"))
        }
        guard let fields = object as? [String: Any] else { return .failure(MusterError("expected a JSON object")) }
        return .success(fields)
    }
}
