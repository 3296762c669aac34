import Foundation

/// Who an identity provider says signed in: the claims of an ID token that passed every check.
public struct IdentityClaims: @unchecked Sendable {
    /// The provider's stable id for the person (`sub`).
    public let subject: String
    /// Every claim, as the token carried it.
    public let all: [String: Any]

    /// The claims of a token, or `nil` when it names no subject.
    public init?(_ claims: [String: Any]) {
        guard let subject = claims["sub"] as? String, !subject.isEmpty else { return nil }
        self.subject = subject
        all = claims
    }

    /// The name Muster knows them by (and the audit log shows): `preferred_username` (Entra ID's sign-in name),
    /// else `email`, else `upn`, else the subject.
    public var username: String {
        for claim in ["preferred_username", "email", "upn"] {
            if let value = all[claim] as? String, !value.trimmingCharacters(in: .whitespaces).isEmpty {
                return value.trimmingCharacters(in: .whitespaces)
            }
        }
        return subject
    }

    /// The values of `claim`, whether it is one string or a list of them (`roles`, `groups`).
    public func values(of claim: String) -> [String] {
        if let one = all[claim] as? String { return [one] }
        return (all[claim] as? [Any])?.compactMap { $0 as? String } ?? []
    }
}
