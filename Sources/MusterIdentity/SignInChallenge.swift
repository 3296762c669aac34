import Crypto
import Foundation

/// The random values one sign-in through an identity provider carries (RFC 7636 PKCE, and OpenID Connect's `state`
/// and `nonce`): made when the browser is sent to the provider, checked when it comes back.
public struct SignInChallenge: Sendable, Equatable {
    /// Echoed back in the redirect: ties the answer to the browser that asked (CSRF).
    public let state: String
    /// Echoed in the ID token: ties the token to this sign-in (replay).
    public let nonce: String
    /// The PKCE code verifier, sent only with the code exchange.
    public let verifier: String

    /// New random values, 256 bits each.
    public init() {
        state = Self.random()
        nonce = Self.random()
        verifier = Self.random()
    }

    /// Values kept from earlier (read back from the browser's cookie).
    public init(state: String, nonce: String, verifier: String) {
        self.state = state
        self.nonce = nonce
        self.verifier = verifier
    }

    /// The PKCE `code_challenge` for the verifier, S256: base64url(SHA-256(verifier)).
    public var codeChallenge: String {
        JSONWebToken.base64URLEncoded(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// The three values as one cookie value, and back. Base64url never contains the separator.
    public var packed: String { [state, nonce, verifier].joined(separator: "~") }

    /// Reads a `packed` value; `nil` unless it has three non-empty parts.
    public init?(packed: String) {
        let parts = packed.split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 128 }) else { return nil }
        self.init(state: parts[0], nonce: parts[1], verifier: parts[2])
    }

    private static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return JSONWebToken.base64URLEncoded(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}
