import Crypto
import Foundation
import MusterChat
import MusterCore
import Synchronization
import Testing
import _CryptoExtras

/// The Bot Framework's inbound token checks (chat-apps.md §1.1) and Muster's outbound client-credentials token
/// (§1.2), against a key minted here and a fake OpenID metadata endpoint.
@Suite("Bot Framework authentication")
struct BotFrameworkAuthTests {
    static let appID = "8a0a7c9e-5b1d-4e0f-9c33-1f2e3d4c5b6a"
    static let issuer = "https://api.botframework.com"
    static let serviceURL = "https://smba.trafficmanager.net/teams/"
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    // Keys are slow to make in a debug build, so two serve every test; a failure is a test failure, not a crash.
    static let keys = Result { try _RSA.Signing.PrivateKey(keySize: .bits2048) }
    static let otherKeys = Result { try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    let key: _RSA.Signing.PrivateKey
    let otherKey: _RSA.Signing.PrivateKey
    let clock = SteppingClock(BotFrameworkAuthTests.start)
    let server: FakeKeyServer
    let authenticator: BotFrameworkAuthenticator

    init() throws {
        key = try Self.keys.get()
        otherKey = try Self.otherKeys.get()
        server = FakeKeyServer(keys: [try FakeKeyServer.jwk(key, id: "k1", endorsements: ["msteams", "webchat"])])
        let server = server
        authenticator = BotFrameworkAuthenticator(
            appID: Self.appID, openIDMetadataURL: FakeKeyServer.metadataURL, issuer: Self.issuer, clock: clock,
            fetch: { try await server.fetch($0) })
    }

    // MARK: Helpers

    /// Claims that pass, with `changes` applied (a `nil` value removes the claim).
    func claims(_ changes: [String: Any?] = [:]) -> [String: Any] {
        let now = clock.now.timeIntervalSince1970
        var claims: [String: Any] = [
            "iss": Self.issuer, "aud": Self.appID, "nbf": now - 10, "exp": now + 3600, "serviceurl": Self.serviceURL,
        ]
        for (name, value) in changes { claims[name] = value }
        return claims
    }

    /// A compact JWT over `header` and `claims`, signed RS256 by `signer` (the test key unless given).
    func token(header: [String: Any] = ["alg": "RS256", "kid": "k1", "typ": "JWT"], _ claims: [String: Any], signer: _RSA.Signing.PrivateKey? = nil) throws -> String {
        let input = base64URL(try JSONSerialization.data(withJSONObject: header)) + "." + base64URL(try JSONSerialization.data(withJSONObject: claims))
        let signature = try (signer ?? key).signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + base64URL(signature.rawRepresentation)
    }

    /// The rejection `verify` throws for `authorization`, or `nil` when the token is accepted.
    func rejection(_ authorization: String?, serviceURL: String? = BotFrameworkAuthTests.serviceURL, channelID: String? = "msteams") async -> ChatRejection? {
        do throws(ChatRejection) {
            try await authenticator.verify(authorization: authorization, serviceURL: serviceURL, channelID: channelID)
            return nil
        } catch {
            return error
        }
    }

    func bearer(_ changes: [String: Any?] = [:]) throws -> String {
        "Bearer " + (try token(claims(changes)))
    }

    // MARK: Inbound tokens

    @Test("A token the Bot Framework signed for this bot and this service URL is accepted")
    func goodToken() async throws {
        #expect(await rejection(try bearer()) == nil)
        #expect(await rejection(try bearer()) == nil)
        #expect(server.fetches == [FakeKeyServer.metadataURL, FakeKeyServer.keysURL], "the keys are fetched once and cached")
    }

    @Test("An audience array naming this bot is accepted; the serviceUrl spelling of the claim too")
    func claimVariants() async throws {
        #expect(await rejection(try bearer(["aud": ["https://other", Self.appID]])) == nil)
        #expect(await rejection(try bearer(["serviceurl": nil, "serviceUrl": Self.serviceURL])) == nil)
    }

    @Test("exp has 300 s of leeway: 4 minutes past is accepted, 6 minutes past is not")
    func expiry() async throws {
        let now = clock.now.timeIntervalSince1970
        #expect(await rejection(try bearer(["exp": now - 240])) == nil)
        let expired = try #require(await rejection(try bearer(["exp": now - 360])))
        #expect(expired.status == 401)
        #expect(expired.reason.contains("expired at 2025-12-31T23:54:00Z"))
        #expect(await rejection(try bearer(["exp": nil]))?.status == 401)
    }

    @Test("nbf has 300 s of leeway: 4 minutes ahead is accepted, 6 minutes ahead is not")
    func notBefore() async throws {
        let now = clock.now.timeIntervalSince1970
        #expect(await rejection(try bearer(["nbf": now + 240])) == nil)
        #expect(await rejection(try bearer(["nbf": now + 360]))?.reason.contains("not valid until") == true)
    }

    @Test("The wrong audience, issuer or service URL is refused with a reason an admin can act on")
    func wrongClaims() async throws {
        let audience = try #require(await rejection(try bearer(["aud": "11111111-2222-3333-4444-555555555555"])))
        #expect(audience.status == 401)
        #expect(audience.reason.contains("is not this bot's app id"))
        #expect(await rejection(try bearer(["aud": nil]))?.status == 401)
        let issuer = try #require(await rejection(try bearer(["iss": "https://sts.windows.net/evil/"])))
        #expect(issuer.status == 401)
        #expect(issuer.reason.contains("issuer"))
        let service = try #require(await rejection(try bearer(["serviceurl": "https://smba.trafficmanager.net/emea/"])))
        #expect(service.status == 401)
        #expect(service.reason.contains("service URL"))
        #expect(await rejection(try bearer(["serviceurl": nil]))?.status == 401)
        #expect(await rejection(try bearer(), serviceURL: nil)?.status == 401)
        #expect(await rejection(try bearer(), serviceURL: "https://smba.trafficmanager.net/teams")?.status == 401, "no normalising of the trailing /")
    }

    @Test("Unsigned tokens are refused: alg none, an empty signature, a missing signature part")
    func unsigned() async throws {
        let signed = try token(claims())
        let input = signed.split(separator: ".").prefix(2).joined(separator: ".")
        let none = base64URL(try JSONSerialization.data(withJSONObject: ["alg": "none", "kid": "k1"])) + "." + input.split(separator: ".")[1]
        for candidate in [none + ".", none + "." + signed.split(separator: ".")[2], input + ".", input, try token(header: ["alg": "HS256", "kid": "k1"], claims())] {
            let refusal = await rejection("Bearer " + candidate)
            #expect(refusal?.status == 401)
            #expect(refusal?.reason.contains(candidate) == false, "the token is never quoted")
        }
    }

    @Test("A signature by another key under the same kid, or over altered claims, is refused")
    func forged() async throws {
        let forged = try #require(await rejection("Bearer " + (try token(claims(), signer: otherKey))))
        #expect(forged.status == 401)
        #expect(forged.reason.contains("signature"))
        let parts = try token(claims()).split(separator: ".")
        let altered = base64URL(try JSONSerialization.data(withJSONObject: claims(["aud": Self.appID, "serviceurl": "https://evil.example/"])))
        #expect(await rejection("Bearer \(parts[0]).\(altered).\(parts[2])")?.status == 401)
    }

    @Test("An unknown kid refetches the keys at most once an hour, and a rotated key is then found")
    func unknownKeyID() async throws {
        #expect(await rejection(try bearer()) == nil)
        #expect(server.fetches.count == 2)
        let first = try #require(await rejection("Bearer " + (try token(header: ["alg": "RS256", "kid": "random-1"], claims()))))
        #expect(first.status == 401)
        #expect(first.reason.contains("random-1"))
        #expect(server.fetches.count == 4, "the first unknown kid refetches")
        #expect(await rejection("Bearer " + (try token(header: ["alg": "RS256", "kid": "random-2"], claims())))?.status == 401)
        #expect(server.fetches.count == 4, "a second unknown kid within the hour does not")
        clock.advance(by: 3601)
        server.serve([try FakeKeyServer.jwk(key, id: "k1", endorsements: ["msteams"]), try FakeKeyServer.jwk(otherKey, id: "k2", endorsements: ["msteams"])])
        #expect(await rejection("Bearer " + (try token(header: ["alg": "RS256", "kid": "k2"], claims(), signer: otherKey))) == nil)
        #expect(server.fetches.count == 6, "after an hour it does, and finds the new key")
    }

    @Test("The keys are refetched when a day old, and kept when a refetch fails")
    func dailyRefresh() async throws {
        #expect(await rejection(try bearer()) == nil)
        clock.advance(by: 24 * 3600)
        server.failing = true
        #expect(await rejection(try bearer()) == nil, "the cached keys still serve")
        #expect(server.fetches.count == 3)
        server.failing = false
        clock.advance(by: 60)
        #expect(await rejection(try bearer()) == nil)
        #expect(server.fetches.count == 5)
    }

    @Test("With no keys and an unreachable endpoint, tokens are refused with a reason saying so")
    func keysUnavailable() async throws {
        server.failing = true
        let refusal = try #require(await rejection(try bearer()))
        #expect(refusal.status == 401)
        #expect(refusal.reason.contains("could not be fetched"))
        #expect(await rejection(try bearer())?.status == 401)
        #expect(server.fetches.count == 1, "a second request straight after a failure does not fetch again")
    }

    @Test("Requests arriving together share one fetch of the keys")
    func concurrentFirstRequests() async throws {
        let header = try bearer()
        let authenticator = authenticator
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { try? await authenticator.verify(authorization: header, serviceURL: Self.serviceURL, channelID: "msteams") }
            }
        }
        #expect(server.fetches.count == 2)
    }

    @Test("A key not endorsed for the activity's channel is refused with 403")
    func endorsement() async throws {
        let refusal = try #require(await rejection(try bearer(), channelID: "slack"))
        #expect(refusal.status == 403)
        #expect(refusal.reason.contains("slack"))
        #expect(await rejection(try bearer(), channelID: nil) == nil, "an activity without a channelId asserts no endorsement, as in the SDKs")
    }

    @Test("Malformed Authorization headers are refused with 401", arguments: [
        nil, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "bearer abc.def.ghi", "Bearer  abc.def.ghi", "Bearer a b", "garbage",
        "Bearer not-a-jwt", "Bearer !!.??.**", "Bearer e30.e30.e30", "Bearer a.b.c.d",
    ])
    func malformedHeader(_ authorization: String?) async throws {
        #expect(await rejection(authorization)?.status == 401)
    }

    @Test("Two spaces after Bearer are refused even around a good token")
    func twoSpaces() async throws {
        #expect(await rejection("Bearer  " + (try token(claims())))?.status == 401)
        #expect(server.fetches.isEmpty, "a malformed header fetches nothing")
    }

    // MARK: Outbound tokens

    @Test("The client-credentials token is requested once, cached, and renewed within 5 minutes of expiry")
    func tokenCaching() throws {
        let endpoint = FakeTokenEndpoint()
        let client = endpoint.client(clock: clock)
        #expect(try client.token() == "token-1")
        for _ in 0..<5 { #expect(try client.token() == "token-1") }
        #expect(endpoint.bodies.count == 1)
        #expect(endpoint.bodies[0] == "grant_type=client_credentials&client_id=\(Self.appID)&client_secret=s3cr%2Bt%2Fwith%3Aodd%3Dchars%20x"
            + "&scope=https%3A%2F%2Fapi.botframework.com%2F.default")
        clock.advance(by: 3600 - 301)
        #expect(try client.token() == "token-1")
        clock.advance(by: 2)
        #expect(try client.token() == "token-2", "within 5 minutes of expiry a new token is fetched")
        client.invalidate()
        #expect(try client.token() == "token-3")
        #expect(endpoint.bodies.count == 3)
    }

    @Test("Threads asking at once make one token request")
    func tokenConcurrency() async throws {
        let endpoint = FakeTokenEndpoint()
        let client = endpoint.client(clock: clock)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try? client.token() } }
        }
        #expect(endpoint.bodies.count == 1)
    }

    @Test("A refusal names the status and Microsoft's error but never the secret")
    func tokenRefusal() throws {
        let endpoint = FakeTokenEndpoint()
        endpoint.answer = (401, #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided (s3cr+t/with:odd=chars x)."}"#)
        let client = endpoint.client(clock: clock)
        let error = try #require(throws: MicrosoftTokenError.self) { try client.token() }
        let text = "\(error)"
        #expect(text.contains("401"))
        #expect(text.contains("invalid_client"))
        #expect(text.contains("AADSTS7000215"))
        #expect(!text.contains("s3cr"))
        endpoint.answer = (200, #"{"token_type":"Bearer"}"#)
        #expect(throws: MicrosoftTokenError.self) { try client.token() }
        endpoint.answer = nil
        #expect(throws: MicrosoftTokenError.self) { try client.token() }
    }
}

/// A clock that tests move forward by hand.
final class SteppingClock: Clock {
    private let instant: Mutex<Date>

    init(_ start: Date) {
        instant = Mutex(start)
    }

    var now: Date { instant.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        instant.withLock { $0 += seconds }
    }
}

/// The Bot Framework's OpenID metadata and key set, counting fetches.
final class FakeKeyServer: Sendable {
    static let metadataURL = "https://login.test/v1/.well-known/openidconfiguration"
    static let keysURL = "https://login.test/v1/.well-known/keys"

    /// The key set as served, the scripted failure, and every URL fetched.
    private let state: Mutex<(keySet: Data, failing: Bool, fetches: [String])>

    init(keys: [[String: Any]]) {
        state = Mutex((Self.keySet(keys), false, []))
    }

    var fetches: [String] { state.withLock { $0.fetches } }
    /// The JWKs served from now on.
    func serve(_ keys: [[String: Any]]) {
        let keySet = Self.keySet(keys)
        state.withLock { $0.keySet = keySet }
    }
    var failing: Bool {
        get { state.withLock { $0.failing } }
        set { state.withLock { $0.failing = newValue } }
    }

    struct Unreachable: Error {}

    func fetch(_ url: String) async throws -> Data {
        let (keySet, failing) = state.withLock { state in
            state.fetches.append(url)
            return (state.keySet, state.failing)
        }
        if failing { throw Unreachable() }
        switch url {
        case Self.metadataURL:
            return try JSONSerialization.data(withJSONObject: [
                "issuer": BotFrameworkAuthTests.issuer, "jwks_uri": Self.keysURL, "id_token_signing_alg_values_supported": ["RS256"],
            ])
        case Self.keysURL: return keySet
        default: throw Unreachable()
        }
    }

    private static func keySet(_ keys: [[String: Any]]) -> Data {
        (try? JSONSerialization.data(withJSONObject: ["keys": keys])) ?? Data()
    }

    /// The JWK for `key`'s public half, as the Bot Framework publishes it.
    static func jwk(_ key: _RSA.Signing.PrivateKey, id: String, endorsements: [String]) throws -> [String: Any] {
        let primitives = try key.publicKey.getKeyPrimitives()
        return ["kty": "RSA", "use": "sig", "kid": id, "n": base64URL(primitives.modulus), "e": base64URL(primitives.publicExponent), "endorsements": endorsements]
    }
}

/// Microsoft's token endpoint: numbers the tokens it issues (`token-1`, …, each for an hour) and records the bodies.
final class FakeTokenEndpoint: Sendable {
    private let state = Mutex<(bodies: [String], answer: (Int, String)?)>(([], (200, "")))

    var bodies: [String] { state.withLock { $0.bodies } }
    /// A scripted answer; `(200, "")` issues the next numbered token, `nil` fails to connect.
    var answer: (Int, String)? {
        get { state.withLock { $0.answer } }
        set { state.withLock { $0.answer = newValue } }
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    func client(clock: any Clock) -> MicrosoftTokenClient {
        MicrosoftTokenClient(
            tokenURL: "https://login.test/botframework.com/oauth2/v2.0/token", appID: BotFrameworkAuthTests.appID,
            password: "s3cr+t/with:odd=chars x", scope: "https://api.botframework.com/.default", clock: clock,
            post: { _, body in try self.post(body) })
    }

    private func post(_ body: Data) throws -> (status: Int, body: Data) {
        let (count, answer) = state.withLock { state in
            state.bodies.append(String(decoding: body, as: UTF8.self))
            return (state.bodies.count, state.answer)
        }
        // Slow enough that threads asking together would overlap if the client let them.
        Thread.sleep(forTimeInterval: 0.05)
        guard let answer else { throw Unreachable() }
        if answer == (200, "") {
            return (200, Data(#"{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"token-\#(count)"}"#.utf8))
        }
        return (answer.0, Data(answer.1.utf8))
    }
}

private func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}
