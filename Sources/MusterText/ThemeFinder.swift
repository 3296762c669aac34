import Foundation
import MusterCore

/// Finds the key phrases that set a set of posts apart from a background: words and two-word phrases weighted by
/// how much more often they appear here than in general, so themes say something rather than echo the question.
public struct ThemeFinder: Sendable {
    /// A key phrase with how many posts use it and the most-engaged public post that does.
    public struct Theme: Sendable, Hashable {
        /// The phrase, lower-cased.
        public var phrase: String
        /// How many of the examined posts contain it.
        public var count: Int
        /// The most-engaged post containing it, preferring the public's own words.
        public var example: Post
    }

    private let stopwords: Set<String>
    /// A candidate found mostly in posts an earlier theme already covers says nothing new.
    private static let maximumOverlap = 0.6

    /// Creates a finder that ignores `stopwords`.
    public init(stopwords: Set<String>) {
        self.stopwords = stopwords
    }

    /// Up to `limit` themes of `posts` against `background`.
    ///
    /// - Parameter excluding: words and phrases the question itself used (its topic's terms, its wards' names); a
    ///   theme never is, or contains, one of them.
    public func themes(of posts: [Post], against background: [Post], excluding: Set<String>, limit: Int) -> [Theme] {
        guard !posts.isEmpty else { return [] }
        let excluded = Set(excluding.map { Tokenizer.tokens($0).map(Tokenizer.folded).joined(separator: " ") })
        // Reading words is most of the work, so it is spread across cores.
        let foreground = posts.map(\.text).concurrentMap { phrases(in: $0, excluding: excluded) }
        let counts = documentFrequency(foreground)
        let minimum = max(2, posts.count / 50)
        let backgroundCounts = frequency(of: Set(counts.filter { $0.value >= minimum }.keys), in: background.map(\.text), excluding: excluded)
        let size = Double(posts.count)
        let backgroundSize = Double(background.count)

        var scored: [(phrase: String, count: Int, score: Double)] = counts.compactMap { phrase, count in
            guard count >= minimum else { return nil }
            let share = Double(count) / size
            let backgroundShare = (Double(backgroundCounts[phrase] ?? 0) + 1) / (backgroundSize + 1)
            let lift = log(share / backgroundShare)
            guard lift > 0 else { return nil }
            let length = phrase.contains(" ") ? 1.3 : 1.0
            return (phrase, count, Double(count) * lift * length)
        }
        scored.sort { ($0.score, $1.phrase) > ($1.score, $0.phrase) }

        var chosen: [(phrase: String, count: Int, posts: Set<Int>)] = []
        for candidate in scored where chosen.count < limit {
            let words = Set(candidate.phrase.split(separator: " "))
            if chosen.contains(where: { !words.isDisjoint(with: $0.phrase.split(separator: " ")) }) { continue }
            let containing = Set(foreground.indices.filter { foreground[$0].contains(candidate.phrase) })
            let covered = chosen.contains { Double($0.posts.intersection(containing).count) > Self.maximumOverlap * Double(containing.count) }
            if !covered { chosen.append((candidate.phrase, candidate.count, containing)) }
        }
        return chosen.map { phrase, count, containing in
            let example = containing.map { posts[$0] }.max { rank($0) < rank($1) }!
            return Theme(phrase: phrase, count: count, example: example)
        }
    }

    private func rank(_ post: Post) -> (Int, Int, Date) {
        (post.author.kind == .public ? 1 : 0, post.engagement.score, post.createdAt)
    }

    /// The distinct words and two-word phrases of a text worth counting.
    private func phrases(in text: String, excluding excluded: Set<String>) -> Set<String> {
        let words = words(in: text, excluding: excluded)
        var result: Set<String> = []
        for (index, entry) in words.enumerated() {
            guard let entry else { continue }
            result.insert(entry.word)
            if index + 1 < words.count, let next = words[index + 1], !excluded.contains(entry.folded + " " + next.folded) {
                result.insert(entry.word + " " + next.word)
            }
        }
        return result
    }

    /// How many of `texts` use each of `candidates` (words and two-word phrases from `phrases`). Only candidates
    /// are looked for: building every phrase of thousands of background posts was a third of a summary's time.
    private func frequency(of candidates: Set<String>, in texts: [String], excluding excluded: Set<String>) -> [String: Int] {
        var single: Set<String> = []
        var pairs: [String: Set<String>] = [:]
        for candidate in candidates {
            let parts = candidate.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { pairs[parts[0], default: []].insert(parts[1]) } else { single.insert(candidate) }
        }
        let found = texts.concurrentMap { [single, pairs] text -> Set<String> in
            let words = words(in: text, excluding: excluded)
            var seen: Set<String> = []
            for (index, entry) in words.enumerated() {
                guard let entry else { continue }
                if single.contains(entry.word) { seen.insert(entry.word) }
                // A candidate pair already passed the exclusion test in the posts it came from.
                if index + 1 < words.count, let next = words[index + 1], pairs[entry.word]?.contains(next.word) == true {
                    seen.insert(entry.word + " " + next.word)
                }
            }
            return seen
        }
        return documentFrequency(found)
    }

    /// The words of a text worth counting, each with its folded form, in order; `nil` where a word is skipped, so
    /// no phrase spans it.
    private func words(in text: String, excluding excluded: Set<String>) -> [(word: String, folded: String)?] {
        // Each token is folded once; ASCII tokens (most) are judged on their bytes, since Unicode property lookups
        // per Character were most of a large store's answer time.
        Tokenizer.tokens(text).map { token -> (word: String, folded: String)? in
            let bytes = token.utf8
            guard bytes.count >= 3, bytes.first != UInt8(ascii: "@"), !stopwords.contains(token) else { return nil }
            if bytes.allSatisfy({ $0 < 0x80 }) {
                guard bytes.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return nil }
            } else if token.count < 3 || !token.contains(where: \.isLetter) || token.contains(where: Tokenizer.isEmoji) {
                return nil
            }
            let folded = Tokenizer.folded(token)
            return excluded.contains(folded) ? nil : (token, folded)
        }
    }

    private func documentFrequency(_ documents: [Set<String>]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for document in documents {
            for phrase in document { counts[phrase, default: 0] += 1 }
        }
        return counts
    }
}
