import MusterConfig
import MusterCore

/// Everything ingest learns about a post before it is stored: who wrote it, where it is about, its topics,
/// its sentiment, and whether it asks something or passes on a claim. Deterministic: the same post always
/// comes out the same.
public struct Enricher: Sendable {
    private let config: CouncilConfig
    private let locator: AreaLocator
    private let gazetteer: Gazetteer
    private let tagger: TopicTagger
    private let scorer: SentimentScorer
    private let cues: CueDetector
    private let wardNames: Set<String>

    /// Creates an enricher for one organisation's config.
    public init(config: CouncilConfig) {
        self.config = config
        locator = AreaLocator(boundaries: config.boundaries)
        gazetteer = Gazetteer(wards: config.wards)
        tagger = TopicTagger(topics: config.topics)
        scorer = SentimentScorer(lexicon: config.lexicon)
        cues = CueDetector(lexicon: config.lexicon)
        wardNames = Set(config.wards.map(\.name))
    }

    /// The post with its enrichment fields filled in.
    public func enrich(_ post: Post) -> Post {
        var post = post
        let tokens = Tokenizer.tokens(post.text)
        classifyAuthor(&post)
        if post.area.map({ !wardNames.contains($0) }) ?? true {
            post.area = post.geo.flatMap(locator.ward(containing:)) ?? gazetteer.ward(in: tokens)
        }
        var topics = post.topics.filter { topic in config.topics.contains { $0.name == topic } }
        for topic in tagger.topics(in: tokens) where !topics.contains(topic) {
            topics.append(topic)
        }
        post.topics = topics
        post.sentiment = scorer.score(tokens: tokens, exclamations: post.text.reduce(0) { $0 + ($1 == "!" ? 1 : 0) })
        post.isQuestion = cues.isQuestion(post.text, tokens: tokens)
        post.isClaim = cues.isClaim(tokens: tokens)
        return post
    }

    /// Configured accounts and outlets are never "the public", whatever the source said.
    private func classifyAuthor(_ post: inout Post) {
        if let account = config.account(forHandle: post.author.handle) {
            post.author.kind = account.kind
            post.author.name = post.author.name ?? account.name
        } else if let outlet = config.outlet(forHandle: post.author.handle) {
            post.author.kind = .media
            post.outlet = post.outlet ?? outlet.name
        }
    }
}
