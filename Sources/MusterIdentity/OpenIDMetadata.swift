import Foundation

/// The parts of an OpenID Provider's metadata (`/.well-known/openid-configuration`, OpenID Connect Discovery §3)
/// that Muster uses.
public struct OpenIDMetadata: Sendable, Equatable {
    /// The provider's issuer identifier, which its ID tokens carry as `iss`.
    public var issuer: String?
    /// Where a browser is sent to sign in.
    public var authorizationEndpoint: String?
    /// Where an authorization code is exchanged for tokens.
    public var tokenEndpoint: String?
    /// The JWK set of the keys its tokens are signed with.
    public var keySetURL: String
    /// Whether it says it supports PKCE with S256; `nil` when it does not say (many providers do not).
    public var supportsS256: Bool?

    /// Reads a metadata document; only `jwks_uri` is required here (the Bot Framework's names nothing else useful).
    public init(_ data: Data) throws(TokenProblem) {
        guard let document = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let keySetURL = document["jwks_uri"] as? String, !keySetURL.isEmpty
        else { throw TokenProblem("the OpenID metadata is not JSON with a \"jwks_uri\"") }
        self.keySetURL = keySetURL
        issuer = document["issuer"] as? String
        authorizationEndpoint = document["authorization_endpoint"] as? String
        tokenEndpoint = document["token_endpoint"] as? String
        supportsS256 = (document["code_challenge_methods_supported"] as? [Any]).map { $0.contains { $0 as? String == "S256" } }
    }
}
