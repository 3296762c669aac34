import Foundation
import MusterConfig
import MusterCore
import MusterIngest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SAX delegate that reads a feed's events into items, one item held at a time.
///
/// Elements are matched on their namespace URI and local name, never a prefix (`dc:creator` may be written
/// `purl:creator`), so `shouldProcessNamespaces` must be on.
final class FeedHandler: NSObject, XMLParserDelegate {
    enum Format { case rss2, rss1, atom }

    /// A parse error: libxml2's number (FoundationXML's `ErrorCode` names for them are off by one) and where.
    struct ParseError: CustomStringConvertible {
        var code: Int
        var line: Int
        var column: Int

        var description: String {
            let what: String
            switch code {
            case 4: what = "the document is empty or not XML"
            case 5: what = "the document ends early"
            case 9: what = "a character is invalid (the declared encoding may be wrong)"
            case 26: what = "an undeclared entity (an HTML name such as &nbsp; outside CDATA)"
            case 64: what = "text before the XML declaration"
            case 68: what = "a bare & (it must be written &amp;)"
            case 73, 76: what = "tags do not match"
            case 89: what = "entities refer to each other in a loop"
            default: what = "libxml2 error \(code)"
            }
            return "\(what), at line \(line), column \(column)"
        }
    }

    static let rss1Namespace = "http://purl.org/rss/1.0/"
    static let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let atomNamespace = "http://www.w3.org/2005/Atom"
    /// Atom 0.3, which old blogs still serve; close enough to 1.0 for what Muster reads.
    static let oldAtomNamespace = "http://purl.org/atom/ns#"
    static let dcNamespace = "http://purl.org/dc/elements/1.1/"
    static let dcTermsNamespace = "http://purl.org/dc/terms/"
    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    /// Media RSS, written with and without its trailing slash (the spec added it in 1.1.2).
    static let mediaNamespaces: Set<String> = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"]

    /// Deeper than any feed nests; past it the document is hostile or broken.
    static let maximumDepth = 256

    let source: Source
    let url: String
    private(set) var format: Format?
    /// Why the document was refused outright, when it was.
    private(set) var refusal: MusterError?
    /// The first parse error libxml2 reported.
    private(set) var error: ParseError?

    private var records: [RawRecord] = []
    private var rejected: [Rejection] = []
    /// Records whose item named no author, to be given the feed's once the whole document has been read.
    private var unattributed: [Int] = []
    private var feedTitle: String?
    private var feedAuthor: String?
    private var feedLanguage: String?

    /// The open elements, outermost first.
    private var stack: [(namespace: String, name: String)] = []
    private var item: FeedItem?
    private var itemDepth = 0
    private var itemCount = 0
    /// The element whose text is being collected, how deep it is, and the text so far.
    private var capture: (target: Target, depth: Int, type: FeedTextType, text: String)?
    /// Inside a captured element, the depth of a `script` or `style` whose text is skipped.
    private var hiddenDepth: Int?

    private enum Target {
        case feedTitle, feedAuthor, feedLanguage
        case title, link, guid, description, encoded, pubDate, dcDate, published, updated, creator, rssAuthor
        case atomID, atomAuthor, summary, content, mediaTitle, mediaDescription
    }

    init(source: Source, url: String) {
        self.source = source
        self.url = url
    }

    /// The page read, once parsing has ended.
    func finished() -> SourcePage {
        let author = feedAuthor ?? source.outlet ?? feedTitle
        if let author {
            for index in unattributed { records[index].fields.members.append(("author", .string(author))) }
        }
        return SourcePage(records: records, rejected: rejected)
    }

    private func refuse(_ parser: XMLParser, _ error: MusterError) {
        if refusal == nil { refusal = error }
        parser.abortParsing()
    }

