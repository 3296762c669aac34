import Foundation
import MusterCore
import MusterNet
import MusterText

/// Reads files (or URLs) of posts, enriches each post, and stores them.
///
/// Into an empty store each input is one transaction: either all of its good records land or, when the input itself
/// is broken, none do. Into a store in use, each batch is its own transaction (see `ingest`). Re-ingesting an input
/// adds nothing: it refreshes engagement, and takes in text edited at the source.
public struct Ingester: Sendable {
    let store: any PostWriting
    let enricher: Enricher
    let clock: any Clock
    let http: HTTPClient
    /// Posts enriched and written per step; progress is reported between steps.
    public var batchSize = 2_000
    /// Bytes read from a file at a time: NDJSON streams through a buffer this size, whatever the file's size.
    public var chunkSize = 4 << 20

    /// Creates an ingester writing to `store`.
    public init(store: any PostWriting, enricher: Enricher, clock: any Clock = SystemClock(), http: HTTPClient = HTTPClient()) {
        self.store = store
        self.enricher = enricher
        self.clock = clock
        self.http = http
    }

    /// Ingests one file path or `http(s)://` URL.
    ///
    /// NDJSON streams: one thread reads, parses, maps and enriches the next batch while this one writes the last,
    /// and memory holds a few batches whatever the input's size. JSON arrays and CSV are read whole.
    ///
    /// - Parameters:
    ///   - input: a path or URL.
    ///   - source: the source for records that name none (default: the format's usual source, `import`).
    ///   - format: the format, when not to be detected from the name and content.
    ///   - progress: called with (posts done, posts in all) between batches; while NDJSON streams, the total is
    ///     estimated from the bytes read so far, and it is exact on the last call.
    /// - Throws: `MusterError` when the input cannot be read or is broken as a whole; then nothing is stored.
    public func ingest(
        _ input: String, source: String = "import", format: InputFormat? = nil,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> IngestReport {
        let body = try InputBody(input, http: http)
        let format = try format ?? InputFormat.detect(name: URL(string: input)?.path ?? input, firstByte: try body.firstNonBlankByte())
        let batcher = PostBatcher(mapping: FieldMapping(defaultSource: source, now: clock.now), enricher: enricher, batchSize: batchSize, file: input)
        let produce: @Sendable ((PostBatch) -> Bool) throws -> Void
        if format == .ndjson {
            let chunkSize = chunkSize
            produce = { emit in try batcher.batches(from: body.lineReader(chunkSize: chunkSize), emit: emit) }
        } else {
            let (records, unreadable) = try RecordReader.records(in: try body.text(), format: format, file: input)
            produce = { emit in try batcher.batches(from: records, rejected: unreadable, emit: emit) }
        }

        var report = IngestReport()
        var done = 0
        let now = clock.now
        // Into an empty store a file lands whole, in one fast transaction. Into a store in use, each batch commits
        // by itself and the ingest pauses between them, so a chat answer's audit row or a console question never
        // waits behind a long file; a file that fails half-way keeps its earlier batches, and ingesting it again adds
        // only what is missing.
        let bulk = try store.totalPosts() == 0
        /// Counts and reports `batch`, written by `write`.
        func consume(_ batch: PostBatch, write: () throws -> UpsertCounts) throws -> UpsertCounts {
            report.rejected += batch.rejected
            let counts = try write()
            done += batch.posts.count
            progress(done, batch.isLast ? done : max(batch.estimatedTotal, done + 1))
            return counts
        }
        let counts: UpsertCounts
        if bulk {
            counts = try store.loadInBulk { load in
                var counts = UpsertCounts()
                try Self.pipelined(produce) { batch in
                    counts += try consume(batch) { try batch.write(upsert: { try load.upsert($0, ingestedAt: now) }, remove: load.removeAtSource) }
                }
                return counts
            }
        } else {
            var total = UpsertCounts()
            try Self.pipelined(produce) { batch in total += try consume(batch) { try writeStep(batch, at: now) } }
            counts = total
        }
        report.rejected.sort { $0.line < $1.line }
        report.counts = counts
        return report
    }

    /// Writes one batch in a transaction of its own, then lets any writer waiting for the lock (a chat answer's audit
    /// row, a console question) go first.
    func writeStep(_ batch: PostBatch, at now: Date) throws -> UpsertCounts {
        let counts = try store.writePosts { store in try batch.write(upsert: { try store.upsert($0, ingestedAt: now) }, remove: store.removeAtSource) }
        store.yieldToWaitingWriters()
        return counts
    }

    /// Runs `produce` on a thread of its own and `consume` on this one, a couple of batches apart, so that
    /// preparing posts and writing them use both cores. Writes stay on this thread, which holds the transaction.
    private static func pipelined(
        _ produce: @escaping @Sendable ((PostBatch) -> Bool) throws -> Void, consume: (PostBatch) throws -> Void
    ) throws {
        let queue = BatchQueue<PostBatch>(capacity: 2)
        let finished = DispatchSemaphore(value: 0)
        let producer = Thread {
            do {
                try produce { queue.put($0) }
                queue.finish()
            } catch {
                queue.finish(throwing: error)
            }
            finished.signal()
        }
        producer.start()
        // However this ends, stop the producer and wait for it, so that it never outlives the transaction.
        defer {
            queue.cancel()
            finished.wait()
        }
        while let batch = try queue.take() {
            try consume(batch)
        }
    }
}
