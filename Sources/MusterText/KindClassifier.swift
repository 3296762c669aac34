import Foundation
import MusterConfig
import MusterCore

/// Reads what a post is (`PostKinds`) from who wrote or relayed it and the cue phrases in `kinds.yaml`.
///
/// Who speaks comes first: an official or partner account, or a post passing one on, is `official`; a media outlet,
/// or a post passing one on, is a `report` — so a headline is never read as a resident's rumour. Only posts in the
/// public's own voice can be claims, questions, distress, concern or anger. Explainable and quick; the measured
/// figures, against CrisisLexT26's labels, are in `muster eval`.
public struct KindClassifier: Sendable {
    /// Every cue list in one index, each phrase marked with the lists it is in, so a post's tokens are scanned once
    /// for all of them: ten scans were most of enrichment's time.
    private let cues: PhraseIndex<Cue>
    /// Word beginnings (phrases written with `*`) and the lists they are in.
    private let prefixes: [(prefix: String, cue: Cue)]
    private let questionOpeners: PhraseIndex<Bool>
    /// Lower-cased configured handles → their kind.
    private let knownHandles: [String: AuthorKind]
    private let mediaWords: [String]
    /// Empty when the config names partners: then only they are official, since "police" in a handle makes no one
    /// a partner (@Police_Memorial is a charity, @ProtectRPolice a campaign).
    private let officialWords: [String]
    private let voices = HandleVoices()

    /// The cue lists a phrase is in.
    struct Cue: OptionSet, Sendable {
        let rawValue: Int
        static let report = Cue(rawValue: 1 << 0)
        static let firstPerson = Cue(rawValue: 1 << 1)
        static let asking = Cue(rawValue: 1 << 2)
        static let appeal = Cue(rawValue: 1 << 3)
        static let sympathy = Cue(rawValue: 1 << 4)
        static let distress = Cue(rawValue: 1 << 5)
        static let concern = Cue(rawValue: 1 << 6)
        static let anger = Cue(rawValue: 1 << 7)
        static let hearsay = Cue(rawValue: 1 << 8)
        /// A configured outlet's name or alias: "BBC News reports …" passes on a report.
        static let outlet = Cue(rawValue: 1 << 9)
        /// A word that counts casualties: only then is the casualty grammar run.
        static let casualty = Cue(rawValue: 1 << 10)
    }

    /// Creates a classifier from the lexicon's cues and the config's accounts and outlets.
    public init(lexicon: Lexicon, accounts: [Account] = [], outlets: [Outlet] = []) {
        let kinds = lexicon.kinds
        let lists: [(Cue, [String])] = [
            (.report, kinds.report), (.firstPerson, kinds.firstPerson), (.asking, kinds.askingOpeners), (.appeal, kinds.appeal),
            (.sympathy, kinds.sympathy), (.distress, kinds.distress), (.concern, kinds.concern), (.anger, kinds.anger),
            (.hearsay, lexicon.hearsay), (.outlet, outlets.flatMap { [$0.name] + $0.aliases }),
            (.casualty, CasualtyFigures.countedWords.sorted()),
        ]
        var phrases: [String: Cue] = [:]
        var prefixes: [String: Cue] = [:]
        for (cue, entries) in lists {
            for entry in entries {
                if entry.hasSuffix("*") { prefixes[String(entry.dropLast()).lowercased(), default: []].insert(cue) }
                else { phrases[Tokenizer.tokens(entry).joined(separator: " "), default: []].insert(cue) }
            }
        }
        // A scan keeps the longest phrase at each place, so a phrase also carries the lists of the shorter phrases
        // inside it: "hope everyone is" (sympathy) still says "hope everyone" (concern).
        let split = phrases.map { (phrase: $0.key, words: $0.key.split(separator: " "), cue: $0.value) }
        let carried = split.map { entry in
            split.reduce(entry.cue) { cue, inner in
                inner.words.count < entry.words.count && Self.contains(entry.words, inner.words) ? cue.union(inner.cue) : cue
            }
        }
        cues = PhraseIndex(zip(split, carried).map { ($0.phrase, $1) })
        self.prefixes = prefixes.map { ($0.key, $0.value) }
        questionOpeners = PhraseIndex(lexicon.questionOpeners.map { ($0, true) })
        var known: [String: AuthorKind] = [:]
        for outlet in outlets { for handle in outlet.handles { known[handle.lowercased()] = .media } }
        for account in accounts { known[account.handle.lowercased()] = account.kind }
        knownHandles = known
        mediaWords = kinds.mediaHandles.map { $0.lowercased() }
        officialWords = accounts.contains { $0.kind == .partner } ? [] : kinds.officialHandles.map { $0.lowercased() }
    }

