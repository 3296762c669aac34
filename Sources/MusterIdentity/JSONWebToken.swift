import Crypto
import Foundation
import _CryptoExtras

/// A compact JWT (`header.payload.signature`, each part base64url) split and decoded, but not yet trusted.
public struct JSONWebToken: @unchecked Sendable {
    /// The decoded header (`alg`, `kid`, …).
    public let header: [String: Any]
    /// The decoded claims (`iss`, `aud`, `exp`, …).
    public let claims: [String: Any]
    /// The bytes the signature covers: the first two parts as sent, with the dot between them.
    public let signingInput: Data
    /// The raw signature bytes; never empty.
    public let signature: Data

    /// The RSA algorithms accepted. `none` and the HMAC ones never are: a key set holds public keys only.
    public static let algorithms: Set<String> = ["RS256", "RS384", "RS512"]

    /// Reads `compact`; the problem never quotes the token, since a valid one is a credential.
    public init(compact: String) throws(TokenProblem) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw TokenProblem("The token is not a JWT: it should have three dot-separated parts.") }
        guard !parts[2].isEmpty else { throw TokenProblem("The token is unsigned.") }
        guard let header = Self.object(parts[0]) else { throw TokenProblem("The token's header is not base64url JSON.") }
        guard let claims = Self.object(parts[1]) else { throw TokenProblem("The token's claims are not base64url JSON.") }
        guard let signature = Self.base64URLDecoded(parts[2]), !signature.isEmpty else {
            throw TokenProblem("The token's signature is not base64url.")
        }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// The header's `alg` when it is one of ``algorithms``.
    public var algorithm: String? {
        (header["alg"] as? String).flatMap { Self.algorithms.contains($0) ? $0 : nil }
    }

    /// The header's `kid`, when it names one.
    public var keyID: String? {
        (header["kid"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The claim `name` as a number of seconds since 1970, when it is one.
    public func date(_ name: String) -> Date? {
        guard let number = claims[name] as? NSNumber else { return nil }
        let seconds = number.doubleValue
        return seconds.isFinite ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// The `aud` claim as a list: a token may name one audience or several.
    public var audiences: [String] {
        (claims["aud"] as? String).map { [$0] } ?? (claims["aud"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// Whether `key` made the signature with the header's algorithm (RSASSA-PKCS1-v1_5, as JWS RS* is).
    public func isSigned(by key: _RSA.Signing.PublicKey) -> Bool {
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        switch algorithm {
        case "RS256": return key.isValidSignature(signature, for: SHA256.hash(data: signingInput), padding: .insecurePKCS1v1_5)
        case "RS384": return key.isValidSignature(signature, for: SHA384.hash(data: signingInput), padding: .insecurePKCS1v1_5)
        case "RS512": return key.isValidSignature(signature, for: SHA512.hash(data: signingInput), padding: .insecurePKCS1v1_5)
        default: return false
        }
    }

    private static func object(_ part: Substring) -> [String: Any]? {
        guard let data = base64URLDecoded(part) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Base64url without padding (RFC 7515 §2), as JWTs and JWKs carry binary values.
    public static func base64URLDecoded(_ text: some StringProtocol) -> Data? {
        guard !text.contains("=") else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard base64.count % 4 != 1 else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// Base64url without padding, the other way.
    public static func base64URLEncoded(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
