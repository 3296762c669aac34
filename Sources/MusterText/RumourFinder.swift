import Foundation
import MusterConfig
import MusterCore

/// An official post that answers a rumour, and how it stands towards it.
public struct OfficialAnswer: Sendable {
    /// Whether the official post denies or confirms the rumour.
    public enum Standing: String, Sendable {
        case denied
        case confirmed
        /// Its figure is above the official one, which may yet rise: not a denial, but not what officials say.
        case conflicts = "above the official figure of"
    }

    /// The official post.
    public var post: Post
    /// How it stands towards the rumour.
    public var standing: Standing
}

/// Groups claims that say the same thing into rumours, and spots the official posts that answer them.
///
/// Two claims belong together when they share most of their content words (hearsay markers, stopwords and
/// handles aside). A rumour's key is its four commonest content words, so staff can set its status and the
/// status still finds the rumour when new claims join it.
public struct RumourFinder: Sendable {
    /// Claims that say one thing.
    public struct Rumour: Sendable {
        /// The rumour's signature: its commonest content words, sorted, joined by `+`.
        public var key: String
        /// The content words of the rumour, for matching statuses and denials.
        public var words: Set<String>
        /// Its claims, oldest first.
        public var posts: [Post]
        /// The most-shared claim, which says it best.
        public var exemplar: Post
        /// Shares across all its claims.
        public var shares: Int
        /// The authors who spread it most, by shares.
        public var amplifiers: [(handle: String, shares: Int)]
        /// The first claim's time.
        public var firstSeen: Date { posts[0].createdAt }
    }

    private let stopwords: Set<String>
    private let hearsay: Set<String>
    private let denial: PhraseIndex<Bool>
    private let confirmation: PhraseIndex<Bool>
    private let attribution: PhraseIndex<Bool>
    /// How alike a claim's words must be to a rumour's to join it (Jaccard similarity).
    static let joinThreshold = 0.4

    /// Words of ward and street names: a denial must share more than where it happened with a rumour.
    private let placeWords: Set<String>

    /// Creates a finder from the lexicon, knowing the wards' place names and the names and handles of the partners
    /// whose words a report may quote.
    ///
    /// - Parameter streetTypes: the last words that make a place a street ("street", "road"; the intents' list).
    public init(lexicon: Lexicon, wards: [Ward] = [], streetTypes: Set<String> = [], partnerNames: [String] = []) {
        // Ward names and streets say where; a landmark ("Hill Top Primary") is often what a claim is about, so its
        // own words ("primary") stay content.
        let wheres = wards.flatMap { ward in ward.references + ward.places.filter { streetTypes.contains(Tokenizer.tokens($0).last ?? "") } }
        placeWords = Set(wheres.flatMap(Tokenizer.tokens).map(Tokenizer.folded))
        stopwords = lexicon.stopwords
        hearsay = Set(lexicon.hearsay.flatMap(Tokenizer.tokens))
        denial = PhraseIndex(lexicon.denial.map { ($0, true) })
        confirmation = PhraseIndex(lexicon.kinds.confirmation.map { ($0, true) })
        attribution = PhraseIndex((lexicon.kinds.officialAttribution + partnerNames).map { ($0, true) })
    }

    /// The claims grouped into rumours, the most shared first.
    ///
    /// A claim joins the rumour it shares a key phrase with (two content words side by side, places aside: "gas
    /// explosion"), else the one whose words it shares most, if alike enough: paraphrases of one claim ("apparently
    /// it was a gas explosion", "I heard it was a gas explosion and the whole row is coming down") are one rumour.
    public func rumours(in claims: [Post], limit: Int) -> [Rumour] {
        var groups: [(seed: Set<String>, phrases: Set<String>, posts: [Post], counts: [String: Int])] = []
        for post in claims.sorted(by: { ($0.createdAt, $0.externalID) < ($1.createdAt, $1.externalID) }) {
            let sequence = contentSequence(post.text)
            let words = Set(sequence)
            guard !words.isEmpty else { continue }
            let phrases = keyPhrases(sequence)
            let sharing = groups.indices.filter { !groups[$0].phrases.isDisjoint(with: phrases) }
            let candidates = sharing.isEmpty ? Array(groups.indices) : sharing
            let best = candidates.max { Self.similarity(groups[$0].seed, words) < Self.similarity(groups[$1].seed, words) }
            if let best, !sharing.isEmpty || Self.similarity(groups[best].seed, words) >= Self.joinThreshold {
                groups[best].posts.append(post)
                for word in words { groups[best].counts[word, default: 0] += 1 }
            } else {
                groups.append((words, phrases, [post], Dictionary(uniqueKeysWithValues: words.map { ($0, 1) })))
            }
        }
        let rumours = groups.map { group -> Rumour in
            let top = group.counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(4).map(\.key).sorted()
            return Self.rumour(key: top.joined(separator: "+"), words: Set(group.counts.filter { $0.value * 2 >= group.posts.count }.keys), posts: group.posts)
        }
        return Self.ranked(rumours, limit: limit)
    }

