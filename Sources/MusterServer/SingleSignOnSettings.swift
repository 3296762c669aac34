import Foundation
import MusterCore
import MusterIdentity

/// Single sign-on to the console through the organisation's identity provider (OpenID Connect: Entra ID, Okta,
/// Keycloak, Google Workspace…), from the environment. Switched on by `MUSTER_OIDC_ISSUER`.
public struct SingleSignOnSettings: Sendable, Equatable {
    /// The issuer identifier; its `/.well-known/openid-configuration` is read for the endpoints and keys.
    public var issuer: String
    /// Muster's client (application) id at the provider.
    public var clientID: String
    /// The client secret, for a confidential client (`MUSTER_OIDC_CLIENT_SECRET`); PKCE is used either way.
    public var clientSecret: String?
    /// Where the provider sends the browser back: `MUSTER_PUBLIC_URL` + `/login/sso/callback`, registered at the
    /// provider as the app's redirect URI.
    public var redirectURI: String
    /// The ID token claim that carries the person's roles or groups (`MUSTER_OIDC_ROLE_CLAIM`, `roles` by default:
    /// Entra ID's app roles).
    public var roleClaim: String
    /// Which claim values give which Muster role (`MUSTER_OIDC_ROLES`, `VALUE=role` pairs separated by commas); a
    /// person with several gets the highest, one with none is refused.
    public var roles: [String: StaffRole]
    /// What the sign-in button calls the provider (`MUSTER_OIDC_LABEL`).
    public var label: String

    /// The role values an Entra ID app registration would define for Muster.
    public static let defaultRoles: [String: StaffRole] = ["Muster.Officer": .officer, "Muster.Lead": .lead, "Muster.Admin": .admin]

    /// The settings in `environment`: `nil` when `MUSTER_OIDC_ISSUER` is not set; a `MusterError` naming what is
    /// missing or wrong when it is set but the rest cannot work.
    public static func from(environment: [String: String]) throws -> SingleSignOnSettings? {
        func value(_ name: String) -> String? {
            environment[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let issuer = value("MUSTER_OIDC_ISSUER") else { return nil }
        guard let url = URL(string: issuer), let host = url.host, url.scheme == "https" || (url.scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(host)) else {
            throw MusterError("MUSTER_OIDC_ISSUER \(issuer) is not an https URL.", hint: "Give the issuer your identity provider documents, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0.")
        }
        guard let clientID = value("MUSTER_OIDC_CLIENT_ID") else {
            throw MusterError("MUSTER_OIDC_ISSUER is set but MUSTER_OIDC_CLIENT_ID is not.", hint: "Set it to Muster's application (client) id at the identity provider.")
        }
        guard let publicURL = value("MUSTER_PUBLIC_URL"), let base = URL(string: publicURL), base.scheme != nil, base.host != nil else {
            throw MusterError(
                "Single sign-on needs MUSTER_PUBLIC_URL, the address people open Muster at, to build its redirect URI.",
                hint: "Set MUSTER_PUBLIC_URL (e.g. https://muster.example.gov.uk) and register <it>/login/sso/callback at the identity provider."
            )
        }
        var roles = defaultRoles
        if let mapping = value("MUSTER_OIDC_ROLES") {
            roles = [:]
            for pair in mapping.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, let role = StaffRole(rawValue: parts[1].lowercased()) else {
                    throw MusterError(
                        "MUSTER_OIDC_ROLES has \"\(pair)\", which is not VALUE=officer, VALUE=lead or VALUE=admin.",
                        hint: "For example MUSTER_OIDC_ROLES=\"Muster.Officer=officer,Muster.Lead=lead,Muster.Admin=admin\"."
                    )
                }
                roles[parts[0]] = role
            }
        }
        let trimmed = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return SingleSignOnSettings(
            issuer: issuer, clientID: clientID, clientSecret: value("MUSTER_OIDC_CLIENT_SECRET"), redirectURI: trimmed + "/login/sso/callback",
            roleClaim: value("MUSTER_OIDC_ROLE_CLAIM") ?? "roles", roles: roles, label: value("MUSTER_OIDC_LABEL") ?? "your organisation's account"
        )
    }

    /// The highest role the claims' role values map to, or `nil` when none does.
    public func role(for claims: IdentityClaims) -> StaffRole? {
        claims.values(of: roleClaim).compactMap { roles[$0] }.max()
    }

    /// The role values, lowest role first, for a refusal that says what to ask IT for.
    var roleValues: String {
        roles.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key).joined(separator: ", ")
    }
}
