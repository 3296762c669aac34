import MusterConfig
import MusterCore

/// Everything ingest learns about a post before it is stored: who wrote it, where it is about, its topics,
/// its sentiment, and what it is (a report, a claim, an official line, a question…). Deterministic: the same post always
/// comes out the same.
public struct Enricher: Sendable {
    private let locator: AreaLocator
    private let gazetteer: Gazetteer
    private let tagger: TopicTagger
    private let scorer: SentimentScorer
    private let kinds: KindClassifier
    private let languages: LanguageDetector
    private let wardNames: Set<String>
    private let topicNames: Set<String>
    /// Lower-cased handle → the configured account or outlet it belongs to.
    private let knownHandles: [String: KnownHandle]

    private enum KnownHandle: Sendable {
        case account(Account)
        case outlet(Outlet)
    }

    /// Creates an enricher for one organisation's config.
    public init(config: CouncilConfig) {
        locator = AreaLocator(boundaries: config.boundaries)
        gazetteer = Gazetteer(wards: config.wards)
        tagger = TopicTagger(topics: config.topics)
        scorer = SentimentScorer(config: config)
        kinds = KindClassifier(lexicon: config.lexicon, accounts: config.accounts, outlets: config.outlets)
        languages = LanguageDetector(lexicon: config.lexicon)
        wardNames = Set(config.wards.map(\.name))
        topicNames = Set(config.topics.map(\.name))
        var handles: [String: KnownHandle] = [:]
        for outlet in config.outlets {
            for handle in outlet.handles { handles[handle.lowercased()] = .outlet(outlet) }
        }
        for account in config.accounts {
            handles[account.handle.lowercased()] = .account(account)
        }
        knownHandles = handles
    }

    /// The post with its enrichment fields filled in.
    public func enrich(_ post: Post) -> Post {
        var post = post
        let tokens = Tokenizer.tokens(post.text)
        classifyAuthor(&post)
        if post.area.map({ !wardNames.contains($0) }) ?? true {
            post.area = post.geo.flatMap(locator.ward(containing:)) ?? gazetteer.ward(in: tokens)
        }
        var topics = post.topics.filter(topicNames.contains)
        for topic in tagger.topics(in: tokens) where !topics.contains(topic) {
            topics.append(topic)
        }
        post.topics = topics
        if post.language == nil { post.language = languages.language(of: tokens) }
        // The lexicon is English: a Welsh post read with it would be mis-scored, so it stays neutral.
        post.sentiment = post.language == LanguageDetector.welsh
            ? 0 : scorer.score(tokens: tokens, exclamations: SentimentScorer.exclamations(in: post.text))
        post.kinds = kinds.kinds(of: post, tokens: tokens)
        return post
    }

    /// Configured accounts and outlets are never "the public", whatever the source said; a post whose record named
    /// no author is its retweet's or quote's original author's ("RT @policescotland: …").
    private func classifyAuthor(_ post: inout Post) {
        let relayed = Relay.handle(in: post.text)
        if post.author.handle == Author.unknownHandle || post.author.handle.isEmpty, let relayed {
            post.author = Author(handle: relayed, kind: post.author.kind)
        }
        // A post passing on an outlet's report is that outlet's line, whoever passed it on.
        if post.outlet == nil, let relayed, case .outlet(let outlet) = knownHandles[relayed.lowercased()] {
            post.outlet = outlet.name
        }
        switch knownHandles[post.author.handle.lowercased()] {
        case .account(let account):
            post.author.kind = account.kind
            post.author.name = post.author.name ?? account.name
        case .outlet(let outlet):
            post.author.kind = .media
            post.outlet = post.outlet ?? outlet.name
        case nil:
            break
        }
    }
}