    /// Rumours, the most posted and shared first.
    public static func ranked(_ rumours: [Rumour], limit: Int) -> [Rumour] {
        Array(rumours.sorted { ($0.posts.count + $0.shares, $0.key) > ($1.posts.count + $1.shares, $1.key) }.prefix(limit))
    }

    /// The death tolls above the official figure, as one rumour whatever number each gives ("three dead", "at least
    /// six dead" after the police confirmed one): the cell needs to know the figure is being overstated, and by whom.
    /// Its exemplar is the highest figure; `nil` when no post is above `official`.
    public func deathTolls(in posts: [Post], above official: Int) -> Rumour? {
        let above = posts.compactMap { post -> (Post, Int)? in
            CasualtyFigures.figures(in: Tokenizer.tokens(post.text)).dead.flatMap { $0 > official ? (post, $0) : nil }
        }
        guard !above.isEmpty else { return nil }
        var rumour = Self.rumour(key: Self.deathTollKey, words: [], posts: above.map(\.0).sorted { $0.createdAt < $1.createdAt })
        rumour.exemplar = above.max { ($0.1, $0.0.engagement.shares) < ($1.1, $1.0.engagement.shares) }!.0
        return rumour
    }

    /// The key of the rumour that gathers death tolls above the official figure.
    public static let deathTollKey = "death+toll"

    private static func rumour(key: String, words: Set<String>, posts: [Post]) -> Rumour {
        var byAuthor: [String: Int] = [:]
        for post in posts { byAuthor[post.author.handle, default: 0] += post.engagement.shares }
        let amplifiers = byAuthor.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { ($0.key, $0.value) }
        return Rumour(
            key: key, words: words, posts: posts,
            exemplar: posts.max { ($0.engagement.shares, $1.createdAt) < ($1.engagement.shares, $0.createdAt) }!,
            shares: posts.reduce(0) { $0 + $1.engagement.shares }, amplifiers: amplifiers
        )
    }

    /// Adjacent pairs of content words, place names aside: what a claim is about, in the words it says it with.
    private func keyPhrases(_ sequence: [String]) -> Set<String> {
        let words = sequence.filter { !placeWords.contains($0) }
        guard words.count >= 2 else { return [] }
        return Set((1..<words.count).map { words[$0 - 1] + " " + words[$0] })
    }

    /// The status record that belongs to `rumour`: same key, or three of its four key words.
    public func record(for rumour: Rumour, among records: [RumourRecord]) -> RumourRecord? {
        let words = Set(rumour.key.split(separator: "+").map(String.init))
        return records.last { record in
            record.key == rumour.key || Set(record.key.split(separator: "+").map(String.init)).intersection(words).count >= 3
        }
    }

