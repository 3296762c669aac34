/// The cue phrases that say what a post is (see `PostKinds`), from `kinds.yaml` in the lexicon folder.
///
/// Phrases are matched as whole tokens ("give blood"); a phrase ending in `*` matches any token that starts with it,
/// as hashtags run words together (`prayfor*` for #PrayForGlasgow).
public struct KindCues: Sendable, Decodable, Hashable {
    /// Phrases that mark news: "breaking", "reports of", "live updates".
    public var report: [String]
    /// Words whose presence in a handle reads it as a news outlet's (`news`, `bbc`), beside the configured outlets.
    public var mediaHandles: [String]
    /// Words whose presence in a handle reads it as an official body's (`police`, `council`), beside the configured
    /// accounts.
    public var officialHandles: [String]
    /// Words that mark a person speaking for themselves ("I", "my", "we"), which a headline does not use.
    public var firstPerson: [String]
    /// Openings that ask even without a question mark ("does anyone know").
    public var askingOpeners: [String]
    /// Asking people to act: give blood, donate, volunteer, find someone missing.
    public var appeal: [String]
    /// Sympathy and support: condolences, prayers, thanks to the crews.
    public var sympathy: [String]
    /// Someone in trouble now: trapped, flooded, no heating.
    public var distress: [String]
    /// Worry for people or places.
    public var concern: [String]
    /// Anger at how something is handled.
    public var anger: [String]
    /// What an official post says when it confirms something ("we can confirm", "sadly"), as `denial` in the cues
    /// says when it denies.
    public var confirmation: [String]
    /// Words that attribute a report to officials ("say Scottish police"), so its figures are taken as official.
    public var officialAttribution: [String]
    /// What makes an unanswered post urgent — children, the elderly, damp and mould, no heating, threats, self-harm —
    /// for ordering the posts that need a reply.
    public var urgent: [String]

    /// Creates cues; every list defaults to empty.
    public init(
        report: [String] = [], mediaHandles: [String] = [], officialHandles: [String] = [], firstPerson: [String] = [],
        askingOpeners: [String] = [], appeal: [String] = [], sympathy: [String] = [], distress: [String] = [],
        concern: [String] = [], anger: [String] = [], confirmation: [String] = [], officialAttribution: [String] = [],
        urgent: [String] = []
    ) {
        self.report = report
        self.mediaHandles = mediaHandles
        self.officialHandles = officialHandles
        self.firstPerson = firstPerson
        self.askingOpeners = askingOpeners
        self.appeal = appeal
        self.sympathy = sympathy
        self.distress = distress
        self.concern = concern
        self.anger = anger
        self.confirmation = confirmation
        self.officialAttribution = officialAttribution
        self.urgent = urgent
    }

    enum CodingKeys: String, CodingKey {
        case report, appeal, sympathy, distress, concern, anger, confirmation, urgent
        case mediaHandles = "media_handles", officialHandles = "official_handles", firstPerson = "first_person"
        case askingOpeners = "asking_openers", officialAttribution = "official_attribution"
    }
}
