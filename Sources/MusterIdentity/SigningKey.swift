import Foundation
import _CryptoExtras

/// One RSA public key from a JWK set, with the channels it is endorsed for where the set says (the Bot Framework's).
public struct SigningKey: Sendable {
    /// The key's id, matched against a token header's `kid`.
    public let id: String
    /// The public key built from the JWK's `n` and `e`.
    public let publicKey: _RSA.Signing.PublicKey
    /// The channel ids (`msteams`, …) the key is endorsed for; `nil` when the JWK has no `endorsements` array.
    public let endorsements: [String]?

    /// The usable keys in a JWK set document (`{"keys": [...]}`), by id. Keys without `kid`, `n` or `e`, or whose
    /// `kty` is not RSA, are skipped: a set may hold other kinds of key that the tokens Muster checks never use.
    public static func keys(inJWKSet data: Data) throws(TokenProblem) -> [String: SigningKey] {
        guard let document = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let entries = document["keys"] as? [[String: Any]]
        else { throw TokenProblem("the key set is not JSON with a \"keys\" array") }
        var keys: [String: SigningKey] = [:]
        for entry in entries {
            guard (entry["kty"] as? String).map({ $0 == "RSA" }) ?? true,
                let id = entry["kid"] as? String,
                let n = (entry["n"] as? String).flatMap(JSONWebToken.base64URLDecoded),
                let e = (entry["e"] as? String).flatMap(JSONWebToken.base64URLDecoded),
                let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e)
            else { continue }
            let endorsements = (entry["endorsements"] as? [Any])?.compactMap { $0 as? String }
            keys[id] = SigningKey(id: id, publicKey: publicKey, endorsements: endorsements)
        }
        guard !keys.isEmpty else { throw TokenProblem("the key set holds no usable RSA key") }
        return keys
    }
}
