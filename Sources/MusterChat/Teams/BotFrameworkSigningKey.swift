import Foundation
import _CryptoExtras

/// One RSA key from the Bot Framework's JWK set, with the channels that key speaks for.
struct BotFrameworkSigningKey: Sendable {
    /// The key's id, matched against a token header's `kid`.
    let id: String
    /// The public key built from the JWK's `n` and `e`.
    let publicKey: _RSA.Signing.PublicKey
    /// The channel ids (`msteams`, …) the key is endorsed for; `nil` when the JWK has no `endorsements` array.
    let endorsements: [String]?

    /// The usable keys in a JWK set document (`{"keys": [...]}`), by id. Keys without `kid`, `n` or `e`, or whose
    /// `kty` is not RSA, are skipped: the set may hold other kinds of key that Bot Framework tokens never use.
    static func keys(inJWKSet data: Data) throws(KeyFetchFailure) -> [String: BotFrameworkSigningKey] {
        guard let document = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let entries = document["keys"] as? [[String: Any]]
        else { throw KeyFetchFailure("the key set is not JSON with a \"keys\" array") }
        var keys: [String: BotFrameworkSigningKey] = [:]
        for entry in entries {
            guard (entry["kty"] as? String).map({ $0 == "RSA" }) ?? true,
                let id = entry["kid"] as? String,
                let n = (entry["n"] as? String).flatMap(JSONWebToken.base64URLDecoded),
                let e = (entry["e"] as? String).flatMap(JSONWebToken.base64URLDecoded),
                let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e)
            else { continue }
            let endorsements = (entry["endorsements"] as? [Any])?.compactMap { $0 as? String }
            keys[id] = BotFrameworkSigningKey(id: id, publicKey: publicKey, endorsements: endorsements)
        }
        guard !keys.isEmpty else { throw KeyFetchFailure("the key set holds no usable RSA key") }
        return keys
    }

    /// The `jwks_uri` of an OpenID metadata document.
    static func keySetURL(inMetadata data: Data) throws(KeyFetchFailure) -> String {
        guard let document = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let url = document["jwks_uri"] as? String, !url.isEmpty
        else { throw KeyFetchFailure("the OpenID metadata is not JSON with a \"jwks_uri\"") }
        return url
    }
}

/// Why the signing keys could not be fetched, in words for the log.
struct KeyFetchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
