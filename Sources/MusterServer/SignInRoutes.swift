import Foundation
import HTTPTypes
import Hummingbird
import MusterApp
import MusterChat
import MusterCore
import NIOCore

/// `GET /login` (the form), `POST /login` (check the password, start a session, set its cookie) and `POST /logout`.
struct SignInRoutes: Sendable {
    let muster: Muster
    let gate: ConsoleGate
    /// What the single sign-on button calls the identity provider, when single sign-on is configured.
    var singleSignOn: String?

    /// The largest sign-in body accepted: a name and a password.
    static let maximumBodySize = 4096

    private enum Outcome: Sendable {
        case signedIn(token: String)
        case refused(String)
        case throttled(String)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ -> Response in
            if (try? await gate.caller(of: request)) != nil { return ConsoleRoutes.redirect(to: "/") }
            return page(SignInPage.html(singleSignOn: singleSignOn), status: .ok)
        }
        router.post("/login") { request, _ -> Response in
            await signIn(request)
        }
        router.post("/logout") { request, _ -> Response in
            let caller: ConsoleGate.Caller
            switch await gate.authorise(request, requireJSON: false) {
            case .refused(let refusal):
                // Nobody signed in has nothing to end; a request from elsewhere is still refused.
                return refusal.status == .unauthorized ? ConsoleRoutes.redirect(to: "/login") : refusal
            case .passed(let found): caller = found
            }
            guard let tokenHash = caller.tokenHash else { return ConsoleRoutes.redirect(to: "/") }
            do {
                try await Blocking.run { [muster, gate] in
                    try gate.accounts.endSession(tokenHash: tokenHash)
                    try muster.auditConsole(caller.speaker.name, "sign out", "")
                }
            } catch {
                return ConsoleRoutes.problem("Muster could not end the session: \(error)", status: .serviceUnavailable)
            }
            var response = ConsoleRoutes.redirect(to: "/login")
            response.setCookie(gate.cookie("", for: request, maxAge: 0))
            return response
        }
    }

    private func signIn(_ request: Request) async -> Response {
        let json = RequestChecks.isJSON(request)
        func refuse(_ message: String, _ status: HTTPResponse.Status, name: String = "") -> Response {
            json ? ConsoleRoutes.problem(message, status: status) : page(SignInPage.html(problem: message, name: name, singleSignOn: singleSignOn), status: status)
        }
        guard RequestChecks.isSameOrigin(request) else {
            return refuse("This sign-in came from another site's page; sign in on Muster's own page.", .forbidden)
        }
        guard json || RequestChecks.isForm(request) else {
            return refuse("Send the sign-in as a form (application/x-www-form-urlencoded) or as JSON.", .unsupportedMediaType)
        }
        var request = request
        guard let buffer = try? await request.collectBody(upTo: Self.maximumBodySize) else {
            return refuse("The sign-in is over \(Self.maximumBodySize) bytes.", .contentTooLarge)
        }
        guard let (name, password) = Self.credentials(Data(buffer: buffer), json: json), !name.isEmpty, !password.isEmpty else {
            return refuse("Give a name and a password.", .badRequest)
        }
        let outcome: Outcome
        do {
            outcome = try await Blocking.run { [self] in try check(name: name, password: password) }
        } catch {
            return refuse("Muster could not sign you in, because it could not record the attempt: \(error)", .serviceUnavailable, name: name)
        }
        switch outcome {
        case .refused(let message): return refuse(message, .unauthorized, name: name)
        case .throttled(let message): return refuse(message, .tooManyRequests, name: name)
        case .signedIn(let token):
            var response = ConsoleRoutes.redirect(to: "/")
            response.setCookie(gate.cookie(token, for: request))
            return response
        }
    }

    /// Checks the password (slow: bcrypt) and, when it matches, starts a session. Every refusal is audited and
    /// counted against the name, known or not, so guessing is slow and names cannot be told apart.
    private func check(name: String, password: String) throws -> Outcome {
        let accounts = gate.accounts
        let settings = gate.settings
        let now = gate.clock.now
        let minutes = Int(settings.failureWindow / 60)
        if try accounts.failedSignIns(name: name, since: now.addingTimeInterval(-settings.failureWindow)) >= settings.failureLimit {
            try muster.auditConsole(name, "sign-in refused", "\(settings.failureLimit) failures in \(minutes) minutes: not checked")
            return .throttled("Too many failed sign-ins for \(name): wait \(minutes) minutes, then try again.")
        }
        let account = try accounts.account(named: name)
        // An account a single sign-on made has no password: it is checked against nothing, taking bcrypt's time.
        let usable = account.flatMap { $0.disabled || $0.passwordHash.isEmpty ? nil : $0 }
        let matches = ConsolePassword.verify(password, against: usable?.passwordHash)
        guard let usable, matches else {
            try accounts.recordFailedSignIn(name: name, at: now, forgetBefore: now.addingTimeInterval(-settings.failureWindow))
            let reason = account.map { $0.disabled ? "account disabled" : $0.passwordHash.isEmpty ? "signs in through single sign-on" : "wrong password" }
            try muster.auditConsole(name, "sign-in refused", reason ?? "no such account")
            return .refused("Wrong name or password.")
        }
        // Audited before the session exists: a sign-in the log cannot hold does not happen.
        try muster.auditConsole(usable.name, "sign in", "as \(usable.role.rawValue)")
        try accounts.clearFailedSignIns(name: name)
        return .signedIn(token: try gate.startSession(for: usable.name))
    }

    /// The name (trimmed, at most 64 characters) and password from a form or a JSON object.
    static func credentials(_ body: Data, json: Bool) -> (String, String)? {
        let name: String?
        let password: String?
        if json {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
            name = object["name"] as? String
            password = object["password"] as? String
        } else {
            guard let form = try? FormFields(body) else { return nil }
            name = form["name"]
            password = form["password"]
        }
        guard let name, let password else { return nil }
        return (String(name.trimmed.prefix(64)), password)
    }

    private func page(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: ConsoleRoutes.page, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
