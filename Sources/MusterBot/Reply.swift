import Foundation
import MusterCore

/// A platform-neutral answer: what the bot says, before any chat dialect shapes it.
public struct Reply: Sendable, Hashable {
    /// One line that says what this answer is about.
    public var title: String
    /// Headline figures, label → value ("Posts" → "412, up 12%").
    public var facts: [Fact]
    /// Titled groups of lines and post references.
    public var sections: [Section]
    /// A closing line: freshness, or what to try next.
    public var footer: String?
    /// Follow-ups worth asking next, as a person would type them.
    public var suggestions: [String] = []

    /// The numbered posts this reply shows, number → store id.
    public var postNumbers: [Int: Int64] {
        var numbers: [Int: Int64] = [:]
        for section in sections {
            for case .post(let post) in section.items {
                if let id = post.postID { numbers[post.number] = id }
            }
        }
        return numbers
    }

    /// Creates a reply.
    public init(title: String, facts: [Fact] = [], sections: [Section] = [], footer: String? = nil, suggestions: [String] = []) {
        self.title = title
        self.facts = facts
        self.sections = sections
        self.footer = footer
        self.suggestions = suggestions
    }

    /// A labelled figure.
    public struct Fact: Sendable, Hashable {
        /// What the figure is.
        public var label: String
        /// The figure, in words.
        public var value: String

        /// Creates a fact.
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A titled group of items.
    public struct Section: Sendable, Hashable {
        /// The heading; `nil` for a plain run of lines.
        public var heading: String?
        /// The section's content, in order.
        public var items: [Item]

        /// Creates a section.
        public init(_ heading: String?, _ items: [Item]) {
            self.heading = heading
            self.items = items
        }
    }

    /// One line of a section.
    public enum Item: Sendable, Hashable {
        /// A sentence.
        case text(String)
        /// A bullet point.
        case bullet(String)
        /// A numbered post with its link.
        case post(PostReference)
        /// Volume over the window, oldest first, with a caption ("per day").
        case sparkline([Int], caption: String)
        /// A suggested reply for staff to adapt.
        case draft(Draft)
    }
}

/// A suggested reply in the organisation's voice, with a version short enough for 280 characters.
public struct Draft: Sendable, Hashable {
    /// The full reply.
    public var long: String
    /// The short version, at most 280 characters.
    public var short: String
    /// The organisation's tone, as a reminder beside the draft.
    public var tone: String
    /// What the draft was built from — the template, and the official lines and posts whose facts it states — so
    /// whoever posts it can check each fact at its source.
    public var builtFrom: [String]

    /// The most characters the short version may have.
    public static let shortLimit = 280

    /// Creates a draft.
    public init(long: String, short: String, tone: String, builtFrom: [String] = []) {
        self.long = long
        self.short = short
        self.tone = tone
        self.builtFrom = builtFrom
    }

    /// The `[confirm: …]` gaps staff must fill before posting.
    public var gaps: [String] {
        var found: [String] = []
        var rest = long[...]
        while let open = rest.range(of: "[confirm:"), let close = rest[open.upperBound...].firstIndex(of: "]") {
            found.append(String(rest[open.upperBound..<close]).trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}

/// A post shown in an answer, numbered so it can be referred to ("post 3").
public struct PostReference: Sendable, Hashable {
    /// Its number in this answer.
    public var number: Int
    /// Who posted it, as shown: `@handle` or the outlet's name.
    public var author: String
    /// The text, trimmed to one line.
    public var text: String
    /// When it was posted, in local time.
    public var time: String
    /// A short engagement summary ("45 likes · 12 shares").
    public var engagement: String?
    /// A link to the post.
    public var url: String?
    /// An optional note before the text (a theme's name).
    public var note: String?
    /// The post's id in the store, so that "post 3" can be opened later.
    public var postID: Int64?

    /// Creates a post reference.
    public init(
        number: Int, author: String, text: String, time: String, engagement: String? = nil, url: String? = nil,
        note: String? = nil, postID: Int64? = nil
    ) {
        self.number = number
        self.author = author
        self.text = text
        self.time = time
        self.engagement = engagement
        self.url = url
        self.note = note
        self.postID = postID
    }
}
