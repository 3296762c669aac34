import Foundation
import MusterCore

/// Reads the records of one input file. A record that cannot be parsed is rejected with its line; a file whose
/// structure is broken (not UTF-8, an unclosed quote or bracket) fails whole, so nothing of it is stored.
package enum RecordReader {
    package static func records(in text: String, format: InputFormat, file: String) throws -> (records: [RawRecord], rejected: [Rejection]) {
        switch format {
        // The ingester streams NDJSON a line at a time (PostBatcher, `record(ndjsonLine:)`); it never reads it whole.
        case .ndjson: preconditionFailure("NDJSON is read a line at a time, never whole")
        case .jsonArray: return try jsonArray(text, file: file)
        case .csv: return try DelimitedParser(delimiter: ",").records(in: text, file: file)
        case .tsv: return try DelimitedParser(delimiter: "\t").records(in: text, file: file)
        }
    }

    /// A line read: a record, or why it is not one.
    package enum ReadRecord {
        case record(RawRecord)
        case rejected(Rejection)
    }

    /// The record on one NDJSON line, its rejection when it is not a JSON object, or `nil` when it is blank.
    ///
    /// - Throws: `MusterError` when the line is not UTF-8: the input is then refused whole, as a text file that
    ///   is not UTF-8 is.
    package static func record(ndjsonLine line: UnsafeBufferPointer<UInt8>, number: Int, file: String) throws -> ReadRecord? {
        var start = 0
        var end = line.count
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: line[start..<end])
        guard let raw = String(validating: bytes, as: UTF8.self) else {
            throw MusterError("\(file):\(number): is not UTF-8 text", hint: "Nothing from it was stored; convert it to UTF-8 and ingest it again.")
        }
        switch JSONParser.object(in: bytes) {
        case .success(let fields): return .record(RawRecord(line: number, fields: fields, raw: raw))
        case .failure(let reason): return .rejected(Rejection(file: file, line: number, reason: reason.message))
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
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
            switch JSONParser.object(in: element) {
            case .success(let fields): records.append(RawRecord(line: startLine, fields: fields, raw: element))
            case .failure(let reason): rejected.append(Rejection(file: file, line: startLine, reason: reason.message))
            }
            // The element ended at a comma, at the array's `]`, or at a bracket that closes nothing; the last would
            // otherwise end an empty element at the same place for ever.
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] != UInt8(ascii: "]") {
                throw MusterError("\(file):\(line): a \"\(Character(Unicode.Scalar(bytes[index])))\" closes nothing", hint: "Nothing from this file was stored; fix the brackets and ingest it again.")
            }
        }
        return (records, rejected)
    }
}
