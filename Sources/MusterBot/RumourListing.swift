import MusterCore
import MusterText

/// The rumours in a query's claims with their standing and the official posts that answer them, as the rumours
/// skill and the crisis summary both show them.
///
/// A claim is an unconfirmed assertion in the public's own voice (media reports and official posts never are), or
/// any post whose casualty figure is above the latest official one: "at least six dead" after the police confirmed
/// one is a rumour whether or not it says "apparently".
struct RumourListing: Sendable {
    struct Entry: Sendable {
        var number: Int
        var rumour: RumourFinder.Rumour
        var record: RumourRecord?
        /// Official posts that answer it, the strongest first.
        var answers: [OfficialAnswer]

        /// Staff's status when set, else what the official answer says (denied is false, confirmed true; a figure
        /// above the official one stays unverified).
        var status: RumourStatus {
            if let record { return record.status }
            switch answers.first?.standing {
            case .denied: return .false
            case .confirmed: return .true
            case .conflicts, nil: return .unverified
            }
        }
    }

    /// Official posts read per question.
    static let officialSample = 500

    let entries: [Entry]
    /// What the rumours are about, as a rebuttal names it ("the fire").
    let subject: String

    /// - Parameters:
    ///   - incident: the incident's claims, figures and appeals, when the caller has read them already.
    ///   - voices: `officialVoices(during: query, incident: …)` when the caller has read them already.
    init(query: PostQuery, limit: Int, context: SkillContext, incident: IncidentPosts? = nil, voices: [Post]? = nil) throws {
        let incident = try incident ?? IncidentPosts(query: query, context: context)
        let officialPosts = try voices ?? Self.officialVoices(during: query, incident: incident, context: context)
        let known = Self.officialDead(in: Self.about(query, officialPosts))
        var rumours = context.rumours.rumours(in: incident.claims, limit: limit)
        // A figure alone makes a claim only when it is above what official sources have said; every such figure is
        // one rumour, the death toll.
        if let known, let tolls = context.rumours.deathTolls(in: incident.figures.filter { !context.rumours.quotesOfficials($0) }, above: known) {
            rumours = RumourFinder.ranked(rumours.filter { !$0.posts.contains { tolls.posts.contains($0) } } + [tolls], limit: limit)
        }
        let records = try context.store.rumourRecords()
        let answers = context.rumours.answers(of: rumours, in: officialPosts)
        entries = rumours.enumerated().map { index, rumour in
            Entry(number: index + 1, rumour: rumour, record: context.rumours.record(for: rumour, among: records), answers: answers[index])
        }
        subject = Self.subject(of: query, context: context)
    }

    /// What official sources said during the query's window, anywhere and on any topic: our own and partners' posts
    /// (and posts passing theirs on), newest first, and the incident's media reports that give officials' words with
    /// a casualty figure ("Eight killed, say Scottish police") — the official figure as the public hears it.
    static func officialVoices(during query: PostQuery, incident: IncidentPosts, context: SkillContext) throws -> [Post] {
        var official = PostQuery(window: query.window)
        official.kinds = .official
        let reports = incident.figures.filter { $0.kinds.contains(.report) && context.rumours.quotesOfficials($0) }
        return (try context.store.recentPosts(official, limit: officialSample, offset: 0) + reports).sorted { $0.createdAt > $1.createdAt }
    }

    /// Those of `posts` on the query's topics (all of them when it names none): an official figure speaks for the
    /// incident only when it is about it.
    static func about(_ query: PostQuery, _ posts: [Post]) -> [Post] {
        query.topics.isEmpty ? posts : posts.filter { !Set($0.topics).isDisjoint(with: query.topics) }
    }

    /// The deaths the newest official post with a figure reports, if any says.
    static func officialDead(in posts: [Post]) -> Int? {
        posts.lazy.compactMap { CasualtyFigures.figures(in: Tokenizer.tokens($0.text)).dead }.first
    }

    /// "the fire", "the flooding", or "this" for free text and everything.
    static func subject(of query: PostQuery, context: SkillContext) -> String {
        query.topics.first.map { "the " + context.label(ofTopic: $0).lowercased() } ?? "this"
    }

