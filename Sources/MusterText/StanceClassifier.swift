import MusterConfig

/// How a reply in a rumour's thread stands towards the rumour.
public enum Stance: String, Sendable, CaseIterable, Hashable {
    case support
    case deny
    case query
    case comment
}

/// Reads a reply's stance with the lexicon's stance model (`stance-weights.tsv`): a linear model over the reply's
/// words, word pairs and cues (a question mark, a link, a retweet, the stance phrases of `cues.yaml`, and, when
/// known, whether it answers the source post and repeats it). Each feature adds its weight to every stance and the
/// highest total wins, so a reading can be explained by listing the features that carried it.
///
/// `scripts/train-stance.py` trains the model and computes the same features; the measured figure is in
/// `muster eval`. Without a model every reply reads as a comment.
public struct StanceClassifier: Sendable {
    /// One weight per stance, in `Stance.allCases` order, in ten-thousandths: integer sums are exact in any order,
    /// so a reply scores to the unit what the training script scored it.
    private typealias Weights = SIMD4<Int64>

    /// A stance phrase list of the lexicon with the weights of its two cues.
    private struct PhraseCue: Sendable {
        var index: PhraseIndex<Bool>
        var anywhere: Weights
        var opening: Weights
    }

    /// Words a mention or a link splits into rather than something said.
    private static let linkWords: Set<String> = ["@", "http", "https", "t", "co"]
    /// Openings of a quoted or retweeted post, which mostly pass a claim on.
    private static let retweetOpenings = ["RT ", "MT ", "“@", "\"@"]
    private static let commentPosition = Stance.allCases.firstIndex(of: .comment) ?? 0

    private let words: [String: Weights]
    /// Word pairs by first word, then second, so a pair is looked up without building a string.
    private let pairs: [String: [String: Weights]]
    private let phraseCues: [PhraseCue]
    private let bias, questionMark, endsWithQuestion, exclamation, link, retweet, mentionOrLink: Weights
    private let answersSource, answersReply, repeatsSource, mostlyRepeatsSource: Weights
    /// Indexed by the reply's length bucket (see `lengthBucket`).
    private let lengths: [Weights]

    /// Creates a classifier from the lexicon's stance model and stance phrases.
    public init(lexicon: Lexicon) {
        var words: [String: Weights] = [:]
        var pairs: [String: [String: Weights]] = [:]
        var cues: [String: Weights] = [:]
        for (feature, byStance) in lexicon.stanceWeights {
            var weights = Weights()
            for (position, stance) in Stance.allCases.enumerated() {
                weights[position] = Int64(((byStance[stance.rawValue] ?? 0) * 10_000).rounded())
            }
            if feature.hasPrefix("cue:") {
                cues[String(feature.dropFirst(4))] = weights
            } else if let space = feature.firstIndex(of: " ") {
                pairs[String(feature[..<space]), default: [:]][String(feature[feature.index(after: space)...])] = weights
            } else {
                words[feature] = weights
            }
        }
        func cue(_ name: String) -> Weights { cues[name] ?? Weights() }
        self.words = words
        self.pairs = pairs
        phraseCues = lexicon.stance.keys.sorted().map { kind in
            PhraseCue(index: PhraseIndex((lexicon.stance[kind] ?? []).map { ($0, true) }),
                      anywhere: cue(kind), opening: cue("opens-with-" + kind))
        }
        bias = cue("bias")
        questionMark = cue("question-mark")
        endsWithQuestion = cue("ends-with-question")
        exclamation = cue("exclamation")
        link = cue("link")
        retweet = cue("retweet")
        mentionOrLink = cue("mention-or-link")
        answersSource = cue("answers-source")
        answersReply = cue("answers-reply")
        repeatsSource = cue("repeats-source")
        mostlyRepeatsSource = cue("mostly-repeats-source")
        lengths = ["0-2", "3-6", "7-15", "16+"].map { cue("length-" + $0) }
    }

    /// The stance of a reply's text; the context, when known, sharpens it.
    ///
    /// - Parameters:
    ///   - source: the text of the post that started the thread.
    ///   - answersSource: whether the reply answers the source post itself rather than another reply.
    public func stance(of text: String, source: String? = nil, answersSource: Bool? = nil) -> Stance {
        let tokens = Tokenizer.tokens(text)
        // Only ASCII tokens are words to the model: emoji and accented words were too rare in training to weigh.
        let positions = tokens.indices.filter { Self.isASCII(tokens[$0]) }
        let said = positions.map { Self.word(tokens[$0]) }
        let content = said.filter { !Self.linkWords.contains($0) }

        var total = bias
        // Each word and pair counts once, however often it is used.
        for word in Set(said) { total &+= words[word] ?? Weights() }
        var seenPairs: [(String, String)] = []
        for (first, second) in zip(said, said.dropFirst()) {
            guard let weights = pairs[first]?[second], !seenPairs.contains(where: { $0 == (first, second) }) else { continue }
            seenPairs.append((first, second))
            total &+= weights
        }
        if text.contains("?") { total &+= questionMark }
        if text.last(where: { !$0.isWhitespace }) == "?" { total &+= endsWithQuestion }
        if text.contains("!") { total &+= exclamation }
        if text.contains("http") { total &+= link }
        if Self.retweetOpenings.contains(where: { text.hasPrefix($0) }) { total &+= retweet }
        let opening = zip(positions, said).first { !Self.linkWords.contains($0.1) }?.0
        for cue in phraseCues {
            if cue.index.firstMatch(in: tokens) != nil { total &+= cue.anywhere }
            if let opening, cue.index.match(in: tokens, at: opening) != nil { total &+= cue.opening }
        }
        total &+= lengths[Self.lengthBucket(content.count)]
        if content.count < said.count { total &+= mentionOrLink }
        if let answersSource { total &+= answersSource ? self.answersSource : answersReply }
        if let source, !content.isEmpty {
            // A reply that mostly repeats the source (a quote, a retweet) tends to support it.
            let sourceWords = Set(Tokenizer.tokens(source).filter(Self.isASCII).map(Self.word))
            let repeated = content.filter(sourceWords.contains).count
            if 10 * repeated >= 3 * content.count { total &+= repeatsSource }
            if 10 * repeated >= 7 * content.count { total &+= mostlyRepeatsSource }
        }
        return Self.best(total)
    }

    private static func isASCII(_ token: String) -> Bool { token.utf8.allSatisfy { $0 < 0x80 } }

    /// A token as the model reads it: every @mention alike, every number alike.
    private static func word(_ token: String) -> String {
        if token.hasPrefix("@") { return "@" }
        if token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return "<num>" }
        return token
    }

    /// Which of the model's length features a reply of `count` words (mentions and links aside) has.
    private static func lengthBucket(_ count: Int) -> Int {
        switch count {
        case ...2: 0
        case ...6: 1
        case ...15: 2
        default: 3
        }
    }

    /// The stance with the highest total; a tie goes to comment, the stance of a reply with nothing to say, then
    /// to the earlier stance.
    private static func best(_ total: Weights) -> Stance {
        var best = Stance.comment
        var bestScore = total[commentPosition]
        for (position, stance) in Stance.allCases.enumerated() where total[position] > bestScore {
            best = stance
            bestScore = total[position]
        }
        return best
    }
}
