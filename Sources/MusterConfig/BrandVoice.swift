/// How the organisation speaks in drafts.
public struct BrandVoice: Sendable, Decodable, Hashable {
    /// The name drafts are signed with.
    public var signOff: String
    /// A line describing the tone, shown to staff beside drafts.
    public var tone: String

    enum CodingKeys: String, CodingKey {
        case signOff = "sign_off", tone
    }
}