    /// For each of `rumours`, the official posts that answer it, newest first, each with how it stands towards it:
    /// a post that shares the rumour's words (two or more, ward and street names aside) and denies or confirms them, or one whose
    /// casualty figure is none against the rumour's ("no one has been injured" against "3 people are dead": denied), below it (conflicts) or the same (confirmed).
    /// Each official post is read once however many rumours there are.
    ///
    /// `minimumShared` is how many words beyond places a word-sharing answer needs: appeals are narrow, and one shared
    /// word ("blood") ties an appeal to the official post about it.
    public func answers(of rumours: [Rumour], in officialPosts: [Post], minimumShared: Int = 2) -> [[OfficialAnswer]] {
        struct Reading {
            let post: Post
            let words: Set<String>
            let denies: Bool
            let confirms: Bool
            let figures: CasualtyFigures
        }
        let readings = officialPosts.map { post -> Reading in
            let tokens = Tokenizer.tokens(post.text)
            return Reading(post: post, words: contentWords(post.text), denies: denial.firstMatch(in: tokens) != nil,
                           confirms: confirmation.firstMatch(in: tokens) != nil, figures: CasualtyFigures.figures(in: tokens))
        }.filter { $0.denies || $0.confirms || !$0.figures.isEmpty }
        return rumours.map { rumour in
            let figures = CasualtyFigures.figures(in: Tokenizer.tokens(rumour.exemplar.text))
            let answers = readings.compactMap { reading -> (OfficialAnswer, Int)? in
                // A report quoting officials speaks for them on figures only.
                let official = reading.post.kinds.contains(.official)
                if let standing = Self.standing(of: reading.figures, against: figures), official || standing == .conflicts {
                    return (OfficialAnswer(post: reading.post, standing: standing), Int.max)
                }
                let shared = reading.words.intersection(rumour.words).subtracting(placeWords).count
                guard official, shared >= minimumShared, reading.denies || reading.confirms else { return nil }
                return (OfficialAnswer(post: reading.post, standing: reading.denies ? .denied : .confirmed), shared)
            }
            return answers.sorted { ($0.1, $0.0.post.createdAt) > ($1.1, $1.0.post.createdAt) }.map(\.0)
        }
    }

    /// Whether a report gives officials' words ("… say Scottish police", "… Police Scotland says"): its figures
    /// then stand for the official figure.
    public func quotesOfficials(_ post: Post) -> Bool {
        attribution.firstMatch(in: Tokenizer.tokens(post.text)) != nil
    }

    /// How an official figure stands towards a claimed one: below it denies it, the same confirms it; `nil` when
    /// they do not speak of the same thing.
    static func standing(of official: CasualtyFigures, against claimed: CasualtyFigures) -> OfficialAnswer.Standing? {
        func compare(_ known: Int, _ said: Int) -> OfficialAnswer.Standing? {
            // "No one has been injured" against deaths denies them; a count below the claim may yet rise to it.
            if known < said { return known == 0 ? .denied : .conflicts }
            return known == said ? .confirmed : nil
        }
        if let said = claimed.dead, let known = official.dead { return compare(known, said) }
        if let said = claimed.injured, let known = official.injured { return compare(known, said) }
        return nil
    }

    func contentWords(_ text: String) -> Set<String> {
        Set(contentSequence(text))
    }

    /// The claim's content words in order: hearsay markers, stopwords, handles, links and numbers aside, plurals folded.
    func contentSequence(_ text: String) -> [String] {
        // Links are unique per post and say nothing about the claim; an incident's hashtag is on claims and denials
        // alike, and says only which incident.
        let withoutLinks = Self.mayHoldLink(text) || text.utf8.contains(UInt8(ascii: "#"))
            ? text.split(separator: " ").filter { !$0.hasPrefix("http") && !$0.hasPrefix("www.") && !$0.hasPrefix("#") }.joined(separator: " ")
            : text
        return Tokenizer.tokens(withoutLinks).filter { token in
            guard !stopwords.contains(token), !hearsay.contains(token) else { return false }
            let bytes = token.utf8
            // ASCII tokens (most) are judged on their bytes: Unicode property lookups per Character were most of a
            // rumour answer's time on a large store.
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return bytes.count >= 3 && bytes.first != UInt8(ascii: "@")
                    && bytes.contains { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
            }
            return token.count >= 3 && !token.hasPrefix("@") && token.contains(where: \.isLetter) && !token.contains(where: Tokenizer.isEmoji)
        }.map(Tokenizer.folded)
    }

    /// Whether `text` has "http" or "www." anywhere: the only texts worth splitting to drop links.
    private static func mayHoldLink(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4) {
            let four = (bytes[index], bytes[index + 1], bytes[index + 2], bytes[index + 3])
            if four == (0x68, 0x74, 0x74, 0x70) || four == (0x77, 0x77, 0x77, 0x2E) { return true }
        }
        return false
    }

    private static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        Double(a.intersection(b).count) / Double(max(1, a.union(b).count))
    }
}
