import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MusterApp
import MusterChat
import MusterCore
import MusterIdentity
import NIOCore

/// `GET /login/sso` (to the identity provider, with PKCE) and `GET /login/sso/callback` (back, the code exchanged,
/// the ID token checked, the account made or its role brought up to date, a session started).
///
/// The sign-in's state, nonce and code verifier travel in a short-lived cookie scoped to these two paths, so any
/// instance behind a load balancer can finish a sign-in another began. It is `SameSite=Lax` because the return is a
/// top-level navigation from the provider's site, which a `Strict` cookie would not come back on; the session
/// cookie it leads to is `Strict` as ever.
struct SingleSignOnRoutes: Sendable {
    let muster: Muster
    let gate: ConsoleGate
    let settings: SingleSignOnSettings
    let client: OpenIDConnectClient
    let logger: Logger

    /// The sign-in cookie's name, and how long a sign-in may take at the provider.
    static let cookieName = "muster_sso"
    static let lifetime = 600

    func add(to router: Router<BasicRequestContext>) {
        router.get("/login/sso") { request, _ -> Response in
            await begin(request)
        }
        router.get("/login/sso/callback") { request, _ -> Response in
            var response = await finish(request)
            response.setCookie(cookie("", for: request, maxAge: 0))
            return response
        }
    }

    private func begin(_ request: Request) async -> Response {
        let challenge = SignInChallenge()
        let url: String
        do {
            url = try await client.authorizationURL(redirectURI: settings.redirectURI, challenge: challenge)
        } catch {
            logger.error("single sign-on is unavailable", metadata: ["error": "\(error)"])
            return page("Single sign-on is unavailable just now: \(error)", status: .serviceUnavailable)
        }
        var response = Response(status: .found, headers: [.location: url, .cacheControl: "no-store"])
        response.setCookie(cookie(challenge.packed, for: request, maxAge: Self.lifetime))
        return response
    }

    private func finish(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        guard let packed = request.cookies[Self.cookieName]?.value, let challenge = SignInChallenge(packed: packed) else {
            return page("This sign-in was not started in this browser, or took more than \(Self.lifetime / 60) minutes: start again.", status: .badRequest)
        }
        if let error = query["error"].map(String.init) {
            // Shown only: a form-encoded space arrives as "+", which the query decoding leaves alone.
            let description = query["error_description"].map { $0.replacingOccurrences(of: "+", with: " ") } ?? ""
            await audit("(single sign-on)", "sign-in refused", "the identity provider said \(error)")
            return page("Your organisation's sign-in did not let you in (\(error)\(description.isEmpty ? "" : ": \(description.prefix(200))")).", status: .unauthorized)
        }
        guard let state = query["state"].map(String.init), RequestSignature.constantTimeEqual(state, challenge.state) else {
            await audit("(single sign-on)", "sign-in refused", "state does not match the browser's sign-in")
            return page("This sign-in's answer does not belong to the sign-in this browser started: start again.", status: .badRequest)
        }
        guard let code = query["code"].map(String.init), !code.isEmpty else {
            return page("The identity provider sent no sign-in code: start again.", status: .badRequest)
        }
        let claims: IdentityClaims
        do {
            claims = try await client.signIn(code: code, challenge: challenge, redirectURI: settings.redirectURI)
        } catch {
            logger.warning("a single sign-on was refused", metadata: ["reason": "\(error)"])
            await audit("(single sign-on)", "sign-in refused", error.description)
            return page("Muster could not accept this sign-in: \(error)", status: .unauthorized)
        }
        let name = String(claims.username.prefix(128))
        guard let role = settings.role(for: claims) else {
            await audit(name, "sign-in refused", "no Muster role in the \(settings.roleClaim) claim")
            return page(
                "You signed in as \(name), but your account has no Muster role. Ask IT to give you one of: \(settings.roleValues).",
                status: .forbidden
            )
        }
        do {
            let outcome = try await Blocking.run { [self] in try admit(name, as: role) }
            switch outcome {
            case .refused(let message): return page(message, status: .forbidden)
            case .signedIn(let token):
                var response = ConsoleRoutes.redirect(to: "/")
                response.setCookie(gate.cookie(token, for: request))
                return response
            }
        } catch {
            return page("Muster could not sign you in, because it could not record the sign-in: \(error)", status: .serviceUnavailable)
        }
    }

    private enum Outcome: Sendable {
        case signedIn(token: String)
        case refused(String)
    }

    /// The account for a person the provider vouched for: made on their first sign-in, its role set to what the
    /// provider says now (so a role taken away at the provider is taken away here at the next sign-in).
    private func admit(_ name: String, as role: StaffRole) throws -> Outcome {
        let accounts = gate.accounts
        let now = gate.clock.now
        func audit(_ action: String, _ detail: String) throws {
            try muster.auditConsole(name, action, detail)
        }
        if let account = try accounts.account(named: name) {
            guard account.passwordHash.isEmpty else {
                try audit("sign-in refused", "single sign-on for a name with a password account")
                return .refused("\(name) has a Muster password account, so single sign-on cannot use that name. An admin can remove it (muster users remove \(account.name)) to let single sign-on take it over.")
            }
            guard !account.disabled else {
                try audit("sign-in refused", "account disabled")
                return .refused("\(name)'s Muster account is disabled.")
            }
            if account.role != role { _ = try accounts.setRole(role, forAccount: account.name) }
        } else {
            _ = try accounts.add(ConsoleAccount(name: name, role: role, passwordHash: "", createdAt: now))
        }
        // Audited before the session exists: a sign-in the log cannot hold does not happen.
        try audit("sign in", "through single sign-on as \(role.rawValue)")
        return .signedIn(token: try gate.startSession(for: name))
    }

    private func audit(_ user: String, _ action: String, _ detail: String) async {
        do {
            try await Blocking.run { [muster] in
                try muster.auditConsole(user, action, detail)
            }
        } catch {
            logger.error("could not audit a refused single sign-on", metadata: ["error": "\(error)"])
        }
    }

    private func cookie(_ value: String, for request: Request, maxAge: Int) -> Cookie {
        Cookie(
            name: Self.cookieName, value: value, maxAge: maxAge, path: "/login/sso", secure: gate.settings.alwaysSecure || RequestChecks.cameOverTLS(request),
            httpOnly: true, sameSite: .lax
        )
    }

    private func page(_ problem: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: ConsoleRoutes.page, body: .init(byteBuffer: ByteBuffer(string: SignInPage.html(problem: problem, singleSignOn: settings.label))))
    }
}
