import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MusterBot
import MusterChat
import MusterCore

/// Who is using the console, and whether a request that changes anything may go ahead.
///
/// With accounts in the store, everyone signs in. With none, a console on a loopback address stays open for the
/// demo (the person at this machine is its admin) — but even then a request must come from the console's own page,
/// with its token, so a web page elsewhere cannot drive it through a browser on this machine.
struct ConsoleGate: Sendable {
    /// Someone the console serves.
    enum Caller: Sendable {
        /// A person signed in.
        case signedIn(ConsoleSession, ConsoleAccount)
        /// The person at a loopback console with no accounts set up.
        case local(csrfToken: String)

        /// The bot's speaker: the account's name and role, as a chat user's would be.
        var speaker: Speaker {
            switch self {
            case .signedIn(_, let account): Speaker(name: account.name, role: account.role, channel: "console")
            case .local: Speaker(name: ConsoleGate.localName, role: .admin, channel: "console")
            }
        }

        var csrfToken: String {
            switch self {
            case .signedIn(let session, _): session.csrfToken
            case .local(let token): token
            }
        }

        /// The session's token hash, when signed in.
        var tokenHash: String? {
            if case .signedIn(let session, _) = self { return session.tokenHash }
            return nil
        }
    }

    /// The name the audit log gives the open local console.
    static let localName = "console (local, no sign-in)"
    /// The session cookie's name.
    static let cookieName = "muster_session"

    let accounts: any AccountStore
    /// Whether the server listens only on loopback, where a console with no accounts may stay open.
    let loopback: Bool
    let settings: ConsoleSettings
    let logger: Logger
    /// The open local console's CSRF token: new each run, shown only in the page this server renders.
    let localToken = SessionToken.random()
    /// Sessions expire by the real time, even when answers use a frozen clock (tests, demos).
    let clock: any Clock = SystemClock()

    /// The caller, or `nil` when they must sign in first.
    func caller(of request: Request) async throws -> Caller? {
        let token = request.cookies[Self.cookieName]?.value
        return try await Blocking.run { [self] in
            let now = clock.now
            if let token, !token.isEmpty, let (session, account) = try accounts.session(tokenHash: SessionToken.hash(token), at: now) {
                // A write per request would queue every page load behind an ingest's lock; a minute's slack is plenty.
                if now.timeIntervalSince(session.lastSeenAt) > 60 {
                    do {
                        try accounts.touchSession(tokenHash: session.tokenHash, at: now, expiresAt: now.addingTimeInterval(settings.idleTimeout))
                    } catch {
                        logger.warning("could not record a console session's use; it may expire early", metadata: ["error": "\(error)"])
                    }
                }
                return .signedIn(session, account)
            }
            if loopback, try !accounts.hasAccounts() { return .local(csrfToken: localToken) }
            return nil
        }
    }

    /// Checks a request that changes state: from this server's own page (403), JSON when `requireJSON` (415), from
    /// someone signed in (401), carrying their CSRF token (403). The failure is the response to send.
    func authorise(_ request: Request, requireJSON: Bool) async -> Checked<Caller> {
        guard RequestChecks.isSameOrigin(request) else {
            return .refused(ConsoleRoutes.problem("This request came from another site's page; Muster answers only its own console.", status: .forbidden))
        }
        if requireJSON, !RequestChecks.isJSON(request) {
            return .refused(ConsoleRoutes.problem("Send the question as Content-Type: application/json.", status: .unsupportedMediaType))
        }
        let signedIn: Caller
        do {
            guard let found = try await caller(of: request) else {
                return .refused(ConsoleRoutes.problem("Sign in first: open /login in a browser, or POST name and password to /login.", status: .unauthorized))
            }
            signedIn = found
        } catch {
            return .refused(ConsoleRoutes.problem("Muster could not read its sessions: \(error)", status: .serviceUnavailable))
        }
        guard let presented = request.headers[RequestChecks.csrfToken], RequestSignature.constantTimeEqual(presented, signedIn.csrfToken) else {
            return .refused(ConsoleRoutes.problem("The request has no valid X-CSRF-Token; reload the console page and try again.", status: .forbidden))
        }
        return .passed(signedIn)
    }

    /// Starts a session for the account `name` and returns its token, for the cookie; only its hash is stored.
    func startSession(for name: String) throws -> String {
        let now = clock.now
        let token = SessionToken.random()
        try accounts.start(ConsoleSession(
            tokenHash: SessionToken.hash(token), csrfToken: SessionToken.random(), user: name, createdAt: now,
            expiresAt: now.addingTimeInterval(settings.idleTimeout)
        ))
        return token
    }

    /// The session cookie for `token`, `Secure` when the browser reached us over TLS.
    func cookie(_ token: String, for request: Request, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: Self.cookieName, value: token, maxAge: maxAge, path: "/", secure: settings.alwaysSecure || RequestChecks.cameOverTLS(request),
            httpOnly: true, sameSite: .strict
        )
    }
}
