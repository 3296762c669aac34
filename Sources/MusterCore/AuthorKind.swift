/// The kind of account a post comes from; answers treat media and official voices apart from the public.
public enum AuthorKind: String, Sendable, CaseIterable, Hashable, Codable {
    case `public`
    case media
    case official
    case partner
    case staff
}
