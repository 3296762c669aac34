import Foundation

/// A compact JWT (`header.payload.signature`, each part base64url) split and decoded, but not yet trusted.
struct JSONWebToken {
    /// The decoded header (`alg`, `kid`, …).
    let header: [String: Any]
    /// The decoded claims (`iss`, `aud`, `exp`, …).
    let claims: [String: Any]
    /// The bytes the signature covers: the first two parts as sent, with the dot between them.
    let signingInput: Data
    /// The raw signature bytes; never empty.
    let signature: Data

    /// Reads `compact`; the rejection never quotes the token, since a valid one is a credential.
    init(compact: String) throws(ChatRejection) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .unauthorised("The bearer token is not a JWT: it should have three dot-separated parts.") }
        guard !parts[2].isEmpty else { throw .unauthorised("The bearer token is unsigned.") }
        guard let header = Self.object(parts[0]) else { throw .unauthorised("The bearer token's header is not base64url JSON.") }
        guard let claims = Self.object(parts[1]) else { throw .unauthorised("The bearer token's claims are not base64url JSON.") }
        guard let signature = Self.base64URLDecoded(parts[2]), !signature.isEmpty else {
            throw .unauthorised("The bearer token's signature is not base64url.")
        }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// The claim `name` as a number of seconds since 1970, when it is one.
    func date(_ name: String) -> Date? {
        guard let number = claims[name] as? NSNumber else { return nil }
        let seconds = number.doubleValue
        return seconds.isFinite ? Date(timeIntervalSince1970: seconds) : nil
    }

    private static func object(_ part: Substring) -> [String: Any]? {
        guard let data = base64URLDecoded(part) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Base64url without padding (RFC 7515 §2), as JWTs and JWKs carry binary values.
    static func base64URLDecoded(_ text: some StringProtocol) -> Data? {
        guard !text.contains("=") else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard base64.count % 4 != 1 else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
