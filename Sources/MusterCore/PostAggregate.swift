/// How many matching posts carry one topic.
public struct TopicCount: Sendable, Hashable {
    /// The topic's name in the taxonomy.
    public var topic: String
    /// How many matching posts carry it.
    public var count: Int
    /// How many of those read as negative.
    public var negative: Int

    /// Creates a count.
    public init(topic: String, count: Int, negative: Int) {
        self.topic = topic
        self.count = count
        self.negative = negative
    }
}

/// Counts over the posts that match a query.
public struct PostAggregate: Sendable, Hashable {
    /// How many posts match.
    public var count: Int
    /// How many of them are placed in a ward.
    public var placed: Int
    /// Matching posts by sentiment label.
    public var sentiment: [SentimentLabel: Int]
    /// How many ask a question.
    public var questions: Int
    /// How many come from media outlets.
    public var media: Int

    /// Creates an aggregate.
    public init(
        count: Int, placed: Int, sentiment: [SentimentLabel: Int], questions: Int = 0,
        media: Int = 0
    ) {
        self.count = count
        self.placed = placed
        self.sentiment = sentiment
        self.questions = questions
        self.media = media
    }
}

extension PostAggregate {
    /// No posts at all.
    public static let none = PostAggregate(count: 0, placed: 0, sentiment: [.negative: 0, .neutral: 0, .positive: 0])

    /// The counts of two sets of posts that share none, as one.
    public static func + (left: PostAggregate, right: PostAggregate) -> PostAggregate {
        PostAggregate(
            count: left.count + right.count, placed: left.placed + right.placed,
            sentiment: left.sentiment.merging(right.sentiment, uniquingKeysWith: +),
            questions: left.questions + right.questions, media: left.media + right.media
        )
    }
}
