import MusterConfig
import MusterIngest

extension Ingester {
    /// Stores a page a source answered with, under the source's name and post source.
    ///
    /// - Throws: a store error when a batch cannot be written; the batches before it stay.
    public func store(_ page: SourcePage, from source: Source) throws -> IngestReport {
        try ingest(records: page.records, rejected: page.rejected, name: source.name, source: source.postSource)
    }
}
