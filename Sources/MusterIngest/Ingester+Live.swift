import Foundation
import MusterCore

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
        var report = IngestReport()
        var failure: (any Error)?
        try batcher(name: name, source: source, now: now).batches(from: records, rejected: rejected) { batch in
            report.rejected += batch.rejected
            do {
                report.counts += try writeStep(batch, at: now)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return report
    }

    /// Stores a body pushed to `POST /ingest` (NDJSON or a JSON array) whole or not at all: when any record is
    /// rejected nothing is stored and the report lists them; otherwise every post lands in one transaction with
    /// the audit row `audit` makes from the counts, so a push is never stored unaudited.
    ///
    /// - Throws: `MusterError` when the body is not UTF-8 or not JSON records at all (nothing is stored), or a store
    ///   error.
    public func ingest(pushed data: Data, name: String, source: String, audit: (UpsertCounts) -> AuditEntry) throws -> IngestReport {
        let body = InputBody.fetched(url: name, data)
        let now = clock.now
        let batcher = batcher(name: name, source: source, now: now)
        var batches: [PostBatch] = []
        switch try body.firstNonBlankByte() {
        case UInt8(ascii: "[")?:
            let (records, unreadable) = try RecordReader.records(in: try body.text(), format: .jsonArray, file: name)
            try batcher.batches(from: records, rejected: unreadable) { batches.append($0); return true }
        case UInt8(ascii: "{")?:
            try batcher.batches(from: body.lineReader(chunkSize: chunkSize)) { batches.append($0); return true }
        default:
            throw MusterError("\(name): send NDJSON (one JSON object per line) or a JSON array of posts")
        }
        var report = IngestReport()
        report.rejected = batches.flatMap(\.rejected).sorted { $0.line < $1.line }
        guard report.rejected.isEmpty else { return report }
        report.counts = try store.writePosts { sink in
            var counts = UpsertCounts()
            for batch in batches {
                counts += try batch.write(upsert: { try sink.upsert($0, ingestedAt: now) }, remove: sink.removeAtSource)
            }
            try store.audit(audit(counts))
            return counts
        }
        return report
    }

    private func batcher(name: String, source: String, now: Date) -> PostBatcher {
        PostBatcher(mapping: FieldMapping(defaultSource: source, now: now), enricher: enricher, batchSize: batchSize, file: name)
    }
}
