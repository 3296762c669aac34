import Foundation
import MusterCore

/// What a chat service's answer to one delivery means, read the way that service reports it.
///
/// Slack's Web API answers HTTP 200 for most failures and says `{"ok": false, "error": "not_in_channel"}` in the body;
/// read as a status, that would count as delivered. Here such an answer becomes the status it stands for, so the
/// retry policy treats every route alike.
struct ServiceAnswer {
    /// The effective HTTP status.
    let status: Int
    /// What to record if it was not a delivery.
    let problem: String

    init(route: OutboxMessage.Route, status: Int, body: Data) {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        // A connector 401 most often means the cached token lapsed in flight: it is dropped (see `refused`), and the
        // next attempt fetches a new one, so the refusal is worth a retry rather than final.
        if route == .teamsConnector, status == 401 {
            self.status = 503
            problem = "HTTP 401 from the Teams connector (the token was dropped; the next attempt gets a new one): \(text)"
            return
        }
        guard route == .slackAPI, (200..<300).contains(status),
              let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], object["ok"] as? Bool == false
        else {
            self.status = status
            problem = "HTTP \(status): \(text)"
            return
        }
        let error = object["error"] as? String ?? "unknown_error"
        self.status = Self.slackStatus(for: error)
        problem = "Slack refused it: \(error)" + ((object["needed"] as? String).map { " (needs the \($0) scope)" } ?? "")
    }

    /// The status a Slack error code stands for: throttling and Slack's own faults may pass; the rest will not.
    private static func slackStatus(for error: String) -> Int {
        switch error {
        case "ratelimited", "rate_limited": 429
        case "internal_error", "fatal_error", "service_unavailable", "request_timeout": 503
        case "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired": 401
        default: 400
        }
    }
}
