import Foundation
import MusterCore
import MusterIdentity

/// Checks the bearer token the Bot Framework sends with every activity it posts to `/api/messages`
/// (chat-apps.md §1.1). Every check is made, none can be switched off: the token is the only proof an activity
/// came from Microsoft, since the Bot Framework signs no body and shares no secret.
///
/// The signing keys come from the OpenID metadata's `jwks_uri`, cached as ``OpenIDKeySet`` caches them.
public final class BotFrameworkAuthenticator: Sendable {
    /// How far a token's `exp` and `nbf` may be off, for clocks that disagree: the Bot Framework SDKs allow five minutes.
    public static let leeway: TimeInterval = 300

    private let appID: String
    private let openIDMetadataURL: String
    private let issuer: String
    private let clock: any Clock
    private let keySet: OpenIDKeySet

    /// Creates an authenticator.
    /// - Parameters:
    ///   - appID: the bot's Microsoft App ID, which every token's `aud` must name.
    ///   - openIDMetadataURL: the OpenID metadata document whose `jwks_uri` lists the signing keys.
    ///   - issuer: the `iss` every token must carry, exactly (`https://api.botframework.com`).
    ///   - clock: the time tokens are checked against.
    ///   - fetch: reads a URL's body; it throws for a failure or a non-2xx answer.
    public init(appID: String, openIDMetadataURL: String, issuer: String, clock: any Clock, fetch: @escaping @Sendable (String) async throws -> Data) {
        self.appID = appID
        self.openIDMetadataURL = openIDMetadataURL
        self.issuer = issuer
        self.clock = clock
        keySet = OpenIDKeySet(metadataURL: openIDMetadataURL, clock: clock, fetch: fetch)
    }

    /// Throws unless `authorization` carries a token the Bot Framework signed for this bot, for this activity.
    ///
    /// Throws ``ChatRejection/unauthorised(_:)`` (401) for a missing or malformed header, an unknown key, a bad
    /// signature, the wrong `iss` or `aud`, a token expired or not yet valid (beyond ``leeway``), or a `serviceurl`
    /// claim that is not `serviceURL`; a 403 when the key is not endorsed for `channelID`. The reason is written for
    /// an administrator reading the log and never quotes the token.
    /// - Parameters:
    ///   - authorization: the request's `Authorization` header.
    ///   - serviceURL: the activity's `serviceUrl`, which the token must name.
    ///   - channelID: the activity's `channelId` (`msteams`), which the signing key must be endorsed for.
    public func verify(authorization: String?, serviceURL: String?, channelID: String?) async throws(ChatRejection) {
        let compact = try Self.bearerToken(in: authorization)
        let token: JSONWebToken
        do {
            token = try JSONWebToken(compact: compact)
        } catch {
            throw .unauthorised(error.description)
        }
        guard let algorithm = token.algorithm else {
            throw .unauthorised("The token's algorithm \(quotedForLog(token.header["alg"])) is not allowed; the Bot Framework signs with RS256.")
        }
        guard let keyID = token.keyID else { throw .unauthorised("The token's header names no signing key (kid).") }
        let key = try await signingKey(keyID)
        guard token.isSigned(by: key.publicKey) else {
            throw .unauthorised("The token's signature (\(algorithm)) does not match the Bot Framework key \(quotedForLog(keyID)).")
        }
        try checkClaims(of: token, serviceURL: serviceURL)
        if let endorsements = key.endorsements, let channelID, !channelID.isEmpty, !endorsements.contains(channelID) {
            throw ChatRejection(status: 403, "The Bot Framework key \(quotedForLog(keyID)) is not endorsed for channel \(quotedForLog(channelID)).")
        }
    }

    /// The token in an `Authorization: Bearer <token>` header: exactly one space, as the SDKs require.
    private static func bearerToken(in authorization: String?) throws(ChatRejection) -> String {
        guard let authorization, !authorization.isEmpty else {
            throw .unauthorised("The request has no Authorization header; the Bot Framework always sends a Bearer token.")
        }
        let parts = authorization.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "Bearer", !parts[1].isEmpty else {
            throw .unauthorised("The Authorization header is not \"Bearer <token>\".")
        }
        return String(parts[1])
    }

    /// The claims of a token whose signature checked out: who issued it, for whom, when, and for which service URL.
    private func checkClaims(of token: JSONWebToken, serviceURL: String?) throws(ChatRejection) {
        guard token.claims["iss"] as? String == issuer else {
            throw .unauthorised("The token's issuer \(quotedForLog(token.claims["iss"])) is not \(quotedForLog(issuer)).")
        }
        guard token.audiences.contains(appID) else {
            throw .unauthorised("The token's audience \(quotedForLog(token.claims["aud"])) is not this bot's app id \(quotedForLog(appID)).")
        }
        let now = clock.now
        guard let expiry = token.date("exp") else { throw .unauthorised("The token has no expiry (exp).") }
        guard now <= expiry.addingTimeInterval(Self.leeway) else {
            throw .unauthorised("The token expired at \(expiry.formatted(.iso8601)); it is now \(now.formatted(.iso8601)).")
        }
        if token.claims["nbf"] != nil {
            guard let start = token.date("nbf") else { throw .unauthorised("The token's not-before time (nbf) is not a number.") }
            guard now >= start.addingTimeInterval(-Self.leeway) else {
                throw .unauthorised("The token is not valid until \(start.formatted(.iso8601)); it is now \(now.formatted(.iso8601)).")
            }
        }
        let claimed = token.claims["serviceurl"] ?? token.claims["serviceUrl"]
        guard let claimed = claimed as? String, let serviceURL, claimed == serviceURL else {
            throw .unauthorised("The token's service URL \(quotedForLog(claimed)) is not the activity's serviceUrl \(quotedForLog(serviceURL)).")
        }
    }

    // MARK: - Keys

    private func signingKey(_ id: String) async throws(ChatRejection) -> SigningKey {
        do {
            return try await keySet.key(id)
        } catch .unavailable(let failure) {
            throw .unauthorised("The Bot Framework signing keys could not be fetched from \(openIDMetadataURL) (\(failure)), so no token can be checked.")
        } catch {
            throw .unauthorised("The token is signed with key \(quotedForLog(id)), which is not in the Bot Framework's key set.")
        }
    }
}
