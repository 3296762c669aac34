import Foundation
import MusterConfig
import MusterCore
import MusterText

/// The generator's working state: the random sequence, the residents and the records written so far.
struct DemoWriter {
    struct Record {
        var time: Date
        var id: Int
        var json: String
    }

    var random: SeededRandom
    private(set) var records: [Record] = []
    private let config: CouncilConfig
    private let phrasebook: Phrasebook
    private let end: Date
    private let residents: [Resident]
    private let residentsByWard: [String: [Resident]]
    private let locator: AreaLocator
    private let councilHandle: String
    private var nextID = 1

    /// The share of residents' posts naming the council that its social team answers.
    private static let replyRate = 0.35

    /// Shares of public posts by source.
    private static let sources: [(name: String, weight: Double)] = [
        ("x", 45), ("facebook", 30), ("nextdoor", 12), ("instagram", 6), ("reddit", 7),
    ]
    /// Relative posting activity by local hour, quiet at night and busiest in the evening.
    private static let hourWeights: [Double] = [2, 1, 1, 0.5, 0.5, 1, 3, 6, 8, 8, 7, 7, 8, 7, 6, 6, 7, 8, 9, 10, 10, 9, 7, 4]

    init(config: CouncilConfig, phrasebook: Phrasebook, end: Date, seed: UInt64) {
        self.config = config
        self.phrasebook = phrasebook
        self.end = end
        random = SeededRandom(seed: seed)
        residents = Resident.population(4_000, phrasebook: phrasebook, wards: config.wards.map(\.name), random: &random)
        residentsByWard = Dictionary(grouping: residents, by: \.ward)
        locator = AreaLocator(boundaries: config.boundaries)
        councilHandle = "@" + (config.organisation.handles.first ?? "council")
    }

    /// The id the next post will get.
    var upcomingID: Int { nextID }

    /// Continues on a random sequence of its own from `seed`, numbering posts from `firstID`: days written side by
    /// side each start from a copy of one writer.
    mutating func restart(seed: UInt64, firstID: Int) {
        random = SeededRandom(seed: seed)
        nextID = firstID
    }

    /// The records written since the last take, handed over and forgotten, so a long run holds only a day's worth.
    mutating func takeRecords() -> [Record] {
        defer { records.removeAll(keepingCapacity: true) }
        return records
    }

    /// A fraction of a day, weighted towards waking hours.
    mutating func diurnalFraction() -> Double {
        (Double(random.weighted(Self.hourWeights)) + random.unit()) / 24
    }

    // MARK: Background

    mutating func backgroundPost(daysBack: Double) {
        let time = end.addingTimeInterval(-daysBack * 86_400)
        let roll = random.unit()
        let ward = random.pick(config.wards).name
        if roll < 0.015, !config.outlets.isEmpty {
            mediaPost(outlet: random.pick(config.outlets), headline: fill(random.pick(phrasebook.mediaBackground), ward: ward), time: time)
        } else if roll < 0.023 {
            accountPost(handle: councilHandle, text: fill(random.pick(phrasebook.officialBackground), ward: ward), time: time)
        } else {
            let topic = phrasebook.background[random.weighted(phrasebook.background.map(\.weight))]
            residentPost(template: random.pick(topic.posts), ward: ward, tag: nil, time: time, geoChance: 0.2)
        }
    }

    // MARK: Stories

    mutating func story(_ story: Phrasebook.Story, scale: Double) {
        let count = max(10, Int(Double(story.posts) * scale))
        var spoken: [(id: Int, resident: Resident, ward: String, time: Date, source: String)] = []
        for _ in 0..<count {
            let time = storyTime(story)
            let ward = random.pick(story.wards)
            let isClaim = !story.claims.isEmpty && random.chance(0.22)
            let template = isClaim ? random.pick(story.claims) : random.pick(story.public)
            let post = residentPost(template: template, ward: ward, tag: story.tag, time: time, geoChance: 0.35, spread: isClaim ? 3 : 1)
            if !isClaim, template.contains("{neg}") || template.contains("{council}") {
                spoken.append((post.id, post.resident, ward, time, post.source))
            }
        }
        for index in 0..<max(2, count / 60) where !story.media.isEmpty {
            let outlet = config.outlets[index % config.outlets.count]
            mediaPost(outlet: outlet, headline: story.media[index % story.media.count], time: storyTime(story))
        }
        let officialTimes = story.official.map { _ in storyTime(story) }.sorted()
        for (text, time) in zip(story.official, officialTimes) {
            accountPost(handle: councilHandle, text: fill(text, ward: story.wards[0]), time: time)
        }
        let partnerTimes = story.partner.map { _ in storyTime(story) }.sorted()
        for (post, time) in zip(story.partner, partnerTimes) {
            accountPost(handle: "@" + post.handle, text: post.text, time: time)
        }
        for _ in 0..<(story.replies.isEmpty ? 0 : spoken.count / 25) {
            let target = random.pick(spoken)
            let text = "@\(target.resident.handle) " + fill(random.pick(story.replies), ward: target.ward, addressee: target.resident)
            accountPost(handle: councilHandle, text: text, time: min(end, target.time.addingTimeInterval(600 + random.unit() * 7_200)), replyTo: target.id, source: target.source)
        }
    }