    // MARK: Elements

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let namespace = namespaceURI ?? ""
        if stack.isEmpty, format == nil {
            switch (namespace, name) {
            case ("", "rss"): format = .rss2
            case (Self.rdfNamespace, "RDF"): format = .rss1
            case (Self.atomNamespace, "feed"), (Self.oldAtomNamespace, "feed"):
                format = .atom
                feedLanguage = attributes["xml:lang"]?.trimmed.nilIfEmpty
            default:
                let shown = qualifiedName ?? name
                refuse(parser, MusterError("the document is not a feed: its root element is <\(shown)>, not <rss>, <rdf:RDF> or <feed>", hint: "Check the source's url: it may be a web page rather than its feed."))
                return
            }
        }
        stack.append((namespace, name))
        guard stack.count <= Self.maximumDepth else {
            refuse(parser, MusterError("the feed nests elements deeper than \(Self.maximumDepth)"))
            return
        }
        if var open = capture {
            // Inside a captured element (Atom XHTML, or HTML a feed left unescaped): collect its words.
            if hiddenDepth == nil, HTMLText.hiddenElements.contains(name.lowercased()) { hiddenDepth = stack.count }
            if HTMLText.blockElements.contains(name.lowercased()) { open.text += " " }
            capture = open
            return
        }
        if item == nil, isItem(namespace, name) {
            itemCount += 1
            item = FeedItem(line: parser.lineNumber, number: itemCount)
            itemDepth = stack.count
            item?.about = attributes.first { $0.key == "about" || $0.key.hasSuffix(":about") }?.value
            return
        }
        guard let target = target(namespace, name, attributes: attributes) else { return }
        let type: FeedTextType
        switch target {
        case .title, .summary, .content: type = FeedTextType(attribute: attributes["type"], fallback: isAtom(namespace) ? .text : .html)
        case .description, .encoded: type = .html
        case .mediaTitle, .mediaDescription: type = FeedTextType(attribute: attributes["type"] == "html" ? "html" : nil, fallback: .text)
        default: type = .text
        }
        // Out-of-line content (`src=`) has no text here; the summary stands in.
        if target == .content, attributes["src"] != nil { return }
        capture = (target, stack.count, type, "")
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { if !stack.isEmpty { stack.removeLast() } }
        if let depth = hiddenDepth, stack.count == depth { hiddenDepth = nil }
        if let open = capture {
            guard stack.count == open.depth else {
                if HTMLText.blockElements.contains(name.lowercased()) { capture?.text += " " }
                return
            }
            capture = nil
            store(open.target, FeedText(value: open.text, type: open.type))
            return
        }
        if let finished = item, stack.count == itemDepth {
            item = nil
            let author = creatorless(finished) ? nil : ""
            switch finished.record(source: source, base: url, language: feedLanguage, defaultAuthor: author) {
            case .success(let record):
                if author == nil { unattributed.append(records.count) }
                records.append(record)
            case .failure(let error):
                rejected.append(Rejection(file: url, line: finished.line, reason: "item \(finished.number): \(error.message)"))
            }
        }
    }

    private func creatorless(_ item: FeedItem) -> Bool {
        (item.creator ?? item.rssAuthor ?? item.atomAuthor)?.trimmed.isEmpty ?? true
    }

    private func isAtom(_ namespace: String) -> Bool {
        namespace == Self.atomNamespace || namespace == Self.oldAtomNamespace
    }

    /// RSS's `item` has no namespace in 2.0 and RSS 1.0's in 1.0; Atom's is `entry`.
    private func isItem(_ namespace: String, _ name: String) -> Bool {
        switch format {
        case .rss2: namespace == "" && name == "item"
        case .rss1: namespace == Self.rss1Namespace && name == "item"
        case .atom: isAtom(namespace) && name == "entry"
        case nil: false
        }
    }

    /// What an element holds, when Muster reads it.
    private func target(_ namespace: String, _ name: String, attributes: [String: String]) -> Target? {
        let parent = stack.count >= 2 ? stack[stack.count - 2] : nil
        guard item != nil else {
            // The feed's own title, author and language: authors and languages for items that name none.
            let inChannel = parent.map { $0.name == "channel" || ($0.name == "feed" && isAtom($0.namespace)) } ?? false
            let rssNamespace = namespace == "" || namespace == Self.rss1Namespace
            if inChannel, name == "title", rssNamespace || isAtom(namespace) { return .feedTitle }
            if inChannel, name == "language", rssNamespace { return .feedLanguage }
            if isAtom(namespace), name == "name", let parent, parent.name == "author", stack.count == 3 { return .feedAuthor }
            return nil
        }
        let depth = stack.count - itemDepth
        if Self.mediaNamespaces.contains(namespace) {
            // Media RSS nests: media:group > media:content > media:description.
            switch name {
            case "title": return .mediaTitle
            case "description": return .mediaDescription
            default: return nil
            }
        }
        if isAtom(namespace), name == "name", depth == 2, parent?.name == "author" { return .atomAuthor }
        guard depth == 1 else { return nil }
        switch (namespace, name) {
        case ("", "title"), (Self.rss1Namespace, "title"): return .title
        case ("", "link"), (Self.rss1Namespace, "link"): return .link
        case ("", "description"), (Self.rss1Namespace, "description"): return .description
        case ("", "guid"):
            item?.guidIsPermaLink = attributes["isPermaLink"]?.lowercased() != "false"
            return .guid
        case ("", "pubDate"): return .pubDate
        case ("", "author"): return .rssAuthor
        case (Self.dcNamespace, "creator"): return .creator
        case (Self.dcNamespace, "date"), (Self.dcTermsNamespace, "issued"), (Self.dcTermsNamespace, "created"): return .dcDate
        case (Self.contentNamespace, "encoded"): return .encoded
        default: break
        }
        guard isAtom(namespace) else { return nil }
        switch name {
        case "id": return .atomID
        case "title": return .title
        case "summary": return .summary
        case "content": return .content
        case "published", "issued": return .published
        case "updated", "modified": return .updated
        case "link":
            // Atom's link is all attributes; RSS 2.0 items carry `atom:link` too.
            if let href = attributes["href"] { item?.atomLinks.append((attributes["rel"], attributes["type"], href)) }
            return nil
        default: return nil
        }
    }

    /// Keeps a captured text; the first of each kind wins, as a repeated element is usually a feed's mistake.
    private func store(_ target: Target, _ text: FeedText) {
        let value = text.value.trimmed
        func first(_ field: inout String?) { if field == nil, !value.isEmpty { field = value } }
        func first(_ field: inout FeedText?) { if field == nil, !value.isEmpty { field = text } }
        switch target {
        case .feedTitle: if feedTitle == nil, !value.isEmpty { feedTitle = HTMLText.plainText(value) }
        case .feedAuthor: first(&feedAuthor)
        case .feedLanguage: first(&feedLanguage)
        case .title: first(&item!.title)
        case .link: first(&item!.link)
        case .guid: first(&item!.guid)
        case .description: first(&item!.description)
        case .encoded: first(&item!.encodedContent)
        case .pubDate: first(&item!.pubDate)
        case .dcDate: first(&item!.dcDate)
        case .published: first(&item!.published)
        case .updated: first(&item!.updated)
        case .creator: first(&item!.creator)
        case .rssAuthor: first(&item!.rssAuthor)
        case .atomID: first(&item!.atomID)
        case .atomAuthor: first(&item!.atomAuthor)
        case .summary: first(&item!.summary)
        case .content: first(&item!.content)
        case .mediaTitle: first(&item!.mediaTitle)
        case .mediaDescription: first(&item!.mediaDescription)
        }
    }

    // MARK: Text

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard capture != nil, hiddenDepth == nil else { return }
        capture?.text += string
    }

    /// FoundationXML hands CDATA only to this callback, never to `foundCharacters`: without it, every CDATA
    /// description would be lost.
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard capture != nil, hiddenDepth == nil else { return }
        capture?.text += String(decoding: CDATABlock, as: UTF8.self)
    }

    // MARK: Entities and errors

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser, Self.entityRefusal)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuse(parser, Self.entityRefusal)
    }

    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?, notationName: String?) {
        refuse(parser, Self.entityRefusal)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        // Called for any entity libxml2 does not know, `&nbsp;` as much as an external one: resolving none is the point.
        nil
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil {
            error = ParseError(code: (parseError as NSError).code, line: parser.lineNumber, column: parser.columnNumber)
        }
    }

    static let entityRefusal = MusterError(
        "the feed declares XML entities, which Muster refuses (they can expand without limit or read local files)",
        hint: "Nothing from it was stored."
    )
}
