import Foundation
import MusterCore

/// Everything Muster knows about one organisation: its places, topics, media, voice and where its data lives.
public struct CouncilConfig: Sendable {
    /// Name, handles and time zone.
    public var organisation: Organisation
    /// The SQLite store's path.
    public var storePath: String
    /// The folder of intent files.
    public var intentsDirectory: URL
    /// Wards, in the order the config lists them.
    public var wards: [Ward]
    /// Ward boundaries from GeoJSON, for placing posts that carry coordinates.
    public var boundaries: [WardBoundary]
    /// The topic taxonomy.
    public var topics: [Topic]
    /// Local media outlets.
    public var outlets: [Outlet]
    /// Official and partner accounts, which are not members of the public.
    public var accounts: [Account]
    /// How the organisation speaks.
    public var voice: BrandVoice
    /// The sentiment lexicon and word cues.
    public var lexicon: Lexicon
    /// Reply templates in the organisation's voice.
    public var drafts: DraftTemplates
    /// How long posts are kept, in days after they were made (`retention_days`).
    public var retentionDays: Int
    /// How long the audit log and staff messages are kept, in days (`audit_retention_days`).
    public var auditRetentionDays: Int
    /// Who may use Muster from which chat platforms, and their roles.
    public var chat: ChatAccess
    /// What `muster serve` polls for posts by itself.
    public var sources: [Source]
    /// What Muster says unasked: the morning digest and channels' standing watches.
    public var speakingFirst: SpeakingFirst

    /// Creates a configuration.
    public init(
        organisation: Organisation, storePath: String, intentsDirectory: URL, wards: [Ward],
        boundaries: [WardBoundary], topics: [Topic], outlets: [Outlet], accounts: [Account], voice: BrandVoice,
        lexicon: Lexicon, drafts: DraftTemplates, retentionDays: Int, auditRetentionDays: Int = 365, chat: ChatAccess = .closed,
        sources: [Source] = [], speakingFirst: SpeakingFirst = .none
    ) {
        self.organisation = organisation
        self.storePath = storePath
        self.intentsDirectory = intentsDirectory
        self.wards = wards
        self.boundaries = boundaries
        self.topics = topics
        self.outlets = outlets
        self.accounts = accounts
        self.voice = voice
        self.lexicon = lexicon
        self.drafts = drafts
        self.retentionDays = retentionDays
        self.auditRetentionDays = auditRetentionDays
        self.chat = chat
        self.sources = sources
        self.speakingFirst = speakingFirst
    }

    /// The ward with this exact name.
    public func ward(named name: String) -> Ward? {
        wards.first { $0.name == name }
    }

    /// The outlet that has this handle (case-insensitive, with or without `@`).
    public func outlet(forHandle handle: String) -> Outlet? {
        let key = handle.normalisedHandle
        return outlets.first { $0.handles.contains { $0.normalisedHandle == key } }
    }

    /// The configured account with this handle (case-insensitive, with or without `@`).
    public func account(forHandle handle: String) -> Account? {
        let key = handle.normalisedHandle
        return accounts.first { $0.handle.normalisedHandle == key }
    }
}

extension String {
    var normalisedHandle: String {
        (hasPrefix("@") ? String(dropFirst()) : self).lowercased()
    }
}
