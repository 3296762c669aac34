import MusterApp
import MusterCore

extension Muster {
    /// Records something done in (or refused by) the web console, under the person's name. Throws when the audit
    /// log cannot take it, so the caller can refuse what it would have recorded.
    func auditConsole(_ user: String, _ action: String, _ detail: String) throws {
        try posts.audit(AuditEntry(at: clock.now, user: user, channel: "console", action: action, detail: detail))
    }
}
