import Foundation

/// Work that only one instance on a store should do at a time — the scheduler, each source's poller — held by a
/// lease in the store: the instance that holds it renews it while it runs, and another takes it over once it runs
/// out (its holder stopped or died), so the work goes on without a second copy of it.
public protocol LeaseStore: Sendable {
    /// Takes the lease called `name` for `holder` until `expiry`, or renews it when `holder` has it already.
    /// - Returns: whether `holder` holds it now; `false` while another holder's lease has not run out at `now`.
    func hold(_ name: String, for holder: String, at now: Date, until expiry: Date) throws -> Bool
    /// Gives up the lease called `name` if `holder` has it, so another instance may take it at once.
    func release(_ name: String, by holder: String) throws
    /// Who holds the lease called `name`, run out or not; `nil` when no one does.
    func holder(of name: String) throws -> String?
}
