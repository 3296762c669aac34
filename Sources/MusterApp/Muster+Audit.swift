import Foundation
import MusterCore

extension Muster {
    /// Who runs a command on this machine, for the audit log: the login name (the one behind `sudo` when there is).
    public static var operatorName: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }

    /// Audits a command run at the command line. It throws when the row cannot be written, so that a command is
    /// never carried out unrecorded.
    public func auditCommand(_ action: String, _ detail: String) throws {
        try posts.audit(AuditEntry(at: clock.now, user: "\(Self.operatorName) (cli)", channel: "cli", action: action, detail: String(detail.prefix(500))))
    }

    /// The retention periods of this organisation's config over its store.
    public var retention: Retention {
        Retention(config: config, personalData: personalData, audit: posts, clock: clock)
    }
}
