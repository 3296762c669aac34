import Foundation
import MusterConfig
import MusterCore
import MusterIngest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 document, which of them read from its root element.
///
/// Parsed with FoundationXML's `XMLParser`, a SAX parser on libxml2: it hands over one event at a time, so memory holds
/// the item being read and the records made so far, never a tree of the document — and it needs no new package.
struct FeedReader {
    let source: Source
    let url: String

    /// Reads `body`: decoded to UTF-8, refused if its DOCTYPE declares anything, its references repaired, then parsed.
    func page(_ body: Data) throws -> SourcePage {
        let utf8 = Self.withoutLeadingSpace(try Self.inUTF8(body))
        try Self.refuseDeclarations(in: utf8)
        let body = Self.repairingReferences(utf8)
        let handler = FeedHandler(source: source, url: url)
        // Through a stream, not `XMLParser(data:)`: the latter pushes the whole body into libxml2 in one chunk, and
        // libxml2 2.9's push parser stops a large one ("huge input lookup", error 1, seen on a 50 MB feed); the stream
        // is fed in FoundationXML's 128 KB chunks.
        let parser = XMLParser(stream: InputStream(data: body))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        // The defaults, set all the same: a feed must never make Muster read a file or fetch a URL.
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        parser.delegate = handler
        let parsed = parser.parse()
        if let refusal = handler.refusal { throw refusal }
        // libxml2 recovers from some errors and still reports success (a truncated feed), so any error refuses it.
        if let error = handler.error ?? (parsed ? nil : FeedHandler.ParseError(code: (parser.parserError as NSError?)?.code ?? 0, line: parser.lineNumber, column: parser.columnNumber)) {
            throw MusterError("the feed is not well-formed XML: \(error)", hint: "Nothing from it was stored; Muster tries again at the next poll.")
        }
        guard handler.format != nil else {
            throw MusterError("the answer is empty, not a feed")
        }
        return handler.finished()
    }

    /// The body without a byte-order mark and blank lines before `<?xml`, which libxml2 refuses (error 64) though
    /// many servers send them.
    static func withoutLeadingSpace(_ body: Data) -> Data {
        var start = body.startIndex
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < body.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(body[start]) { start += 1 }
        guard start > body.startIndex, start < body.endIndex, body[start] == UInt8(ascii: "<") else { return body }
        return body[start...]
    }

    /// Refuses a document whose DOCTYPE declares entities (or anything else), before libxml2 sees it: a few lines of
    /// nested entities expand into gigabytes (the "billion laughs"), and an external one (`SYSTEM "file:///etc/passwd"`)
    /// reads a local file or fetches a URL into the text. FoundationXML happens to stop both on libxml2 2.9 (an entity
    /// loop error, a loader that refuses), but that is an accident of its glue, not a promise; a feed has no use for
    /// entities, nor for a DTD's other declarations.
    static func refuseDeclarations(in body: Data) throws {
        // In place: the body (already UTF-8) may be tens of megabytes, and only its prolog is read.
        switch body.withUnsafeBytes({ prologDeclaration($0.bindMemory(to: UInt8.self)) }) {
        case .entities?:
            throw MusterError(
                "the feed declares XML entities, which Muster refuses (they can expand without limit or read local files)",
                hint: "Nothing from it was stored. A genuine feed has no <!ENTITY> declarations; tell the publisher, or remove the source."
            )
        case .other(let keyword)?:
            // FoundationXML passes a NULL default value of `<!ATTLIST … #IMPLIED>` to strlen; no feed needs a DTD's
            // declarations, so none reaches it.
            throw MusterError("the feed's DOCTYPE declares <!\(keyword)>, which Muster refuses", hint: "Nothing from it was stored. A genuine feed has no DTD declarations.")
        case nil:
            break
        }
    }

    /// A declaration found in a DOCTYPE's internal subset.
    private enum Declaration {
        case entities
        case other(String)
    }

    /// The first `<!ENTITY`, `<!ATTLIST`, `<!ELEMENT` or `<!NOTATION` declaration in the prolog (everything before the
    /// root element's start tag). Comments, processing instructions and quoted literals are skipped, so a `<` inside
    /// one does not end the scan early.
    private static func prologDeclaration(_ bytes: UnsafeBufferPointer<UInt8>) -> Declaration? {
        func starts(_ text: String, at index: Int) -> Bool {
            let needle = Array(text.utf8)
            guard index + needle.count <= bytes.count else { return false }
            for offset in needle.indices where bytes[index + offset] | 0x20 != needle[offset] | 0x20 { return false }
            return true
        }
        func skip(to end: String, from index: Int) -> Int {
            var index = index
            while index < bytes.count, !starts(end, at: index) { index += 1 }
            return index + end.utf8.count
        }
        var index = 0
        var inDeclaration = false
        var found: Declaration?
        while index < bytes.count {
            let byte = bytes[index]
            if starts("<!--", at: index) {
                index = skip(to: "-->", from: index + 4)
            } else if starts("<?", at: index) {
                index = skip(to: "?>", from: index + 2)
            } else if starts("<!ENTITY", at: index) {
                return .entities
            } else if let keyword = ["ATTLIST", "ELEMENT", "NOTATION"].first(where: { starts("<!" + $0, at: index) }) {
                // Entities, the worse, are looked for to the end, so that the message names them.
                if found == nil { found = .other(keyword) }
                inDeclaration = true
                index += 2
            } else if byte == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") {
                inDeclaration = true
                index += 2
            } else if inDeclaration, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count, bytes[index] != byte { index += 1 }
                index += 1
            } else if byte == UInt8(ascii: "<") {
                // The root element: the prolog is over, and a DOCTYPE cannot come after it.
                return found
            } else {
                index += 1
            }
        }
        return found
    }
}