    /// The kinds of `post`, whose author is already classified, with `tokens` its text's tokens.
    public func kinds(of post: Post, tokens: [String]) -> PostKinds {
        var found: Cue = []
        for match in cues.matches(in: tokens) { found.formUnion(match.value) }
        if !prefixes.isEmpty {
            for token in tokens { for (prefix, cue) in prefixes where token.hasPrefix(prefix) { found.formUnion(cue) } }
        }
        var kinds = voiceKinds(of: post, tokens: tokens, cues: found)
        if found.contains(.casualty), !CasualtyFigures.figures(in: tokens).isEmpty { kinds.insert(.figure) }
        return kinds
    }

    private func voiceKinds(of post: Post, tokens: [String], cues found: Cue) -> PostKinds {
        let relayed = Relay.handle(in: post.text).map(voice(of:))
        let author = knownHandles[post.author.handle.lowercased()] ?? post.author.kind
        let speaksOfficially = author == .official || author == .partner || author == .staff
            || relayed == .official || (author == .public && relayed == nil && voice(of: post.author.handle) == .official)
        if speaksOfficially {
            var kinds: PostKinds = .official
            if found.contains(.appeal) { kinds.insert(.appeal) }
            if found.contains(.sympathy) { kinds.insert(.sympathy) }
            return kinds
        }
        let hasLink = Self.hasLink(post.text)
        let asks = Self.asksInText(post.text) || found.contains(.asking)
            || (questionOpeners.match(in: tokens, at: 0) != nil && post.text.utf8.last == UInt8(ascii: "?"))
        let fromMedia = author == .media || relayed == .media || (author == .public && relayed == nil && voice(of: post.author.handle) == .media)
            // "BBC News 'reports of several casualties'": an outlet named beside a report or hearsay cue is its report.
            || (found.contains(.outlet) && !found.isDisjoint(with: [.report, .hearsay]))
        // A link under words that speak for no one is a headline; report cues beside a link are one too.
        if fromMedia || (hasLink && (found.contains(.report) || (!found.contains(.firstPerson) && !asks))) {
            var kinds: PostKinds = .report
            if found.contains(.appeal) { kinds.insert(.appeal) }
            if found.contains(.sympathy) { kinds.insert(.sympathy) }
            return kinds
        }
        var kinds: PostKinds = []
        let own: [(Cue, PostKinds)] = [(.hearsay, .claim), (.appeal, .appeal), (.sympathy, .sympathy), (.distress, .distress), (.concern, .concern), (.anger, .anger)]
        if asks { kinds.insert(.question) }
        for (cue, kind) in own where found.contains(cue) { kinds.insert(kind) }
        return kinds
    }

    /// Whether `inner` runs, word for word, somewhere inside `words`.
    private static func contains(_ words: [Substring], _ inner: [Substring]) -> Bool {
        guard !inner.isEmpty, inner.count <= words.count else { return false }
        return (0...(words.count - inner.count)).contains { start in words[start..<(start + inner.count)].elementsEqual(inner) }
    }

    /// Whose voice a handle is: a configured account's or outlet's kind, else read from the words in it.
    ///
    /// Reading the words takes longer than the rest of a post's kinds, and the same people post again and again, so
    /// each handle's reading is remembered (up to `HandleVoices.capacity` handles).
    func voice(of handle: String) -> AuthorKind {
        let folded = handle.lowercased()
        if let known = knownHandles[folded] { return known }
        if let remembered = voices.voice(of: folded) { return remembered }
        let voice: AuthorKind = Self.handle(handle, folded: folded, contains: officialWords) ? .official
            : Self.handle(handle, folded: folded, contains: mediaWords) ? .media : .public
        voices.remember(voice, for: folded)
        return voice
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

    /// "://" or "www." anywhere, read on the bytes.
    static func hasLink(_ text: String) -> Bool {
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in text.utf8 {
            let last4 = (previous.0, previous.1, previous.2, byte)
            if (last4.1, last4.2, last4.3) == (0x3A, 0x2F, 0x2F) || last4 == (0x77, 0x77, 0x77, 0x2E) { return true }
            previous = (previous.1, previous.2, byte)
        }
        return false
    }
}

/// Handles already read for the words in them, shared by the threads that enrich a load.
final class HandleVoices: @unchecked Sendable {
    /// Handles remembered before the memory is cleared: a town's posters many times over.
    static let capacity = 200_000
    private let lock = NSLock()
    private var voices: [String: AuthorKind] = [:]

    func voice(of handle: String) -> AuthorKind? {
        lock.withLock { voices[handle] }
    }

    func remember(_ voice: AuthorKind, for handle: String) {
        lock.withLock {
            if voices.count >= Self.capacity { voices.removeAll(keepingCapacity: true) }
            voices[handle] = voice
        }
    }
}
