import Foundation
import MusterCore
import MusterStore
import MusterTesting
import Testing

/// The web console's sign-in, sessions, CSRF and Origin checks and roles, against the real `muster serve`.
@Suite("console sign-in", .serialized)
struct ConsoleSignInTests {
    static let fire = ["message": "any rumours about the fire?", "conversation": "attack"]
    static let mark = ["message": "mark rumour 1 false: there was never a fire, share this", "conversation": "attack"]

    @Test("a cross-site POST is refused and changes nothing, even on the open local console")
    func crossSite() throws {
        let store = try ServedMuster.demoStore()
        let before = try rumours(in: store)
        let server = try ServedMuster.start(store: store)
        defer { _ = server.stop() }
        let http = server.http

        // What a hostile page can send without a CORS preflight: a "simple" text/plain POST from another origin.
        for body in [Self.fire, Self.mark] {
            let response = try http.post("/api/ask", body: json(body), headers: ["Content-Type": "text/plain", "Origin": "http://evil.example"])
            #expect([403, 415].contains(response.status), "a cross-site text/plain POST got \(response.status): \(response.text)")
        }
        let jsonFromElsewhere = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json", "Origin": "http://evil.example"])
        #expect(jsonFromElsewhere.status == 403)
        let refererFromElsewhere = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json", "Referer": "http://evil.example/page"])
        #expect(refererFromElsewhere.status == 403)
        let noToken = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json", "Origin": http.base])
        #expect(noToken.status == 403, "the open console still wants the page's CSRF token")
        #expect(try rumours(in: store) == before, "the rumour table is unchanged")

        // The page itself carries the token, and with it the local demo console answers as before.
        let page = try http.get("/")
        #expect(page.status == 200)
        let token = try #require(csrfToken(in: page.text))
        let asked = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json", "Origin": http.base, "X-CSRF-Token": token])
        #expect(asked.status == 200 && asked.json["title"]?.isEmpty == false)
        #expect(try audit(in: store).contains { $0.user == "console (local, no sign-in)" && $0.action == "ask" })
    }

    @Test("with accounts: sign in, ask as yourself, be refused above your role, sign out; failures audited and limited")
    func signIn() throws {
        let store = try ServedMuster.demoStore()
        let short = try ServedMuster.muster(["users", "add", "olive", "--role", "officer", "--password-stdin"], store: store, input: "short\n")
        #expect(short.status != 0 && short.output.contains("12 characters"), "\(short.output)")
        for (name, role) in [("olive", "officer"), ("ada", "admin")] {
            let added = try ServedMuster.muster(["users", "add", name, "--role", role, "--password-stdin"], store: store, input: "\(name) correct horse battery\n")
            #expect(added.status == 0, "\(added.output)")
        }
        let again = try ServedMuster.muster(["users", "add", "olive", "--role", "lead", "--password-stdin"], store: store, input: "another long password\n")
        #expect(again.status != 0, "an existing name is refused")
        let listing = try ServedMuster.muster(["users", "list"], store: store)
        #expect(listing.status == 0 && listing.output.contains("olive") && listing.output.contains("officer") && listing.output.contains("ada"))
        #expect(!listing.output.contains("$2"), "the list never shows a hash")

        let before = try rumours(in: store)
        let server = try ServedMuster.start(store: store)
        defer { _ = server.stop() }
        let http = server.http

        let page = try http.get("/")
        #expect(page.status == 303 && page.header("location") == "/login", "the console sends strangers to sign in")
        let form = try http.get("/login")
        #expect(form.status == 200 && form.text.contains("<form") && form.text.contains("password"))
        let anonymous = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json"])
        #expect(anonymous.status == 401 && anonymous.json["error"]?.hasPrefix("Sign in first") == true, "\(anonymous.text)")

        let wrong = try signIn(http, "olive", "not the password at all")
        #expect(wrong.status == 401 && wrong.header("set-cookie") == nil)
        #expect(try audit(in: store).contains { $0.user == "olive" && $0.action == "sign-in refused" })
        let nobody = try signIn(http, "nobody", "not the password at all")
        #expect(nobody.status == 401 && nobody.text.contains("Wrong name or password"), "an unknown name reads as a wrong password")
        let crossSite = try http.post("/login", body: Data("name=olive&password=olive+correct+horse+battery".utf8), headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example",
        ])
        #expect(crossSite.status == 403, "signing someone in from another site is refused")

        let signedIn = try signIn(http, "olive", "olive correct horse battery")
        #expect(signedIn.status == 303 && signedIn.header("location") == "/")
        let cookie = try #require(signedIn.header("set-cookie"))
        #expect(cookie.hasPrefix("muster_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"), "plain HTTP on loopback: no Secure flag")
        let session = String(cookie.split(separator: ";")[0])
        let behindTLS = try signIn(http, "olive", "olive correct horse battery", extra: ["X-Forwarded-Proto": "https"])
        #expect(behindTLS.header("set-cookie")?.contains("Secure") == true, "behind a TLS proxy the cookie is Secure")

