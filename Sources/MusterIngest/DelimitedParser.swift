import Foundation
import MusterCore

/// RFC 4180 CSV (or TSV): a header row, quoted fields with doubled quotes, newlines inside quotes.
struct DelimitedParser {
    let delimiter: Character

    func records(in text: String, file: String) throws -> ([RawRecord], [Rejection]) {
        let rows = try parseRows(text, file: file)
        guard let (_, header) = rows.first else { return ([], []) }
        let names = header.map { $0.trimmed.lowercased() }
        var records: [RawRecord] = []
        var rejected: [Rejection] = []
        for (line, fields) in rows.dropFirst() {
            if fields.count == 1, fields[0].isEmpty { continue }
            guard fields.count == names.count else {
                rejected.append(Rejection(file: file, line: line, reason: "has \(fields.count) fields, the header has \(names.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (name, value) in zip(names, fields) where !value.isEmpty { values[name] = value }
            let raw = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]))
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let object = JSONObject(members: values.map { ($0.key, .string($0.value)) })
            records.append(RawRecord(line: line, fields: object, raw: raw))
        }
        return (records, rejected)
    }

    /// Rows with the line each starts on.
    func parseRows(_ text: String, file: String) throws -> [(Int, [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending { pending = nil; return character }
            return iterator.next()
        }
        while let character = next() {
            if inQuotes {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                inQuotes = true
                quoteLine = line
            } else if character == delimiter {
                fields.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                fields.append(field)
                rows.append((rowLine, fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            } else {
                field.append(character)
            }
        }
        if inQuotes {
            throw MusterError("\(file):\(quoteLine): a quoted field is never closed", hint: "Nothing from this file was stored; fix the quote and ingest it again.")
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((rowLine, fields))
        }
        return rows
    }
}

/// CSV or TSV rows for tools that read a labelled file themselves rather than ingest it (`muster eval`).
public enum DelimitedText {
    /// Every row of `text`, the header first, each as its fields.
    public static func rows(of text: String, delimiter: Character = ",", file: String) throws -> [[String]] {
        try DelimitedParser(delimiter: delimiter).parseRows(text, file: file).map(\.1)
    }
}
