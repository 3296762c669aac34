import Foundation
import MusterCore
import Synchronization

/// The signing keys an OpenID provider publishes (its metadata's `jwks_uri`), cached: refreshed when a day old, and
/// when a token names an unknown key, at most once an hour, so a flood of made-up key ids cannot become a flood of
/// fetches. After a failed fetch, requests wait 30 s before another is tried; the keys it had are kept meanwhile.
public final class OpenIDKeySet: Sendable {
    /// Why no key could be given.
    public enum Failure: Error, Sendable {
        /// The keys could not be fetched, and none are held; the reason is for the log.
        case unavailable(String)
        /// The key set holds no key with that id.
        case unknownKey
    }

    /// The metadata document whose `jwks_uri` lists the keys.
    public let metadataURL: String
    private let clock: any Clock
    private let fetch: @Sendable (String) async throws -> Data
    private let cache = Mutex(KeyCache())

    /// How often the keys are refreshed however well they serve: the Bot Framework asks for at least daily.
    static let maximumAge: TimeInterval = 24 * 3600
    /// How often a token with an unknown key id may cause a fetch, as in the Bot Framework SDKs.
    static let unknownKeyInterval: TimeInterval = 3600
    /// How long to wait after a failed fetch before trying again.
    static let failureInterval: TimeInterval = 30

    /// A key set read through `metadataURL`.
    /// - Parameters:
    ///   - clock: the time the cache's ages are measured by.
    ///   - fetch: reads a URL's body; it throws for a failure or a non-2xx answer.
    public init(metadataURL: String, clock: any Clock, fetch: @escaping @Sendable (String) async throws -> Data) {
        self.metadataURL = metadataURL
        self.clock = clock
        self.fetch = fetch
    }

    /// What is known of the keys; only ever touched under the mutex.
    private struct KeyCache {
        var keys: [String: SigningKey] = [:]
        /// When the keys were last fetched successfully.
        var refreshedAt: Date?
        /// When the last fetch began, and why it failed, if it did.
        var attemptedAt: Date?
        var failure: String?
        /// When an unknown key id last caused a fetch.
        var unknownKeyFetchAt: Date?
        /// The fetch under way, which concurrent callers wait for rather than starting their own.
        var refreshing: Task<Void, Never>?
    }

    /// The key with id `id`, fetching the set first when it is stale or (rarely) when it lacks that id.
    public func key(_ id: String) async throws(Failure) -> SigningKey {
        let now = clock.now
        let stale = cache.withLock { cache in
            let old = cache.refreshedAt.map { now.timeIntervalSince($0) >= Self.maximumAge } ?? true
            let resting = cache.failure != nil && cache.refreshing == nil && cache.attemptedAt.map { now.timeIntervalSince($0) < Self.failureInterval } ?? false
            return old && !resting
        }
        if stale { await refresh(at: now) }
        let (key, hasKeys, fetchAgain) = cache.withLock { cache -> (SigningKey?, Bool, Bool) in
            if let key = cache.keys[id] { return (key, true, false) }
            guard !stale, !cache.keys.isEmpty, cache.unknownKeyFetchAt.map({ now.timeIntervalSince($0) >= Self.unknownKeyInterval }) ?? true else {
                return (nil, !cache.keys.isEmpty, false)
            }
            cache.unknownKeyFetchAt = now
            return (nil, true, true)
        }
        if let key { return key }
        guard hasKeys else { throw .unavailable(cache.withLock { $0.failure } ?? "no keys were found") }
        if fetchAgain {
            await refresh(at: now)
            if let key = cache.withLock({ $0.keys[id] }) { return key }
        }
        throw .unknownKey
    }

    /// Fetches the keys, or waits for the fetch already under way; keeps the keys it had when the fetch fails.
    private func refresh(at now: Date) async {
        let task = cache.withLock { cache in
            if let task = cache.refreshing { return task }
            let task = Task { await self.load(at: now) }
            cache.refreshing = task
            return task
        }
        await task.value
    }

    private func load(at now: Date) async {
        var keys: [String: SigningKey]?
        var failure: String?
        do {
            let metadata = try OpenIDMetadata(try await fetch(metadataURL))
            keys = try SigningKey.keys(inJWKSet: try await fetch(metadata.keySetURL))
        } catch {
            failure = "\(error)"
        }
        cache.withLock { cache in
            cache.attemptedAt = now
            cache.failure = failure
            if let keys {
                cache.keys = keys
                cache.refreshedAt = now
            }
            cache.refreshing = nil
        }
    }
}
