import Foundation
import MusterCore
import MusterIdentity
import Synchronization

/// The access token Muster sends to the Bot Framework Connector, from Microsoft's token endpoint by the OAuth
/// client-credentials grant (chat-apps.md §1.2), cached until five minutes before it expires so that many replies
/// share one token request.
public final class MicrosoftTokenClient: Sendable {
    /// How long before its expiry a cached token is replaced, so that it never lapses on the way to the Connector.
    public static let renewalMargin: TimeInterval = 300

    private let tokenURL: String
    private let appID: String
    private let password: String
    private let scope: String
    private let clock: any Clock
    private let post: @Sendable (_ url: String, _ formBody: Data) throws -> (status: Int, body: Data)
    /// The cached token; the lock is held across a request, so that callers arriving together make one.
    private let cached = Mutex<(token: String, expiresAt: Date)?>(nil)

    /// Creates a client.
    /// - Parameters:
    ///   - tokenURL: the token endpoint, `<login>/<tenant>/oauth2/v2.0/token`.
    ///   - appID: the bot's Microsoft App ID (`client_id`).
    ///   - password: its client secret; it is sent only in the form body and never appears in an error.
    ///   - scope: the scope asked for, `https://api.botframework.com/.default`.
    ///   - clock: the time expiries are measured against.
    ///   - post: sends an `application/x-www-form-urlencoded` body to a URL and answers the status and body;
    ///     it throws only when no answer came.
    public init(
        tokenURL: String, appID: String, password: String, scope: String, clock: any Clock,
        post: @escaping @Sendable (_ url: String, _ formBody: Data) throws -> (status: Int, body: Data)
    ) {
        self.tokenURL = tokenURL
        self.appID = appID
        self.password = password
        self.scope = scope
        self.clock = clock
        self.post = post
    }

    /// The cached access token, or a new one when none is cached or it expires within ``renewalMargin``.
    /// - Throws: ``MicrosoftTokenError`` when the endpoint cannot be reached or refuses.
    public func token() throws -> String {
        try cached.withLock { (cached) throws(MicrosoftTokenError) -> String in
            let now = clock.now
            if let cached, cached.expiresAt.timeIntervalSince(now) > Self.renewalMargin { return cached.token }
            let fresh = try request(at: now)
            cached = fresh
            return fresh.token
        }
    }

    /// Forgets the cached token, so that the next ``token()`` asks for a new one: after the Connector answers 401.
    public func invalidate() {
        cached.withLock { $0 = nil }
    }

    /// The form body (``FormEncoding``, so a secret's `+`, `/` or `=` arrives as itself).
    var formBody: Data {
        FormEncoding.body([("grant_type", "client_credentials"), ("client_id", appID), ("client_secret", password), ("scope", scope)])
    }

    private func request(at now: Date) throws(MicrosoftTokenError) -> (token: String, expiresAt: Date) {
        let answer: (status: Int, body: Data)
        do {
            answer = try post(tokenURL, formBody)
        } catch {
            throw redacted(MicrosoftTokenError(url: tokenURL, status: nil, code: nil, message: "\(error)"))
        }
        let document = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any]
        guard answer.status == 200, let token = document?["access_token"] as? String, !token.isEmpty else {
            let message = document?["error_description"] as? String
                ?? (answer.status == 200 ? "the answer has no access_token" : String(decoding: answer.body.prefix(200), as: UTF8.self))
            throw redacted(MicrosoftTokenError(url: tokenURL, status: answer.status, code: document?["error"] as? String, message: message))
        }
        // Without a lifetime the token serves this call only; Microsoft's documented lifetime is `expires_in` 3600.
        let lifetime = (document?["expires_in"] as? NSNumber)?.doubleValue ?? (document?["expires_in"] as? String).flatMap(Double.init) ?? 0
        return (token, now.addingTimeInterval(lifetime))
    }

    /// `error` with any copy of the secret cut out, in case the service or the transport quotes the request.
    private func redacted(_ error: MicrosoftTokenError) -> MicrosoftTokenError {
        guard !password.isEmpty else { return error }
        var copy = error
        for secret in Set([password, FormEncoding.encoded(password)]) {
            copy.message = copy.message.replacingOccurrences(of: secret, with: "[secret]")
        }
        return copy
    }
}