        let console = try http.get("/", headers: ["Cookie": session])
        #expect(console.status == 200 && console.text.contains("olive"))
        let token = try #require(csrfToken(in: console.text))
        let noToken = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json", "Cookie": session])
        #expect(noToken.status == 403, "a session without its CSRF token is refused")
        let wrongToken = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json", "Cookie": session, "X-CSRF-Token": "x" + token])
        #expect(wrongToken.status == 403)
        let asPlainText = try http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "text/plain", "Cookie": session, "X-CSRF-Token": token])
        #expect(asPlainText.status == 415)
        func ask(_ body: [String: String], origin: String? = nil) throws -> RawHTTP.Response {
            var headers = ["Content-Type": "application/json", "Cookie": session, "X-CSRF-Token": token]
            headers["Origin"] = origin ?? http.base
            return try http.post("/api/ask", body: json(body), headers: headers)
        }
        #expect(try ask(Self.fire, origin: "http://evil.example").status == 403, "a cross-site request with a stolen token is still refused")
        let rumourList = try ask(Self.fire)
        #expect(rumourList.status == 200, "\(rumourList.text)")
        #expect(try audit(in: store).contains { $0.user == "olive" && $0.channel == "console" && $0.action == "ask" && $0.detail == Self.fire["message"] })
        let refused = try ask(Self.mark)
        #expect(refused.status == 200 && refused.json["title"]?.contains("Only a comms lead or an admin") == true, "\(refused.text)")
        #expect(try rumours(in: store) == before, "an officer cannot set a rumour's status")

        let signedOut = try http.post("/logout", body: Data(), headers: ["Cookie": session, "X-CSRF-Token": token, "Origin": http.base])
        #expect(signedOut.status == 303 && signedOut.header("set-cookie")?.contains("Max-Age=0") == true)
        #expect(try ask(Self.fire).status == 401, "a session ended by signing out is gone")

        // Removing an account ends its sessions at once.
        let adaCookie = try #require(try signIn(http, "ada", "ada correct horse battery").header("set-cookie")).split(separator: ";")[0]
        #expect(try http.get("/", headers: ["Cookie": String(adaCookie)]).status == 200)
        let removed = try ServedMuster.muster(["users", "remove", "ada"], store: store)
        #expect(removed.status == 0, "\(removed.output)")
        #expect(try http.get("/", headers: ["Cookie": String(adaCookie)]).status == 303)
        #expect(try audit(in: store).contains { $0.action == "users remove" && $0.channel == "cli" && $0.detail.contains("ada") })

        // Five failures for one name (a sign-in clears the count), and even the right password waits.
        for _ in 0..<5 { #expect(try signIn(http, "olive", "guessing, guessing").status == 401) }
        let limited = try signIn(http, "olive", "olive correct horse battery")
        #expect(limited.status == 429 && limited.header("set-cookie") == nil, "\(limited.status) \(limited.text)")
    }

    @Test("beyond loopback with no accounts `muster serve` refuses to start; --no-console serves without the console")
    func refusesOpenConsoleBeyondLoopback() throws {
        let store = try ServedMuster.demoStore()
        let refused = try ServedMuster.muster(["serve", "--host", "0.0.0.0", "--port", "0"], store: store)
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.output.contains("muster users add NAME --role admin"), "\(refused.output)")

        let server = try ServedMuster.start(store: store, arguments: ["--no-console"])
        defer { _ = server.stop() }
        #expect(try server.http.get("/healthz").status == 200)
        #expect(try server.http.get("/").status == 404)
        #expect(try server.http.post("/api/ask", body: json(Self.fire), headers: ["Content-Type": "application/json"]).status == 404)
    }

    // MARK: helpers

    private func signIn(_ http: RawHTTP, _ name: String, _ password: String, extra: [String: String] = [:]) throws -> RawHTTP.Response {
        let allowed = CharacterSet.alphanumerics
        let body = "name=\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)&password=\(password.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        return try http.post("/login", body: Data(body.utf8), headers: ["Content-Type": "application/x-www-form-urlencoded", "Origin": http.base].merging(extra) { $1 })
    }

    private func json(_ object: [String: String]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object)
    }

    private func csrfToken(in page: String) -> String? {
        guard let start = page.range(of: "<meta name=\"csrf-token\" content=\"") else { return nil }
        return page[start.upperBound...].split(separator: "\"").first.map(String.init)
    }

    private func rumours(in store: String) throws -> [String] {
        try SQLitePostStore(path: store).rumourRecords().map { "\($0.key) \($0.status.rawValue) \($0.officialLine ?? "")" }.sorted()
    }

    private struct AuditRow {
        var user, channel, action, detail: String
    }

    private func audit(in store: String) throws -> [AuditRow] {
        try SQLitePostStore(path: store).database.rows("SELECT user, channel, action, detail FROM audit ORDER BY id") {
            AuditRow(user: $0.string(0), channel: $0.string(1), action: $0.string(2), detail: $0.string(3))
        }
    }
}
