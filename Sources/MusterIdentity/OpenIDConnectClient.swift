import Foundation
import MusterCore
import Synchronization

/// Signing in through an organisation's identity provider with OpenID Connect: the authorization code flow with
/// PKCE (S256), the provider found by discovery, the ID token checked against its published keys.
///
/// Every check the ID token gets (OpenID Connect Core §3.1.3.7): an RS256/384/512 signature by a key in the
/// provider's set, `iss` exactly the configured issuer, `aud` naming this client (and `azp` it when there are
/// several), `exp` not past and `iat` not ahead (each with two minutes' leeway), and `nonce` the one this sign-in
/// sent. The token is read from the provider's token endpoint over TLS, as the spec allows, but is checked anyway.
public final class OpenIDConnectClient: Sendable {
    /// How far the provider's clock may be from ours.
    public static let leeway: TimeInterval = 120

    /// The issuer identifier (Entra ID: `https://login.microsoftonline.com/TENANT/v2.0`).
    public let issuer: String
    /// This application's client id at the provider.
    public let clientID: String
    private let clientSecret: String?
    private let clock: any Clock
    private let fetch: @Sendable (String) async throws -> Data
    private let postForm: @Sendable (_ url: String, _ formBody: Data) async throws -> (status: Int, body: Data)
    private let keySet: OpenIDKeySet
    private let discovered = Mutex<OpenIDMetadata?>(nil)

    /// A client of the provider at `issuer`.
    /// - Parameters:
    ///   - clientSecret: the client secret, sent in the code exchange (`client_secret_post`); `nil` for a public client.
    ///   - fetch: reads a URL's body; it throws for a failure or a non-2xx answer.
    ///   - postForm: POSTs an `application/x-www-form-urlencoded` body and returns the status and body, whatever the status.
    public init(
        issuer: String, clientID: String, clientSecret: String?, clock: any Clock, fetch: @escaping @Sendable (String) async throws -> Data,
        postForm: @escaping @Sendable (_ url: String, _ formBody: Data) async throws -> (status: Int, body: Data)
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clock = clock
        self.fetch = fetch
        self.postForm = postForm
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        keySet = OpenIDKeySet(metadataURL: trimmed + "/.well-known/openid-configuration", clock: clock, fetch: fetch)
    }

    /// The provider's metadata, fetched once it is first needed and kept; its `issuer` must be the configured one.
    public func metadata() async throws(TokenProblem) -> OpenIDMetadata {
        if let known = discovered.withLock({ $0 }) { return known }
        let url = keySet.metadataURL
        let metadata: OpenIDMetadata
        do {
            metadata = try OpenIDMetadata(try await fetch(url))
        } catch {
            throw TokenProblem("The identity provider's metadata could not be read from \(url): \(error)")
        }
        guard metadata.issuer == issuer else {
            throw TokenProblem("The identity provider at \(url) calls itself \(quotedForLog(metadata.issuer)), not the configured issuer \(quotedForLog(issuer)).")
        }
        guard metadata.authorizationEndpoint != nil, metadata.tokenEndpoint != nil else {
            throw TokenProblem("The identity provider's metadata at \(url) names no authorization or token endpoint.")
        }
        if metadata.supportsS256 == false {
            throw TokenProblem("The identity provider at \(url) does not support PKCE with S256, which Muster requires.")
        }
        discovered.withLock { $0 = metadata }
        return metadata
    }

    /// Where to send the browser to sign in, asking for the code to come back to `redirectURI`.
    public func authorizationURL(redirectURI: String, challenge: SignInChallenge) async throws(TokenProblem) -> String {
        let endpoint = try await metadata().authorizationEndpoint!
        var components = URLComponents(string: endpoint)
        guard components != nil else { throw TokenProblem("The identity provider's authorization endpoint \(quotedForLog(endpoint)) is not a URL.") }
        components!.queryItems = (components!.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI), URLQueryItem(name: "scope", value: "openid profile email"),
            URLQueryItem(name: "state", value: challenge.state), URLQueryItem(name: "nonce", value: challenge.nonce),
            URLQueryItem(name: "code_challenge", value: challenge.codeChallenge), URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        // URLComponents leaves "+" alone in a query, where a server reads it as a space.
        components!.percentEncodedQuery = components!.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components!.string else { throw TokenProblem("The authorization URL could not be built from \(quotedForLog(endpoint)).") }
        return url
    }

