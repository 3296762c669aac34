import Foundation
import MusterCore
import MusterIngest

/// The ingest readers and the mapping from record to post: `muster ingest` reads files and URLs from anywhere.
///
/// Every input is read as each format in turn, as an input of unknown origin could be any of them.
enum RecordsTarget {
    /// A fixed "now", so that whether a time is plausible does not depend on when the corpus is replayed.
    static let mapping = FieldMapping(defaultSource: "fuzz", now: Date(timeIntervalSince1970: 1_795_513_320))

    static func check(_ input: Data, _ check: inout InvariantCheck) {
        ndjson(input, &check)
        let body = InputBody.fetched(url: "fuzz", input)
        // A file that is not UTF-8 is refused whole; there is nothing more to read.
        guard let text = try? body.text() else { return }
        for format in [InputFormat.jsonArray, .csv, .tsv] {
            guard let (records, _) = try? RecordReader.records(in: text, format: format, file: "fuzz") else { continue }
            for record in records { post(from: record, &check) }
        }
    }

    /// Reads the input a line at a time as ingest streams NDJSON, through a buffer so small that lines and line
    /// ends straddle its refills, and checks that the lines are the same as through a large one.
    private static func ndjson(_ input: Data, _ check: inout InvariantCheck) {
        let body = InputBody.fetched(url: "fuzz.ndjson", input)
        guard let small = try? lines(of: body, chunkSize: 16), let large = try? lines(of: body, chunkSize: 1 << 16) else {
            check.expect(false, "reading lines threw")
            return
        }
        check.expect(small == large, "lines read through 16 bytes (\(small.count)) differ from lines read through 64 KB (\(large.count))")
        for (number, line) in large.enumerated() {
            let read = try? line.withUnsafeBufferPointer { try RecordReader.record(ndjsonLine: $0, number: number + 1, file: "fuzz.ndjson") }
            if case .record(let record)? = read { post(from: record, &check) }
        }
    }

    /// Whether `Engagement.score` would overflow (and trap) for these counts.
    private static func scoreOverflows(_ engagement: Engagement) -> Bool {
        let weights = Engagement.weights
        var score = 0
        for (count, weight) in [(engagement.likes, weights.likes), (engagement.shares, weights.shares), (engagement.replies, weights.replies)] {
            let (weighted, overflow) = count.multipliedReportingOverflow(by: weight)
            let (sum, overflowAgain) = score.addingReportingOverflow(weighted)
            if overflow || overflowAgain { return true }
            score = sum
        }
        return false
    }

    private static func lines(of body: InputBody, chunkSize: Int) throws -> [[UInt8]] {
        let reader = try body.lineReader(chunkSize: chunkSize)
        var lines: [[UInt8]] = []
        while let line = try reader.nextLine() { lines.append(Array(line)) }
        return lines
    }

    /// Maps a record, checking what a stored post may hold: the store, full-text index and every answer trust it.
    private static func post(from record: RawRecord, _ check: inout InvariantCheck) {
        _ = try? mapping.deletion(from: record)
        guard let post = try? mapping.post(from: record) else { return }
        let id = post.externalID
        check.expect(!post.text.isEmpty && !post.text.hasControlCharacters, "post \(id.quoted) has empty text or control characters: \(post.text.quoted)")
        check.expect(post.text.count <= FieldMapping.maximumTextLength, "post \(id.quoted) has \(post.text.count) characters of text")
        for (name, field) in [("id", id), ("author", post.author.handle), ("source", post.source)] {
            check.expect(!field.isEmpty && !field.hasControlCharacters, "post \(id.quoted) has an empty \(name) or control characters in it: \(field.quoted)")
        }
        check.expect(mapping.plausibleTimes.contains(post.createdAt), "post \(id.quoted) is dated \(post.createdAt)")
        let engagement = post.engagement
        check.expect(min(engagement.likes, engagement.shares, engagement.replies, engagement.reach) >= 0, "post \(id.quoted) has negative engagement")
        // Posts are ranked by engagement score; a count that overflows it would stop every answer that ranks.
        check.expect(!scoreOverflows(engagement), "post \(id.quoted) has engagement \(engagement) whose score overflows")
        if let geo = post.geo {
            check.expect((-90...90).contains(geo.latitude) && (-180...180).contains(geo.longitude), "post \(id.quoted) is at \(geo.latitude), \(geo.longitude)")
        }
    }
}
