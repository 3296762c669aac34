import MusterConfig
import MusterCore

/// Reads what a post is (`PostKinds`) from who wrote or relayed it and the cue phrases in `kinds.yaml`.
///
/// Who speaks comes first: an official or partner account, or a post passing one on, is `official`; a media outlet,
/// or a post passing one on, is a `report` — so a headline is never read as a resident's rumour. Only posts in the
/// public's own voice can be claims, questions, distress, concern or anger. Explainable and quick; the measured
/// figures, against CrisisLexT26's labels, are in `muster eval`.
public struct KindClassifier: Sendable {
    private let cues: Cues
    private let hearsay: PhraseIndex<Bool>
    private let questionOpeners: PhraseIndex<Bool>
    /// Lower-cased configured handles → their kind.
    private let knownHandles: [String: AuthorKind]
    private let mediaWords: [String]
    /// Empty when the config names partners: then only they are official, since "police" in a handle makes no one
    /// a partner (@Police_Memorial is a charity, @ProtectRPolice a campaign).
    private let officialWords: [String]
    /// The configured outlets' names and aliases: "BBC News reports …" passes on a report.
    private let outletNames: PhraseIndex<Bool>

    /// The cue lists as indexes: whole phrases, plus word beginnings for phrases written with `*`.
    private struct Cues: Sendable {
        let report, firstPerson, asking, appeal, sympathy, distress, concern, anger: CueSet
    }

    /// Creates a classifier from the lexicon's cues and the config's accounts and outlets.
    public init(lexicon: Lexicon, accounts: [Account] = [], outlets: [Outlet] = []) {
        let kinds = lexicon.kinds
        cues = Cues(
            report: CueSet(kinds.report), firstPerson: CueSet(kinds.firstPerson), asking: CueSet(kinds.askingOpeners),
            appeal: CueSet(kinds.appeal), sympathy: CueSet(kinds.sympathy), distress: CueSet(kinds.distress),
            concern: CueSet(kinds.concern), anger: CueSet(kinds.anger)
        )
        hearsay = PhraseIndex(lexicon.hearsay.map { ($0, true) })
        questionOpeners = PhraseIndex(lexicon.questionOpeners.map { ($0, true) })
        var known: [String: AuthorKind] = [:]
        for outlet in outlets { for handle in outlet.handles { known[handle.lowercased()] = .media } }
        for account in accounts { known[account.handle.lowercased()] = account.kind }
        knownHandles = known
        mediaWords = kinds.mediaHandles.map { $0.lowercased() }
        officialWords = accounts.contains { $0.kind == .partner } ? [] : kinds.officialHandles.map { $0.lowercased() }
        outletNames = PhraseIndex(outlets.flatMap { [$0.name] + $0.aliases }.map { ($0, true) })
    }

    /// The kinds of `post`, whose author is already classified, with `tokens` its text's tokens.
    public func kinds(of post: Post, tokens: [String]) -> PostKinds {
        let figure: PostKinds = CasualtyFigures.figures(in: tokens).isEmpty ? [] : .figure
        return voiceKinds(of: post, tokens: tokens).union(figure)
    }

