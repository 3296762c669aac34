import MusterCore
import MusterText

/// Turns an input's records into batches of enriched posts; runs on the thread that prepares batches while the
/// previous one is written.
struct PostBatcher: Sendable {
    let mapping: FieldMapping
    let enricher: Enricher
    let batchSize: Int
    let file: String

    /// Streams NDJSON lines from `reader`, handing each full batch to `emit`; stops early when `emit` returns `false`.
    ///
    /// - Throws: `MusterError` when the input cannot be read or is not UTF-8.
    func batches(from reader: LineReader, emit: (PostBatch) -> Bool) throws {
        var batch = PostBatch()
        var made = 0
        while let line = try reader.nextLine() {
            switch try RecordReader.record(ndjsonLine: line, number: reader.lineNumber, file: file) {
            case .record(let record)?: try add(record, to: &batch)
            case .rejected(let rejection)?: batch.rejected.append(rejection)
            case nil: break
            }
            if batch.posts.count >= batchSize {
                made += batch.posts.count
                if let total = reader.totalBytes, reader.bytesConsumed > 0 {
                    batch.estimatedTotal = Int(Double(made) * Double(total) / Double(reader.bytesConsumed))
                }
                guard emit(batch) else { return }
                batch = PostBatch()
            }
        }
        batch.isLast = true
        _ = emit(batch)
    }

    /// Batches the records of an input read whole (JSON arrays, CSV), after the rejections its reader found.
    func batches(from records: [RawRecord], rejected: [Rejection], emit: (PostBatch) -> Bool) throws {
        var batch = PostBatch(rejected: rejected)
        for (index, record) in records.enumerated() {
            try add(record, to: &batch)
            if batch.posts.count >= batchSize && index < records.count - 1 {
                batch.estimatedTotal = records.count
                guard emit(batch) else { return }
                batch = PostBatch()
            }
        }
        batch.isLast = true
        _ = emit(batch)
    }

    private func add(_ record: RawRecord, to batch: inout PostBatch) throws {
        do {
            if let deleted = try mapping.deletion(from: record) {
                batch.deletions.append(deleted)
                return
            }
            batch.posts.append(enricher.enrich(try mapping.post(from: record)))
        } catch let error as MusterError {
            batch.rejected.append(Rejection(file: file, line: record.line, reason: error.message))
        }
    }
}