    /// Exchanges the code the browser brought back for an ID token, checks it, and returns its claims.
    public func signIn(code: String, challenge: SignInChallenge, redirectURI: String) async throws(TokenProblem) -> IdentityClaims {
        let endpoint = try await metadata().tokenEndpoint!
        var form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("client_id", clientID),
            ("code_verifier", challenge.verifier),
        ]
        if let clientSecret { form.append(("client_secret", clientSecret)) }
        let answer: (status: Int, body: Data)
        do {
            answer = try await postForm(endpoint, FormEncoding.body(form))
        } catch {
            throw TokenProblem("The identity provider's token endpoint could not be reached: \(error)")
        }
        let document = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any]
        guard answer.status == 200 else {
            let reason = [document?["error"], document?["error_description"]].compactMap { $0 as? String }.joined(separator: ": ")
            throw TokenProblem("The identity provider refused the sign-in code (HTTP \(answer.status)\(reason.isEmpty ? "" : ", \(quotedForLog(reason))")).")
        }
        guard let idToken = document?["id_token"] as? String else { throw TokenProblem("The identity provider's answer holds no ID token.") }
        return try await verify(idToken: idToken, nonce: challenge.nonce)
    }

    /// The claims of an ID token, once every check has passed.
    public func verify(idToken: String, nonce: String) async throws(TokenProblem) -> IdentityClaims {
        let token = try JSONWebToken(compact: idToken)
        guard let algorithm = token.algorithm else {
            throw TokenProblem("The ID token's algorithm \(quotedForLog(token.header["alg"])) is not allowed; Muster accepts RS256, RS384 and RS512.")
        }
        guard let keyID = token.keyID else { throw TokenProblem("The ID token's header names no signing key (kid).") }
        let key: SigningKey
        do {
            key = try await keySet.key(keyID)
        } catch .unavailable(let failure) {
            throw TokenProblem("The identity provider's signing keys could not be fetched (\(failure)), so no sign-in can be checked.")
        } catch {
            throw TokenProblem("The ID token is signed with key \(quotedForLog(keyID)), which is not in the identity provider's key set.")
        }
        guard token.isSigned(by: key.publicKey) else {
            throw TokenProblem("The ID token's signature (\(algorithm)) does not match the identity provider's key \(quotedForLog(keyID)).")
        }
        guard token.claims["iss"] as? String == issuer else {
            throw TokenProblem("The ID token's issuer \(quotedForLog(token.claims["iss"])) is not \(quotedForLog(issuer)).")
        }
        let audiences = token.audiences
        guard audiences.contains(clientID) else {
            throw TokenProblem("The ID token is for \(quotedForLog(token.claims["aud"])), not this application (\(quotedForLog(clientID))).")
        }
        if audiences.count > 1, token.claims["azp"] as? String != clientID {
            throw TokenProblem("The ID token names several audiences and its authorised party \(quotedForLog(token.claims["azp"])) is not this application.")
        }
        let now = clock.now
        guard let expiry = token.date("exp") else { throw TokenProblem("The ID token has no expiry (exp).") }
        guard now <= expiry.addingTimeInterval(Self.leeway) else {
            throw TokenProblem("The ID token expired at \(expiry.formatted(.iso8601)); it is now \(now.formatted(.iso8601)).")
        }
        guard let issued = token.date("iat") else { throw TokenProblem("The ID token has no issue time (iat).") }
        guard issued <= now.addingTimeInterval(Self.leeway) else {
            throw TokenProblem("The ID token says it was issued at \(issued.formatted(.iso8601)), after now (\(now.formatted(.iso8601))).")
        }
        guard let sent = token.claims["nonce"] as? String, sent == nonce else {
            throw TokenProblem("The ID token's nonce is not the one this sign-in sent: it was issued for another sign-in.")
        }
        guard let claims = IdentityClaims(token.claims) else { throw TokenProblem("The ID token names no subject (sub).") }
        return claims
    }
}