    private func voiceKinds(of post: Post, tokens: [String]) -> PostKinds {
        let relayed = Relay.handle(in: post.text).map(voice(of:))
        let author = knownHandles[post.author.handle.lowercased()] ?? post.author.kind
        let speaksOfficially = author == .official || author == .partner || author == .staff
            || relayed == .official || (author == .public && relayed == nil && voice(of: post.author.handle) == .official)
        if speaksOfficially {
            var kinds: PostKinds = .official
            if cues.appeal.found(in: tokens) { kinds.insert(.appeal) }
            if cues.sympathy.found(in: tokens) { kinds.insert(.sympathy) }
            return kinds
        }
        let hasLink = Self.hasLink(post.text)
        let personal = cues.firstPerson.found(in: tokens)
        let asks = Self.asksInText(post.text) || cues.asking.found(in: tokens)
            || (questionOpeners.match(in: tokens, at: 0) != nil && post.text.utf8.last == UInt8(ascii: "?"))
        let hearsaid = hearsay.firstMatch(in: tokens) != nil
        let reportCue = cues.report.found(in: tokens)
        let fromMedia = author == .media || relayed == .media || (author == .public && relayed == nil && voice(of: post.author.handle) == .media)
            // "BBC News 'reports of several casualties'": an outlet named beside a report or hearsay cue is its report.
            || ((reportCue || hearsaid) && outletNames.firstMatch(in: tokens) != nil)
        // A link under words that speak for no one is a headline; report cues beside a link are one too.
        if fromMedia || (hasLink && (reportCue || (!personal && !asks))) {
            var kinds: PostKinds = .report
            if cues.appeal.found(in: tokens) { kinds.insert(.appeal) }
            if cues.sympathy.found(in: tokens) { kinds.insert(.sympathy) }
            return kinds
        }
        var kinds: PostKinds = []
        if asks { kinds.insert(.question) }
        if hearsaid { kinds.insert(.claim) }
        if cues.appeal.found(in: tokens) { kinds.insert(.appeal) }
        if cues.sympathy.found(in: tokens) { kinds.insert(.sympathy) }
        if cues.distress.found(in: tokens) { kinds.insert(.distress) }
        if cues.concern.found(in: tokens) { kinds.insert(.concern) }
        if cues.anger.found(in: tokens) { kinds.insert(.anger) }
        return kinds
    }

    /// Whose voice a handle is: a configured account's or outlet's kind, else read from the words in it.
    func voice(of handle: String) -> AuthorKind {
        let folded = handle.lowercased()
        if let known = knownHandles[folded] { return known }
        if Self.handle(handle, folded: folded, contains: officialWords) { return .official }
        if Self.handle(handle, folded: folded, contains: mediaWords) { return .media }
        return .public
    }

    /// Whether a word is one of the handle's parts (split at capitals, digits and underscores: "BBC_Scotland",
    /// "SkyNews"), or ends it, or — for words of five letters or more — starts it ("policescotland"). Shorter words
    /// are not looked for at the start, where they are more often the start of a name ("firefly", "sunnyday").
    static func handle(_ handle: String, folded: String, contains words: [String]) -> Bool {
        let parts = Set(handleParts(handle))
        return words.contains { word in
            parts.contains(word) || folded.hasSuffix(word) || (word.count >= 5 && folded.hasPrefix(word))
        }
    }

    /// "BBCScotland" → ["bbc", "scotland"]; "sky_news24" → ["sky", "news"].
    static func handleParts(_ handle: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previousUpper = false
        let characters = Array(handle)
        for (index, character) in characters.enumerated() {
            guard character.isLetter else {
                if !current.isEmpty { parts.append(current.lowercased()) }
                current = ""
                previousUpper = false
                continue
            }
            let upper = character.isUppercase
            let nextLower = index + 1 < characters.count && characters[index + 1].isLowercase
            // A capital starts a part after a lower-case letter, or ends a run of capitals before a lower-case one
            // ("BBCScotland": "BBC" then "Scotland").
            if upper, !current.isEmpty, !previousUpper || nextLower {
                parts.append(current.lowercased())
                current = ""
            }
            current.append(character)
            previousUpper = upper
        }
        if !current.isEmpty { parts.append(current.lowercased()) }
        return parts
    }

    /// A question mark in the words, not inside a link ("?s=21").
    static func asksInText(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: "?")) else { return false }
        return text.split(separator: " ").contains { word in
            word.contains("?") && !word.hasPrefix("http") && !word.hasPrefix("www.")
        }
    }

    static func hasLink(_ text: String) -> Bool {
        text.contains("http://") || text.contains("https://") || text.contains("www.")
    }
}

/// One cue list: whole phrases, and word beginnings for entries written with a trailing `*`.
struct CueSet: Sendable {
    private let phrases: PhraseIndex<Bool>
    private let prefixes: [String]

    init(_ entries: [String]) {
        phrases = PhraseIndex(entries.filter { !$0.hasSuffix("*") }.map { ($0, true) })
        prefixes = entries.filter { $0.hasSuffix("*") }.map { String($0.dropLast()).lowercased() }
    }

    func found(in tokens: [String]) -> Bool {
        if phrases.firstMatch(in: tokens) != nil { return true }
        return !prefixes.isEmpty && tokens.contains { token in prefixes.contains { token.hasPrefix($0) } }
    }
}