    /// A time within the story, busiest on its peak day and, like all posting, in waking hours.
    private mutating func storyTime(_ story: Phrasebook.Story) -> Date {
        let busiest = Self.hourWeights.max()!
        while true {
            let back = random.triangular(low: Double(story.toDay), high: Double(story.fromDay) + 1, mode: Double(story.peakDay) + 0.5)
            let time = end.addingTimeInterval(-back * 86_400)
            let hour = Int(time.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) / 3_600)
            if random.unit() * busiest < Self.hourWeights[hour] { return time }
        }
    }

    // MARK: Posts

    @discardableResult
    private mutating func residentPost(template: String, ward: String, tag: String?, time: Date, geoChance: Double, spread: Int = 1) -> (id: Int, resident: Resident, source: String) {
        let local = residentsByWard[ward].flatMap { random.chance(0.8) ? random.pick($0) : nil } ?? random.pick(residents)
        var text = fill(template, ward: ward, tag: tag)
        if random.chance(0.25) { text = (text + " " + fill(random.pick(phrasebook.signOffs), ward: ward)).trimmed }
        if let tag, !text.contains(tag), random.chance(0.15) { text += " \(tag)" }
        if random.chance(0.3) { text = text.lowercased() }
        if random.chance(0.1) { text = typo(text) }
        if template.contains("{neg}"), random.chance(0.12) { text += "!!" }
        let source = Self.sources[random.weighted(Self.sources.map(\.weight))].name
        let id = emit(DemoPost(
            source: source, author: local.handle, text: text,
            engagement: Engagement(
                likes: random.heavyTail(scale: 3, cap: 3_000) * spread,
                shares: random.heavyTail(scale: 0.8, cap: 900) * spread * spread,
                replies: random.heavyTail(scale: 1.2, cap: 800) * spread, reach: local.followers
            )
        ), time: time, geoWard: source == "x" && random.chance(geoChance) ? ward : nil)
        if text.lowercased().contains(councilHandle.lowercased()), !phrasebook.councilReplies.isEmpty, random.chance(Self.replyRate) {
            let reply = "@\(local.handle) " + fill(random.pick(phrasebook.councilReplies), ward: ward, addressee: local)
            accountPost(handle: councilHandle, text: reply, time: min(end, time.addingTimeInterval(900 + random.unit() * 14_400)), replyTo: id, source: source)
        }
        return (id, local, source)
    }

    private mutating func mediaPost(outlet: Outlet, headline: String, time: Date) {
        let slug = headline.lowercased().split { !$0.isLetter && !$0.isNumber }.prefix(8).joined(separator: "-")
        var post = DemoPost(
            source: "news", author: outlet.handles.first ?? outlet.name, text: headline,
            engagement: Engagement(
                likes: 20 + random.heavyTail(scale: 40, cap: 2_000), shares: 5 + random.heavyTail(scale: 15, cap: 900),
                replies: random.heavyTail(scale: 10, cap: 500), reach: 15_000 + random.below(60_000)
            )
        )
        post.authorName = outlet.name
        post.outlet = outlet.name
        post.link = { id in "https://\(outlet.site ?? "news.example")/news/\(id)-\(slug)" }
        emit(post, time: time, geoWard: nil)
    }

    /// A post by the council or a partner; a reply goes out on the platform of the post it answers.
    private mutating func accountPost(handle: String, text: String, time: Date, replyTo: Int? = nil, source: String = "x") {
        var post = DemoPost(
            source: source, author: String(handle.dropFirst()), text: text,
            engagement: Engagement(
                likes: 10 + random.heavyTail(scale: 20, cap: 1_500), shares: 3 + random.heavyTail(scale: 10, cap: 800),
                replies: random.heavyTail(scale: 6, cap: 300), reach: 12_000 + random.below(20_000)
            )
        )
        post.replyTo = replyTo
        emit(post, time: time, geoWard: nil)
    }

    @discardableResult
    private mutating func emit(_ post: DemoPost, time: Date, geoWard: String?) -> Int {
        let id = nextID
        nextID += 1
        let at = min(time, end)
        var line = JSONLine()
        line.add("id", "nb-\(id)")
        line.add("source", post.source)
        line.add("author", post.author)
        if let name = post.authorName { line.add("author_name", name) }
        if let outlet = post.outlet { line.add("outlet", outlet) }
        line.add("created_at", at.formatted(.iso8601))
        line.add("text", post.text)
        line.add("lang", "en")
        line.add("url", post.link?(id) ?? Self.link(source: post.source, author: post.author, id: id))
        line.add("likes", post.engagement.likes)
        line.add("shares", post.engagement.shares)
        line.add("replies", post.engagement.replies)
        line.add("reach", post.engagement.reach)
        if let replyTo = post.replyTo { line.add("in_reply_to", "nb-\(replyTo)") }
        if let geoWard, let point = point(in: geoWard) {
            line.add("lat", (point.latitude * 1e5).rounded() / 1e5)
            line.add("lon", (point.longitude * 1e5).rounded() / 1e5)
        }
        records.append(Record(time: at, id: id, json: line.text))
        return id
    }

    private static func link(source: String, author: String, id: Int) -> String {
        switch source {
        case "x": return "https://x.example/\(author)/status/\(1_000_000 + id)"
        case "facebook": return "https://facebook.example/groups/northbridge-residents/posts/\(id)"
        default: return "https://\(source).example/p/\(id)"
        }
    }

    // MARK: Text

    private mutating func fill(_ template: String, ward wardName: String, tag: String? = nil, addressee: Resident? = nil) -> String {
        guard template.contains("{") else { return template }
        let ward = config.ward(named: wardName)
        var text = template
        let fixed = [
            ("{ward}", wardName), ("{n}", ward?.number.map(String.init) ?? ""), ("{council}", councilHandle),
            ("{tag}", tag ?? ""), ("{first}", addressee?.firstName ?? "there"),
        ]
        for (key, value) in fixed {
            text = text.replacingOccurrences(of: key, with: value)
        }
        while let range = text.range(of: "{street}") { text.replaceSubrange(range, with: random.pick(ward?.places ?? ["town"])) }
        while let range = text.range(of: "{neg}") { text.replaceSubrange(range, with: random.pick(phrasebook.negEmoji)) }
        while let range = text.range(of: "{pos}") { text.replaceSubrange(range, with: random.pick(phrasebook.posEmoji)) }
        while let range = text.range(of: "{day}") { text.replaceSubrange(range, with: random.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])) }
        return text.split(separator: " ").joined(separator: " ")
    }

    /// Swaps two neighbouring letters in one longer word, as thumbs on a phone do.
    private mutating func typo(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        let candidates = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) }
        guard !candidates.isEmpty else { return text }
        let index = random.pick(candidates)
        var letters = Array(words[index])
        let at = 1 + random.below(letters.count - 2)
        letters.swapAt(at, at - 1)
        words[index] = String(letters)
        return words.joined(separator: " ")
    }

    private mutating func point(in ward: String) -> GeoPoint? {
        guard let boundary = config.boundaries.first(where: { $0.ward == ward }), let outline = boundary.polygons.first?.rings.first else { return nil }
        let latitudes = outline.map(\.latitude)
        let longitudes = outline.map(\.longitude)
        for _ in 0..<50 {
            let point = GeoPoint(
                latitude: latitudes.min()! + random.unit() * (latitudes.max()! - latitudes.min()!),
                longitude: longitudes.min()! + random.unit() * (longitudes.max()! - longitudes.min()!)
            )
            if locator.ward(containing: point) == ward { return point }
        }
        return nil
    }
}
