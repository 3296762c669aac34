import Foundation
import MusterCore
import MusterNet
import MusterStore
import MusterText

/// Reads files (or URLs) of posts, enriches each post, and stores them.
///
/// Each input is one transaction: either all of its good records land or, when the input itself is broken,
/// none do. Re-ingesting an input adds nothing and only refreshes engagement.
public struct Ingester: Sendable {
    private let store: SQLitePostStore
    private let enricher: Enricher
    private let clock: any Clock
    private let http: HTTPClient
    /// Posts enriched and written per step; progress is reported between steps.
    public var batchSize = 2_000

    /// Creates an ingester writing to `store`.
    public init(store: SQLitePostStore, enricher: Enricher, clock: any Clock = SystemClock(), http: HTTPClient = HTTPClient()) {
        self.store = store
        self.enricher = enricher
        self.clock = clock
        self.http = http
    }

    /// Ingests one file path or `http(s)://` URL.
    ///
    /// - Parameters:
    ///   - input: a path or URL.
    ///   - source: the source for records that name none (default: the format's usual source, `import`).
    ///   - format: the format, when not to be detected from the name and content.
    ///   - progress: called with (records done, records in all) between batches.
    /// - Throws: `MusterError` when the input cannot be read or is broken as a whole; then nothing is stored.
    public func ingest(
        _ input: String, source: String = "import", format: InputFormat? = nil,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> IngestReport {
        let text = try read(input)
        let format = format ?? InputFormat.detect(name: URL(string: input)?.path ?? input, text: text)
        let (records, unreadable) = try RecordReader.records(in: text, format: format, file: input)
        let mapping = FieldMapping(defaultSource: source)

        var report = IngestReport()
        report.rejected = unreadable
        var posts: [Post] = []
        posts.reserveCapacity(records.count)
        for record in records {
            do {
                posts.append(try mapping.post(from: record))
            } catch let error as MusterError {
                report.rejected.append(Rejection(file: input, line: record.line, reason: error.message))
            }
        }
        report.rejected.sort { $0.line < $1.line }

        let now = clock.now
        let counts = try store.write { store in
            var counts = UpsertCounts()
            for start in stride(from: 0, to: posts.count, by: batchSize) {
                let batch = posts[start..<min(start + batchSize, posts.count)].map(enricher.enrich)
                counts += try store.upsert(batch, ingestedAt: now)
                progress(min(start + batchSize, posts.count), posts.count)
            }
            return counts
        }
        report.inserted = counts.inserted
        report.updated = counts.updated
        report.unchanged = counts.unchanged
        return report
    }

    private func read(_ input: String) throws -> String {
        let data: Data
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            let response = try http.get(input)
            guard response.status == 200 else { throw MusterError("\(input): the server answered HTTP \(response.status)") }
            data = response.body
        } else {
            guard let contents = FileManager.default.contents(atPath: input) else {
                throw MusterError("cannot read \(input)", hint: "Check that the file exists and is readable.")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MusterError("\(input) is not UTF-8 text", hint: "Nothing from it was stored; convert it to UTF-8 and ingest it again.")
        }
        return text
    }
}
