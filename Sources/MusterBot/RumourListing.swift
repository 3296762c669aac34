import MusterCore
import MusterText

/// The rumours in a query's claims with their status and any official denial, as the rumours skill and the
/// crisis summary both show them.
struct RumourListing {
    struct Entry {
        var number: Int
        var rumour: RumourFinder.Rumour
        var record: RumourRecord?
        var denials: [Post]
        var status: RumourStatus { record?.status ?? .unverified }
    }

    /// Claims read per question; the most recent first.
    static let claimSample = 2_000

    let entries: [Entry]

    init(query: PostQuery, limit: Int, context: SkillContext) throws {
        var claims = query
        claims.claimsOnly = true
        claims.authorKinds = [.public, .media]
        let posts = try context.store.recentPosts(claims, limit: Self.claimSample, offset: 0)
        let rumours = context.rumours.rumours(in: posts, limit: limit)
        var official = PostQuery(window: query.window, authorKinds: [.official, .partner])
        official.areas = []
        let officialPosts = try context.store.recentPosts(official, limit: 500, offset: 0)
        let records = try context.store.rumourRecords()
        let denials = context.rumours.denials(of: rumours, in: officialPosts)
        entries = rumours.enumerated().map { index, rumour in
            Entry(number: index + 1, rumour: rumour, record: context.rumours.record(for: rumour, among: records),
                  denials: denials[index])
        }
    }

    /// Rumour numbers → keys, for "mark rumour 2 false".
    var numbers: [Int: String] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.number, $0.rumour.key) })
    }

    /// One section per rumour: what it says, when it began, how far it spread, who spread it, its status and any
    /// denial, with a rebuttal draft when asked for.
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
            }
            items.append(.bullet(status))
            if let denial = entry.denials.first {
                let who = context.config.account(forHandle: denial.author.handle)?.name ?? "@\(denial.author.handle)"
                items.append(.bullet("Answered by \(who), \(local.dayAndTime(denial.createdAt)): “\(DraftWriter.clip(denial.text, to: 160))”"))
            }
            if withDrafts {
                items.append(.draft(context.drafts.rebuttal(claim: rumour.exemplar.text, status: entry.status, officialLine: entry.record?.officialLine)))
            }
            return Reply.Section("Rumour \(entry.number): “\(DraftWriter.clip(rumour.exemplar.text, to: 120))”", items)
        }
    }
}