    /// Rumour numbers → keys, for "mark rumour 2 false".
    var numbers: [Int: String] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.number, $0.rumour.key) })
    }

    /// The line a rebuttal states: the one staff set, else the official post that answers the rumour.
    func officialLine(_ entry: Entry, context: SkillContext) -> DraftWriter.Source? {
        if let record = entry.record, let line = record.officialLine { return DraftWriter.Source(text: line, who: "\(record.setBy) (set in Muster)") }
        return entry.answers.first.map { context.source(of: $0.post) }
    }

    /// One section per rumour: what it says, when it began, how far it spread, who spread it, its standing and the
    /// official answer, with a rebuttal draft when asked for.
    func sections(context: SkillContext, withDrafts: Bool) -> [Reply.Section] {
        entries.map { entry in
            let rumour = entry.rumour
            let local = context.local
            var items: [Reply.Item] = [
                .bullet("First seen \(local.dayAndTime(rumour.firstSeen)) (@\(rumour.posts[0].author.handle)); \(Wording.posts(rumour.posts.count)), \(Wording.count(rumour.shares, "share"))"),
            ]
            if !rumour.amplifiers.isEmpty {
                items.append(.bullet("Spread most by " + rumour.amplifiers.map { "@\($0.handle) (\(Wording.count($0.shares, "share")))" }.joined(separator: ", ")))
            }
            var status = "Status: \(entry.status.rawValue)"
            if let record = entry.record {
                status += " (set by \(record.setBy), \(local.dayAndTime(record.setAt)))"
                if let line = record.officialLine { status += "; official line: “\(line)”" }
            } else if let answer = entry.answers.first {
                // Read from an official post, never silently: staff see whose post set it and can overrule it.
                let when = "@\(answer.post.author.handle) at \(local.dayAndTime(answer.post.createdAt))"
                if answer.standing == .conflicts, let known = CasualtyFigures.figures(in: Tokenizer.tokens(answer.post.text)).dead {
                    let quoting = answer.post.kinds.contains(.official) ? "" : ", quoting officials"
                    status = "Status: \(answer.standing.rawValue) \(known) dead (\(when)\(quoting)); not yet set by staff"
                } else {
                    status = "Status: \(answer.standing.rawValue) by \(when) (not yet set by staff)"
                }
            }
            items.append(.bullet(status))
            if let answer = entry.answers.first {
                let verb = [.denied: "Denied", .confirmed: "Confirmed"][answer.standing] ?? "Official figure"
                items.append(.bullet("\(verb) by \(context.source(of: answer.post).who): “\(DraftWriter.clip(answer.post.text, to: 160))”"))
            }
            if withDrafts {
                items.append(.draft(context.drafts.rebuttal(subject: subject, status: entry.status, officialLine: officialLine(entry, context: context))))
            }
            let heading = rumour.key == RumourFinder.deathTollKey
                ? "Rumour \(entry.number): death tolls above the official figure, up to “\(DraftWriter.clip(rumour.exemplar.text, to: 100))”"
                : "Rumour \(entry.number): “\(DraftWriter.clip(rumour.exemplar.text, to: 120))”"
            return Reply.Section(heading, items)
        }
    }
}

extension SkillContext {
    /// The newest official post (ours or a partner's, or one passing theirs on) on any of `topics` in the week up
    /// to now: the latest confirmed facts a reply can point to.
    func latestOfficial(topics: [String]) throws -> Post? {
        let now = clock.now
        var query = PostQuery(topics: topics, window: TimeWindow(start: now.addingTimeInterval(-7 * 86_400), end: now, label: ""))
        query.kinds = .official
        return try store.recentPosts(query, limit: 1, offset: 0).first
    }

    /// An official post as a draft's source: its text, and who said it when ("Northbridge Fire and Rescue
    /// (@NorthbridgeFire), Thu 26 Nov 21:17").
    func source(of post: Post) -> DraftWriter.Source {
        let handle = "@\(post.author.handle)"
        let who = config.account(forHandle: post.author.handle).map { "\($0.name) (\(handle))" } ?? handle
        return DraftWriter.Source(text: post.ownWords, who: "\(who), \(local.dayAndTime(post.createdAt))")
    }
}

extension Post {
    /// The text as its author wrote it: a retweet's "RT @author: " left off when the author is the one retweeted,
    /// so an official line reads as the line itself.
    var ownWords: String {
        let prefix = "RT @\(author.handle): "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
