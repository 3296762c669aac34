import MusterCore
import MusterStore

extension Ingester {
    /// Stores the records a polled source answered with, through the same mapping and enrichment as a file, a batch
    /// per short transaction so that answers never wait behind a poll.
    ///
    /// - Parameters:
    ///   - records: the records, with ingest field names.
    ///   - rejected: items the source's reader could not read, reported with the rest.
    ///   - name: what rejections name as their file (the source's name).
    ///   - source: the source for records that name none.
    /// - Throws: `MusterError` or a store error when a batch cannot be written; the batches before it stay.
    package func ingest(records: [RawRecord], rejected: [Rejection], name: String, source: String) throws -> IngestReport {
        let now = clock.now
        let batcher = PostBatcher(mapping: FieldMapping(defaultSource: source, now: now), enricher: enricher, batchSize: batchSize, file: name)
        var report = IngestReport()
        var failure: (any Error)?
        try batcher.batches(from: records, rejected: rejected) { batch in
            report.rejected += batch.rejected
            do {
                report.counts += try writeStep { store in
                    var counts = batch.posts.isEmpty ? UpsertCounts() : try store.upsert(batch.posts, ingestedAt: now)
                    if !batch.deletions.isEmpty { counts.removed += try store.removeAtSource(batch.deletions) }
                    return counts
                }
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return report
    }
}
