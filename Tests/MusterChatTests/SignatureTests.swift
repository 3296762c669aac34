import Foundation
import MusterChat
import Testing

/// The checks that stop anyone but Slack, Teams or a configured tool from talking to Muster.
@Suite("Request signatures")
struct SignatureTests {
    // Slack's documented example: https://api.slack.com/authentication/verifying-requests-from-slack
    static let slackSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let slackTimestamp = "1531420618"
    static let slackBody = Data("""
        token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar\
        &user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com\
        %2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c
        """.utf8)
    static let slackSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"

    let slack = RequestSignature.Timestamped(version: "v0", secret: slackSecret)

    /// The instant `seconds` after Slack's example was sent.
    func sent(plus seconds: TimeInterval) -> Date {
        Date(timeIntervalSince1970: TimeInterval(Self.slackTimestamp)! + seconds)
    }

    /// The rejection `check` throws, or `nil` when it passes.
    func rejection(_ check: () throws -> Void) -> ChatRejection? {
        do {
            try check()
            return nil
        } catch let rejection as ChatRejection {
            return rejection
        } catch {
            Issue.record("expected a ChatRejection, got \(error)")
            return nil
        }
    }

    @Test("Slack's documented example request signs to Slack's documented signature")
    func slackVector() {
        #expect(slack.signature(timestamp: Self.slackTimestamp, body: Self.slackBody) == Self.slackSignature)
    }

    @Test("a signed Slack request is accepted up to five minutes after it was sent, and a little clock skew either way", arguments: [0, 299, -299] as [TimeInterval])
    func slackFresh(offset: TimeInterval) {
        #expect(rejection {
            try slack.verify(timestamp: Self.slackTimestamp, signature: Self.slackSignature, body: Self.slackBody, now: sent(plus: offset))
        } == nil)
    }

    @Test("a correctly signed request replayed after five minutes, or dated in the future, is refused with 401", arguments: [301, -301] as [TimeInterval])
    func slackReplay(offset: TimeInterval) {
        let refused = rejection {
            try slack.verify(timestamp: Self.slackTimestamp, signature: Self.slackSignature, body: Self.slackBody, now: sent(plus: offset))
        }
        #expect(refused?.status == 401)
        #expect(refused?.reason.contains("replay") == true)
    }

    @Test("a body changed after signing is refused with 401")
    func slackTampered() {
        var body = Self.slackBody
        body.append(contentsOf: Array("&is_enterprise_install=true".utf8))
        let refused = rejection { try slack.verify(timestamp: Self.slackTimestamp, signature: Self.slackSignature, body: body, now: sent(plus: 0)) }
        #expect(refused?.status == 401)
        #expect(refused?.reason.contains("does not match") == true)
    }

    @Test("a request without its timestamp or signature header is refused with 401")
    func slackUnsigned() {
        let noSignature = rejection { try slack.verify(timestamp: Self.slackTimestamp, signature: nil, body: Self.slackBody, now: sent(plus: 0)) }
        let noTimestamp = rejection { try slack.verify(timestamp: nil, signature: Self.slackSignature, body: Self.slackBody, now: sent(plus: 0)) }
        #expect(noSignature?.status == 401)
        #expect(noTimestamp?.status == 401)
    }

    @Test("a secret other than the one Slack signed with does not verify")
    func slackWrongSecret() {
        let other = RequestSignature.Timestamped(version: "v0", secret: "not-the-signing-secret")
        #expect(rejection { try other.verify(timestamp: Self.slackTimestamp, signature: Self.slackSignature, body: Self.slackBody, now: sent(plus: 0)) }?.status == 401)
    }

    // Computed independently with Python:
    //   base64(hmac.new(base64decode(key), body, sha256).digest())
    static let teamsToken = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
    static let teamsBody = Data(#"{"type":"message","text":"<at>Muster</at> what are people saying about bins?"}"#.utf8)
    static let teamsAuthorization = "HMAC tS2ACIQK9ofOKzcI3PwmFQS8Fy5zFQJ+7qb53Ns2taA="

    @Test("Teams' HMAC over the body with the base64 security token is accepted")
    func teamsSigned() throws {
        let teams = try #require(RequestSignature.Teams(securityToken: Self.teamsToken))
        #expect(teams.authorization(for: Self.teamsBody) == Self.teamsAuthorization)
        #expect(rejection { try teams.verify(authorization: Self.teamsAuthorization, body: Self.teamsBody) } == nil)
    }

    @Test("a Teams message changed after signing is refused with 401")
    func teamsTampered() throws {
        let teams = try #require(RequestSignature.Teams(securityToken: Self.teamsToken))
        let changed = Data(#"{"type":"message","text":"<at>Muster</at> what are people saying about bins!"}"#.utf8)
        #expect(rejection { try teams.verify(authorization: Self.teamsAuthorization, body: changed) }?.status == 401)
    }

    @Test("a Teams request without an HMAC authorization is refused with 401")
    func teamsNotHMAC() throws {
        let teams = try #require(RequestSignature.Teams(securityToken: Self.teamsToken))
        let bearer = "Bearer " + Self.teamsAuthorization.dropFirst("HMAC ".count)
        #expect(rejection { try teams.verify(authorization: bearer, body: Self.teamsBody) }?.status == 401)
        #expect(rejection { try teams.verify(authorization: nil, body: Self.teamsBody) }?.status == 401)
    }

    @Test("a Teams security token that is not base64 switches Teams off rather than accepting anything", arguments: ["not base64!", "", "   "])
    func teamsBadToken(token: String) {
        #expect(RequestSignature.Teams(securityToken: token) == nil)
    }

    @Test("constant-time comparison says equal only for identical strings, whatever their lengths")
    func constantTime() {
        #expect(RequestSignature.constantTimeEqual("v0=abc", "v0=abc"))
        #expect(RequestSignature.constantTimeEqual("", ""))
        #expect(!RequestSignature.constantTimeEqual("v0=abc", "v0=abd"))
        #expect(!RequestSignature.constantTimeEqual("v0=abc", "v0=ab"))
        #expect(!RequestSignature.constantTimeEqual("", "v0=abc"))
        #expect(!RequestSignature.constantTimeEqual("abc\u{0}", "abc"), "a trailing NUL must not pass for a shorter string")
    }

    @Test("a slash command's form body is decoded field by field")
    func formFields() throws {
        let form = try FormFields(Self.slackBody)
        #expect(form["command"] == "/webhook-collect")
        #expect(form["text"] == "")
        #expect(form["team_id"] == "T1DC2JH3J")
        #expect(form["response_url"] == "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN")
        #expect(form["missing"] == nil)
        #expect(try FormFields(Data("text=bins+in+Ward+4%3F".utf8))["text"] == "bins in Ward 4?")
    }

    @Test("a required field that is empty is refused with 400 naming the field")
    func formRequired() throws {
        let form = try FormFields(Self.slackBody)
        #expect(try form.required("channel_id") == "G8PSS9T3V")
        #expect(rejection { _ = try form.required("text") } == .malformed("The form has no \"text\"."))
    }

    @Test("broken percent-encoding is refused with 400 rather than guessed at")
    func formBroken() {
        let refused = rejection { _ = try FormFields(Data("a=%zz".utf8)) }
        #expect(refused?.status == 400)
        #expect(refused?.reason.contains("\"a\"") == true)
    }
}
