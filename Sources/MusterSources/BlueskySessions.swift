import Foundation
import MusterConfig
import MusterCore
import MusterNet
import Synchronization

/// Bluesky app-password sessions, one per source, signed in on first use and kept for the life of the process:
/// Bluesky limits sign-ins to 30 in five minutes, so a poll must never sign in each time.
final class BlueskySessions: Sendable {
    private let http: HTTPClient
    private let tokens = Mutex<[String: String]>([:])

    init(http: HTTPClient) {
        self.http = http
    }

    /// The access token for `source`, signing in with `com.atproto.server.createSession` on the source's host when
    /// there is none yet.
    ///
    /// - Throws: `MusterError` when the sign-in is refused or its answer has no token.
    func token(for source: Source, identifier: String, password: String) throws -> String {
        if let token = tokens.withLock({ $0[source.name] }) { return token }
        guard let url = URL(string: source.url), let scheme = url.scheme, let host = url.host else {
            throw MusterError("\(source.url) is not a Bluesky address")
        }
        let port = url.port.map { ":\($0)" } ?? ""
        let body = try JSONSerialization.data(withJSONObject: ["identifier": identifier, "password": password])
        let response = try http.post("\(scheme)://\(host)\(port)/xrpc/com.atproto.server.createSession", body: body, contentType: "application/json")
        guard response.status == 200 else {
            throw MusterError("Bluesky refused to sign in as \(identifier) (HTTP \(response.status)); check the app password in \(source.credential ?? "its variable")")
        }
        guard let answer = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any], let token = answer["accessJwt"] as? String else {
            throw MusterError("Bluesky's sign-in answer for \(identifier) has no access token")
        }
        tokens.withLock { $0[source.name] = token }
        return token
    }

    /// Drops the session for `source`, so that the next poll signs in again; `true` when there was one.
    func forget(_ name: String) -> Bool {
        tokens.withLock { $0.removeValue(forKey: name) != nil }
    }
}
