/// Word lists enrichment reads: sentiment scores and the cues for negation, emphasis, questions and hearsay.
public struct Lexicon: Sendable {
    /// Word or emoji → score in -4…4.
    public var scores: [String: Double]
    /// Words that flip the sentiment that follows.
    public var negators: Set<String>
    /// Words that multiply the sentiment that follows.
    public var intensifiers: [String: Double]
    /// Words that soften the sentiment that follows.
    public var dampeners: [String: Double]
    /// Words after which a clause outweighs the one before.
    public var contrast: Set<String>
    /// Openings that make a post a question.
    public var questionOpeners: [String]
    /// Phrases that mark an unconfirmed claim.
    public var hearsay: [String]
    /// Words too common to be a theme.
    public var stopwords: Set<String>
    /// Phrases by which an official post denies a claim.
    public var denial: [String]
    /// Cues for a reply's stance towards a rumour: `deny`, `support`, `query`.
    public var stance: [String: [String]]
    /// The reply-stance model (`stance-weights.tsv`): feature → stance name → weight. Empty when there is none.
    public var stanceWeights: [String: [String: Double]]
    /// Ways of naming the whole area the organisation covers.
    public var everywhere: [String]
    /// Words that join a place to a topic ("the fire *on* Hill Street").
    public var placePrepositions: Set<String>
    /// Everyday words that mark a language, by language code (`en`, `cy`).
    public var languageWords: [String: Set<String>]
    /// Cues for what a post is: a report, an appeal, sympathy, distress… (`kinds.yaml`).
    public var kinds: KindCues

    /// Creates a lexicon.
    public init(
        scores: [String: Double], negators: Set<String> = [], intensifiers: [String: Double] = [:],
        dampeners: [String: Double] = [:], contrast: Set<String> = [], questionOpeners: [String] = [],
        hearsay: [String] = [], stopwords: Set<String> = [], denial: [String] = [], stance: [String: [String]] = [:],
        everywhere: [String] = [], placePrepositions: Set<String> = [], languageWords: [String: Set<String>] = [:],
        stanceWeights: [String: [String: Double]] = [:], kinds: KindCues = KindCues()
    ) {
        self.scores = scores
        self.negators = negators
        self.intensifiers = intensifiers
        self.dampeners = dampeners
        self.contrast = contrast
        self.questionOpeners = questionOpeners
        self.hearsay = hearsay
        self.stopwords = stopwords
        self.denial = denial
        self.stance = stance
        self.stanceWeights = stanceWeights
        self.everywhere = everywhere
        self.placePrepositions = placePrepositions
        self.languageWords = languageWords
        self.kinds = kinds
    }
}
