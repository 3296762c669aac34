import Foundation

/// The formats `muster ingest` reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (`.ndjson`, `.jsonl`).
    case ndjson
    /// A JSON array of objects (`.json`).
    case jsonArray = "json"
    /// Comma-separated values with a header row (`.csv`).
    case csv
    /// Tab-separated values with a header row (`.tsv`).
    case tsv

    /// The format for a file: by its extension, else by its first non-blank byte.
    static func detect(name: String, firstByte: UInt8?) -> InputFormat {
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "ndjson", "jsonl": return .ndjson
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        default: break
        }
        switch firstByte {
        case UInt8(ascii: "["): return .jsonArray
        case UInt8(ascii: "{"): return .ndjson
        default: return .csv
        }
    }
}
