import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MusterConfig
import MusterCore
import MusterIngest

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents into ingest records, telling them apart by the root element.
///
/// FoundationXML's `XMLParser` (libxml2 underneath) reads the document as a stream of events: memory holds the item
/// being read, never a tree of the whole feed, and no package is needed. Documents that declare entities are
/// refused before parsing: an entity-expansion bomb grows a few hundred bytes into gigabytes, and an external entity
/// can read local files.
enum FeedReader {
    /// The text of a post from a feed is cut to this many characters: a headline and its standfirst, not a whole
    /// article from `content:encoded`.
    static let maximumText = 4_000

    static func page(of source: Source, body: Data) throws -> SourcePage {
        try refuseEntityDeclarations(body)
        let parser = XMLParser(data: body)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let reader = Events()
        parser.delegate = reader
        let parsed = parser.parse()
        if let refusal = reader.refusal { throw MusterError(refusal) }
        if reader.root != nil, reader.format == nil {
            throw MusterError("the document is not an RSS or Atom feed (its root element is <\(reader.root ?? "")>)")
        }
        // libxml2 recovers from some errors and carries on; any error, or an element left open, is a broken feed.
        guard parsed, reader.error == nil, reader.isBalanced else {
            let reason = (reader.error ?? parser.parserError).map { Self.describe($0) } ?? "an element is not closed"
            throw MusterError("the feed is not well-formed XML (line \(reader.errorLine ?? parser.lineNumber)): \(reason)")
        }
        var page = SourcePage()
        for item in reader.items {
            switch item.record(source: source, feedTitle: reader.feedTitle) {
            case .success(let record): page.records.append(record)
            case .failure(let error): page.rejected.append(Rejection(file: source.name, line: item.line, reason: error.message))
            }
        }
        return page
    }

    /// libxml2's commonest complaints in words (its codes are `xmlParserErrors`); others by number.
    static func describe(_ error: any Error) -> String {
        let code = (error as NSError).code
        let words: [Int: String] = [
            4: "the document is empty", 5: "there is more after the end of the document", 9: "it holds a character XML does not allow",
            26: "it uses an entity that is not declared", 73: "a tag is missing its '>'", 76: "an end tag does not match its start tag",
            77: "an element is not closed",
        ]
        return words[code] ?? "libxml2 error \(code)"
    }

    /// Refuses a document whose DOCTYPE declares entities.
    static func refuseEntityDeclarations(_ body: Data) throws {
        guard let doctype = body.firstRange(of: Data("<!DOCTYPE".utf8)) else { return }
        if body[doctype.lowerBound...].firstRange(of: Data("<!ENTITY".utf8)) != nil {
            throw MusterError(Self.entityRefusal)
        }
    }

    static let entityRefusal = "the feed declares XML entities, which Muster refuses: they can expand without limit or read local files"

    /// The namespaces whose elements a feed item is read from.
    enum Namespace {
        static let atom = "http://www.w3.org/2005/Atom"
        static let rss1 = "http://purl.org/rss/1.0/"
        static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        static let dc = "http://purl.org/dc/elements/1.1/"
        static let content = "http://purl.org/rss/1.0/modules/content/"
        static let media = "http://search.yahoo.com/mrss/"
    }

    enum Format { case rss2, rss1, atom }

    /// One item or entry as read, before it becomes a record.
    struct Item {
        var line: Int
        var id: String?
        var permalink: String?
        var link: String?
        var title: String?
        var summary: String?
        var summaryIsHTML = true
        var content: String?
        var contentIsHTML = true
        var mediaTitle: String?
        var mediaDescription: String?
        var author: String?
        var published: String?
        var updated: String?

        func record(source: Source, feedTitle: String?) -> Result<RawRecord, MusterError> {
            func clean(_ text: String?, html: Bool) -> String? {
                guard let text else { return nil }
                let plain = html ? HTMLText.text(text) : HTMLText.collapsed(text)
                return plain.isEmpty ? nil : plain
            }
            let heading = clean(title, html: false).map(HTMLText.decodeEntities) ?? clean(mediaTitle, html: false)
            let body = clean(summary, html: summaryIsHTML) ?? clean(content, html: contentIsHTML) ?? clean(mediaDescription, html: false)
            let named = heading ?? "item at line \(line)"
            guard let id = (id ?? link ?? permalink)?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else {
                return .failure(MusterError("\"\(named)\": no guid, id or link to know it by"))
            }
            guard let text = [heading, body].compactMap({ $0 }).joined(separator: "\n\n").nilIfEmpty else {
                return .failure(MusterError("\"\(named)\": no title or text"))
            }
            guard let date = (published ?? updated)?.trimmingCharacters(in: .whitespacesAndNewlines), !date.isEmpty else {
                return .failure(MusterError("\"\(named)\": no date (pubDate, dc:date, published or updated)"))
            }
            let writer = clean(author, html: false) ?? source.outlet ?? clean(feedTitle, html: false) ?? source.label
            var fields: [(name: String, value: JSONValue)] = [
                ("id", .string(id)), ("text", .string(HTMLText.capped(text, at: FeedReader.maximumText))), ("created_at", .string(date)),
                ("author", .string(writer)), ("author_name", .string(writer)), ("author_kind", .string(source.authorKind.rawValue)),
                ("source", .string(source.postSource)),
            ]
            if let url = link ?? permalink { fields.append(("url", .string(url.trimmingCharacters(in: .whitespacesAndNewlines)))) }
            if let outlet = source.outlet { fields.append(("outlet", .string(outlet))) }
            let raw = JSONObject([("id", .string(id)), ("title", .string(heading ?? "")), ("link", .string(link ?? permalink ?? ""))])
            return .success(RawRecord(line: line, fields: JSONObject(fields), raw: SourcePage.json(raw)))
        }
    }

