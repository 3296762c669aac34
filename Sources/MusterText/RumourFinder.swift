import Foundation
import MusterConfig
import MusterCore

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
    /// How alike a claim's words must be to a rumour's to join it (Jaccard similarity).
    static let joinThreshold = 0.4

    /// Words of place names: a denial must share more than where it happened with a rumour.
    private let placeWords: Set<String>

    /// Creates a finder from the lexicon, knowing the wards' place names.
    public init(lexicon: Lexicon, wards: [Ward] = []) {
        placeWords = Set(wards.flatMap { ward in (ward.references + ward.places).flatMap(Tokenizer.tokens) }.map(Tokenizer.folded))
        stopwords = lexicon.stopwords
        hearsay = Set(lexicon.hearsay.flatMap(Tokenizer.tokens))
        denial = PhraseIndex(lexicon.denial.map { ($0, true) })
    }

    /// The claims grouped into rumours, the most shared first.
    public func rumours(in claims: [Post], limit: Int) -> [Rumour] {
        var groups: [(seed: Set<String>, posts: [Post], counts: [String: Int])] = []
        for post in claims.sorted(by: { ($0.createdAt, $0.externalID) < ($1.createdAt, $1.externalID) }) {
            let words = contentWords(post.text)
            guard !words.isEmpty else { continue }
            let best = groups.indices.max { Self.similarity(groups[$0].seed, words) < Self.similarity(groups[$1].seed, words) }
            if let best, Self.similarity(groups[best].seed, words) >= Self.joinThreshold {
                groups[best].posts.append(post)
                for word in words { groups[best].counts[word, default: 0] += 1 }
            } else {
                groups.append((words, [post], Dictionary(uniqueKeysWithValues: words.map { ($0, 1) })))
            }
        }
        let rumours = groups.map { group -> Rumour in
            let top = group.counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(4).map(\.key).sorted()
            var byAuthor: [String: Int] = [:]
            for post in group.posts { byAuthor[post.author.handle, default: 0] += post.engagement.shares }
            let amplifiers = byAuthor.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { ($0.key, $0.value) }
            return Rumour(
                key: top.joined(separator: "+"), words: Set(group.counts.filter { $0.value * 2 >= group.posts.count }.keys),
                posts: group.posts,
                exemplar: group.posts.max { ($0.engagement.shares, $1.createdAt) < ($1.engagement.shares, $0.createdAt) }!,
                shares: group.posts.reduce(0) { $0 + $1.engagement.shares }, amplifiers: amplifiers
            )
        }
        return Array(rumours.sorted { ($0.posts.count + $0.shares, $0.key) > ($1.posts.count + $1.shares, $1.key) }.prefix(limit))
    }

    /// The status record that belongs to `rumour`: same key, or three of its four key words.
    public func record(for rumour: Rumour, among records: [RumourRecord]) -> RumourRecord? {
        let words = Set(rumour.key.split(separator: "+").map(String.init))
        return records.last { record in
            record.key == rumour.key || Set(record.key.split(separator: "+").map(String.init)).intersection(words).count >= 3
        }
    }

    /// Official or partner posts that deny the rumour: they share its words and say so ("no evidence", "not true").
    public func denials(of rumour: Rumour, in officialPosts: [Post]) -> [Post] {
        denials(of: [rumour], in: officialPosts)[0]
    }

    /// `denials(of:in:)` for each of `rumours`, reading each official post once however many rumours there are.
    public func denials(of rumours: [Rumour], in officialPosts: [Post]) -> [[Post]] {
        let denying = officialPosts.filter { denial.firstMatch(in: Tokenizer.tokens($0.text)) != nil }
        let words = denying.map { contentWords($0.text) }
        return rumours.map { rumour in
            let claimed = rumour.words.subtracting(placeWords)
            let scored = zip(denying, words).compactMap { post, words -> (Post, Int)? in
                let shared = words.intersection(claimed).count
                return shared >= 2 ? (post, shared) : nil
            }
            return scored.sorted { ($0.1, $0.0.createdAt) > ($1.1, $1.0.createdAt) }.map(\.0)
        }
    }

    func contentWords(_ text: String) -> Set<String> {
        // Links are unique per post and say nothing about the claim.
        let withoutLinks = Self.mayHoldLink(text)
            ? text.split(separator: " ").filter { !$0.hasPrefix("http") && !$0.hasPrefix("www.") }.joined(separator: " ")
            : text
        return Set(Tokenizer.tokens(withoutLinks).filter { token in
            guard !stopwords.contains(token), !hearsay.contains(token) else { return false }
            let bytes = token.utf8
            // ASCII tokens (most) are judged on their bytes: Unicode property lookups per Character were most of a
            // rumour answer's time on a large store.
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return bytes.count >= 3 && bytes.first != UInt8(ascii: "@")
                    && bytes.contains { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
            }
            return token.count >= 3 && !token.hasPrefix("@") && token.contains(where: \.isLetter) && !token.contains(where: Tokenizer.isEmoji)
        }.map(Tokenizer.folded))
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
