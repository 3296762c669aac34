import Crypto
import Foundation
import MusterCore
import Synchronization
import _CryptoExtras

/// Checks the bearer token the Bot Framework sends with every activity it posts to `/api/messages`
/// (chat-apps.md §1.1). Every check is made, none can be switched off: the token is the only proof an activity
/// came from Microsoft, since the Bot Framework signs no body and shares no secret.
///
/// The signing keys come from the OpenID metadata's `jwks_uri` and are cached: refreshed when a day old, and when a
/// token names an unknown key, at most once an hour, so a flood of made-up key ids cannot become a flood of fetches.
public final class BotFrameworkAuthenticator: Sendable {
    /// How far a token's `exp` and `nbf` may be off, for clocks that disagree: the Bot Framework SDKs allow five minutes.
    public static let leeway: TimeInterval = 300

    private let appID: String
    private let openIDMetadataURL: String
    private let issuer: String
    private let clock: any Clock
    private let fetch: @Sendable (String) async throws -> Data
    private let cache = Mutex(KeyCache())

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
        self.fetch = fetch
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
        let token = try JSONWebToken(compact: try Self.bearerToken(in: authorization))
        guard let algorithm = token.header["alg"] as? String, ["RS256", "RS384", "RS512"].contains(algorithm) else {
            throw .unauthorised("The token's algorithm \(quoted(token.header["alg"])) is not allowed; the Bot Framework signs with RS256.")
        }
        guard let keyID = token.header["kid"] as? String, !keyID.isEmpty else { throw .unauthorised("The token's header names no signing key (kid).") }
        let key = try await signingKey(keyID)
        guard Self.isSigned(token, by: key.publicKey, algorithm: algorithm) else {
            throw .unauthorised("The token's signature does not match the Bot Framework key \(quoted(keyID)).")
        }
        try checkClaims(of: token, serviceURL: serviceURL)
        if let endorsements = key.endorsements, let channelID, !channelID.isEmpty, !endorsements.contains(channelID) {
            throw ChatRejection(status: 403, "The Bot Framework key \(quoted(keyID)) is not endorsed for channel \(quoted(channelID)).")
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

    private static func isSigned(_ token: JSONWebToken, by key: _RSA.Signing.PublicKey, algorithm: String) -> Bool {
        let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
        switch algorithm {
        case "RS384": return key.isValidSignature(signature, for: SHA384.hash(data: token.signingInput), padding: .insecurePKCS1v1_5)
        case "RS512": return key.isValidSignature(signature, for: SHA512.hash(data: token.signingInput), padding: .insecurePKCS1v1_5)
        default: return key.isValidSignature(signature, for: SHA256.hash(data: token.signingInput), padding: .insecurePKCS1v1_5)
        }
    }

    /// The claims of a token whose signature checked out: who issued it, for whom, when, and for which service URL.
    private func checkClaims(of token: JSONWebToken, serviceURL: String?) throws(ChatRejection) {
        guard token.claims["iss"] as? String == issuer else {
            throw .unauthorised("The token's issuer \(quoted(token.claims["iss"])) is not \(quoted(issuer)).")
        }
        let audiences = (token.claims["aud"] as? String).map { [$0] } ?? (token.claims["aud"] as? [Any])?.compactMap { $0 as? String } ?? []
        guard audiences.contains(appID) else {
            throw .unauthorised("The token's audience \(quoted(token.claims["aud"])) is not this bot's app id \(quoted(appID)).")
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
            throw .unauthorised("The token's service URL \(quoted(claimed)) is not the activity's serviceUrl \(quoted(serviceURL)).")
        }
    }

    // MARK: - Keys

    /// What is known of the signing keys; only ever touched under the mutex.
    private struct KeyCache {
        var keys: [String: BotFrameworkSigningKey] = [:]
        /// When the keys were last fetched successfully.
        var refreshedAt: Date?
        /// When the last fetch began, and why it failed, if it did.
        var attemptedAt: Date?
        var failure: String?
        /// When an unknown key id last caused a fetch.
        var unknownKeyFetchAt: Date?
        /// The fetch under way, which concurrent callers wait for rather than starting their own.
        var refreshing: Task<Void, Never>?
    }

    /// How often the keys are refreshed however well they serve: the Bot Framework asks for at least daily.
    private static let maximumAge: TimeInterval = 24 * 3600
    /// How often a token with an unknown key id may cause a fetch, as in the SDKs.
    private static let unknownKeyInterval: TimeInterval = 3600
    /// How long to wait after a failed fetch before trying again, so that requests arriving while the metadata
    /// endpoint is down do not each fetch.
    private static let failureInterval: TimeInterval = 30

    private func signingKey(_ id: String) async throws(ChatRejection) -> BotFrameworkSigningKey {
        let now = clock.now
        let stale = cache.withLock { cache in
            let old = cache.refreshedAt.map { now.timeIntervalSince($0) >= Self.maximumAge } ?? true
            let resting = cache.failure != nil && cache.refreshing == nil && cache.attemptedAt.map { now.timeIntervalSince($0) < Self.failureInterval } ?? false
            return old && !resting
        }
        if stale { await refresh(at: now) }
        let (key, hasKeys, fetchAgain) = cache.withLock { cache -> (BotFrameworkSigningKey?, Bool, Bool) in
            if let key = cache.keys[id] { return (key, true, false) }
            guard !stale, !cache.keys.isEmpty, cache.unknownKeyFetchAt.map({ now.timeIntervalSince($0) >= Self.unknownKeyInterval }) ?? true else {
                return (nil, !cache.keys.isEmpty, false)
            }
            cache.unknownKeyFetchAt = now
            return (nil, true, true)
        }
        if let key { return key }
        guard hasKeys else {
            let failure = cache.withLock { $0.failure } ?? "no keys were found"
            throw .unauthorised("The Bot Framework signing keys could not be fetched from \(openIDMetadataURL) (\(failure)), so no token can be checked.")
        }
        if fetchAgain {
            await refresh(at: now)
            if let key = cache.withLock({ $0.keys[id] }) { return key }
        }
        throw .unauthorised("The token is signed with key \(quoted(id)), which is not in the Bot Framework's key set.")
    }

    /// Fetches the keys, or waits for the fetch already under way; keeps the keys it had when the fetch fails.
    private func refresh(at now: Date) async {
        let task = cache.withLock { cache in
            if let task = cache.refreshing { return task }
            let task = Task { await self.load(at: now) }
            cache.refreshing = task
            return task
        }
        await task.value
    }

    private func load(at now: Date) async {
        var keys: [String: BotFrameworkSigningKey]?
        var failure: String?
        do {
            let keySetURL = try BotFrameworkSigningKey.keySetURL(inMetadata: try await fetch(openIDMetadataURL))
            keys = try BotFrameworkSigningKey.keys(inJWKSet: try await fetch(keySetURL))
        } catch {
            failure = "\(error)"
        }
        cache.withLock { cache in
            cache.attemptedAt = now
            cache.failure = failure
            if let keys {
                cache.keys = keys
                cache.refreshedAt = now
            }
            cache.refreshing = nil
        }
    }
}

/// `value` quoted for a log line: printable ASCII only and at most 80 characters, since it came from a request.
private func quoted(_ value: Any?) -> String {
    guard let value else { return "(none)" }
    let text = (value as? String) ?? (value as? [Any]).map { $0.map { "\($0)" }.joined(separator: ", ") } ?? "\(value)"
    let scalars = text.unicodeScalars
    let safe = scalars.prefix(80).map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
    return "\"" + String(safe) + (scalars.count > 80 ? "…" : "") + "\""
}