    /// The parser's delegate: follows where it is in the document and fills one item at a time.
    final class Events: NSObject, XMLParserDelegate {
        var format: Format?
        var root: String?
        var feedTitle: String?
        var items: [Item] = []
        var refusal: String?
        /// The first error the parser reported, and its line.
        var error: (any Error)?
        var errorLine: Int?
        /// Whether every element opened was closed.
        var isBalanced: Bool { depth == 0 && root != nil }

        private var depth = 0
        private var item: Item?
        private var itemDepth = 0
        /// The item's child being read, its namespace and attributes, and the text gathered inside it.
        private var field: (namespace: String, name: String, attributes: [String: String])?
        private var text = ""
        /// Inside an Atom `<author>`, only `<name>` is its name.
        private var inAuthorName = false
        private var readingFeedTitle = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            let namespace = namespaceURI ?? ""
            if depth == 1 {
                root = qualifiedName ?? name
                switch (namespace, name) {
                case ("", "rss"): format = .rss2
                case (Namespace.rdf, "RDF"): format = .rss1
                case (Namespace.atom, "feed"): format = .atom
                default: parser.abortParsing()
                }
                return
            }
            if item == nil {
                let isItem = (name == "item" && (namespace == "" || namespace == Namespace.rss1)) || (name == "entry" && namespace == Namespace.atom)
                if isItem {
                    item = Item(line: parser.lineNumber)
                    item?.id = attributes["rdf:about"] ?? attributes["about"]
                    itemDepth = depth
                } else if name == "title", feedTitle == nil, depth <= 3 {
                    readingFeedTitle = true
                    text = ""
                }
                return
            }
            if depth == itemDepth + 1 {
                field = (namespace, name, attributes)
                text = ""
                if namespace == Namespace.atom, name == "link" {
                    let rel = attributes["rel"] ?? "alternate"
                    if rel == "alternate", item?.link == nil || attributes["type"] == "text/html", let href = attributes["href"] { item?.link = href }
                }
                if namespace == Namespace.media, name == "content" || name == "thumbnail" { return }
            } else if let field, field.namespace == Namespace.atom, field.name == "author" {
                inAuthorName = name == "name"
            } else if field != nil {
                // Elements inside an XHTML content or summary separate words.
                text += " "
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard item != nil ? field != nil : readingFeedTitle else { return }
            if let field, field.namespace == Namespace.atom, field.name == "author", !inAuthorName { return }
            text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            defer { depth -= 1 }
            if readingFeedTitle, item == nil {
                feedTitle = text
                readingFeedTitle = false
                return
            }
            guard item != nil else { return }
            if depth == itemDepth {
                if let item { items.append(item) }
                item = nil
                field = nil
                return
            }
            if depth == itemDepth + 1, let field {
                take(field, text: text)
                self.field = nil
                text = ""
            } else if inAuthorName, name == "name" {
                inAuthorName = false
            }
        }

        /// Files the text of one of the item's children where it belongs.
        private func take(_ field: (namespace: String, name: String, attributes: [String: String]), text: String) {
            let isHTML = field.attributes["type"].map { $0 == "html" || $0 == "text/html" } ?? true
            switch (field.namespace, field.name) {
            case ("", "title"), (Namespace.rss1, "title"), (Namespace.atom, "title"): item?.title = text
            case ("", "link"), (Namespace.rss1, "link"): item?.link = text
            case ("", "guid"):
                item?.id = text
                // A guid is the item's address unless it says it is not.
                if field.attributes["isPermaLink"].map({ $0 == "true" }) ?? true { item?.permalink = text }
            case (Namespace.atom, "id"): item?.id = text
            case ("", "description"), (Namespace.rss1, "description"): item?.summary = text
            case (Namespace.content, "encoded"): item?.content = text
            case (Namespace.atom, "summary"):
                item?.summary = text
                item?.summaryIsHTML = field.attributes["type"] == "html"
            case (Namespace.atom, "content"):
                item?.content = text
                item?.contentIsHTML = isHTML && field.attributes["type"] != nil
            case (Namespace.media, "title"): item?.mediaTitle = text
            case (Namespace.media, "description"): item?.mediaDescription = text
            case (Namespace.dc, "creator"), (Namespace.atom, "author"): item?.author = text
            case ("", "author"):
                // RSS 2.0's author is "email (Name)"; the name is what answers show.
                if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
                    item?.author = String(text[text.index(after: open)..<close])
                } else if item?.author == nil {
                    item?.author = text
                }
            case ("", "pubDate"), (Namespace.dc, "date"), (Namespace.atom, "published"): item?.published = text
            case (Namespace.atom, "updated"): item?.updated = text
            default: break
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if error == nil {
                error = parseError
                errorLine = parser.lineNumber
            }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            refusal = FeedReader.entityRefusal
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            refusal = FeedReader.entityRefusal
            parser.abortParsing()
        }
    }
}

extension String {
    /// `nil` for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
