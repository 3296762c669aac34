import Foundation
import MusterConfig
import MusterCore

/// The organisation's retention periods applied to its store: what `muster prune` and `muster serve`'s daily run do.
public struct Retention: Sendable {
    /// How long sent chat messages (which quote posts) and remembered deliveries are kept.
    public static let deliveryDays = 30

    private let config: CouncilConfig
    private let personalData: any PersonalDataStore
    private let audit: any PostStore
    private let clock: any Clock

    /// Retention for `config` over `personalData`, each run recorded in `audit`'s log.
    public init(config: CouncilConfig, personalData: any PersonalDataStore, audit: any PostStore, clock: any Clock) {
        self.config = config
        self.personalData = personalData
        self.audit = audit
        self.clock = clock
    }

    /// The cutoffs at `now`: posts made more than `retention_days` ago, audit rows and staff messages written more
    /// than `audit_retention_days` ago, sent chat messages over 30 days old.
    public func cutoffs(at now: Date) -> RetentionCutoffs {
        func daysBefore(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }
        return RetentionCutoffs(posts: daysBefore(config.retentionDays), audit: daysBefore(config.auditRetentionDays), deliveries: daysBefore(Self.deliveryDays))
    }

    /// Deletes what is past its retention and audits the run with its counts, as done by `user` from `channel`.
    public func prune(by user: String, channel: String) throws -> PruneCounts {
        let now = clock.now
        let counts = try personalData.prune(cutoffs(at: now))
        try audit.audit(AuditEntry(at: clock.now, user: user, channel: channel, action: "prune", detail: "deleted \(counts); posts kept \(config.retentionDays) days, audit \(config.auditRetentionDays) days"))
        return counts
    }
}
