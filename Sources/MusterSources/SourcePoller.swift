import Foundation
import MusterConfig
import MusterCore
import MusterIngest
import MusterNet

/// Polls a source once: asks for what is new (conditionally, resuming from its cursor), reads the answer, stores the
/// posts through the ingest path, and saves where it got to and how it went.
///
/// A poll never throws: whatever goes wrong is recorded on the source's status, which sets the back-off. Posts are
/// stored before the cursor moves past them, so a crash between the two fetches them again (the upsert makes the
/// repeat harmless) instead of leaving a gap.
public struct SourcePoller: Sendable {
    private let ingester: Ingester
    private let ledger: any SourceLedger
    private let http: HTTPClient
    private let environment: [String: String]
    private let sessions: BlueskySessions
    /// Pages read in one poll at most, so that a source with a backlog cannot hold its thread for long; the rest
    /// comes on the next poll.
    public var maximumPages = 10
    /// Where the time comes from for schedules and health (always the real time in service).
    public var clock: any Clock = SystemClock()
    /// A number in 0…1 for the back-off's jitter.
    public var jitter: @Sendable () -> Double = { Double.random(in: 0...1) }

    /// The largest answer read from a source: a feed is tens of kilobytes, a page of posts a few hundred.
    public static let maximumBody = 8 << 20
    /// Creates a poller storing through `ingester`, keeping state in `ledger`, with credentials from `environment`.
    public init(
        ingester: Ingester, ledger: any SourceLedger, environment: [String: String] = ProcessInfo.processInfo.environment,
        http: HTTPClient = HTTPClient(maximumBodySize: SourcePoller.maximumBody)
    ) {
        self.ingester = ingester
        self.ledger = ledger
        self.environment = environment
        self.http = http
        sessions = BlueskySessions(http: http)
    }

    /// What one poll did.
    public struct Outcome: Sendable {
        /// The source's status after the poll, as saved.
        public var status: SourceStatus
        /// Posts new to the store.
        public var added: Int
        /// Items the source sent that could not be stored, with reasons.
        public var rejected: [Rejection]
        /// Whether the source answered 304 Not Modified.
        public var notModified: Bool
        /// What went wrong, when the poll failed.
        public var error: String?
    }

    /// When `source` is next due: now when it has never been polled, else the time its last poll set.
    public func nextPoll(of source: Source) -> Date {
        let saved = (try? ledger.status(of: source.name)) ?? nil
        return saved?.nextPollAt ?? clock.now
    }

    /// Polls `source` once and saves its status.
    public func poll(_ source: Source) -> Outcome {
        let started = clock.now
        var status = ((try? ledger.status(of: source.name)) ?? nil) ?? SourceStatus(name: source.name)
        var outcome = Outcome(status: status, added: 0, rejected: [], notModified: false, error: nil)
        var retryAfter: Int?
        status.polls += 1
        status.lastAttemptAt = started
        do {
            let fetched = try fetch(source, status: status)
            outcome.added = fetched.added
            outcome.rejected = fetched.rejected
            outcome.notModified = fetched.notModified
            if fetched.notModified { status.notModified += 1 }
            status.cursor = fetched.cursor ?? status.cursor
            if let etag = fetched.etag { status.etag = etag }
            if let lastModified = fetched.lastModified { status.lastModified = lastModified }
            status.failures = 0
            status.lastSuccessAt = clock.now
        } catch let failure as PollFailure {
            status.failures += 1
            status.lastError = failure.message
            status.lastErrorAt = clock.now
            outcome.error = failure.message
            retryAfter = failure.retryAfter
            outcome.added = failure.added
        } catch {
            status.failures += 1
            status.lastError = "\(error)"
            status.lastErrorAt = clock.now
            outcome.error = "\(error)"
        }
        count(added: outcome.added, on: started, in: &status)
        let wait = PollSchedule.delay(failures: status.failures, interval: source.interval, retryAfter: retryAfter, jitter: jitter())
        status.nextPollAt = clock.now.addingTimeInterval(wait)
        do {
            try ledger.save(status)
        } catch {
            // The posts are stored; the cursor is not. The next poll asks again from the old cursor, and the upsert
            // adds nothing twice.
            outcome.error = outcome.error ?? "the source's state could not be saved: \(error)"
        }
        outcome.status = status
        return outcome
    }

    /// Counts posts added against the day (UTC) they were added on.
    private func count(added: Int, on time: Date, in status: inout SourceStatus) {
        let day = Self.dayFormat.format(time)
        if status.day != day {
            status.day = day
            status.addedToday = 0
        }
        status.addedToday += added
        status.addedTotal += added
    }

    private static let dayFormat = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()

    /// What fetching and storing one poll's pages came to.
    private struct Fetched {
        var added = 0
        var rejected: [Rejection] = []
        var notModified = false
        var cursor: String?
        var etag: String?
        var lastModified: String?
    }

    /// A failed poll: what to tell staff, how long the server asked us to wait, and what was stored before it failed.
    private struct PollFailure: Error {
        var message: String
        var retryAfter: Int? = nil
        var added = 0
    }

    private func fetch(_ source: Source, status: SourceStatus) throws -> Fetched {
        var fetched = Fetched()
        var url = SourceReader.firstURL(for: source, cursor: status.cursor)
        var cursor = status.cursor
        for pageNumber in 1...maximumPages {
            var headers = try authorization(for: source)
            // Validators go with the first request only: later pages are different documents.
            if pageNumber == 1 {
                if let etag = status.etag { headers["If-None-Match"] = etag }
                if let lastModified = status.lastModified { headers["If-Modified-Since"] = lastModified }
                headers["Accept"] = Self.accept(source.kind)
            }
            let response: HTTPClient.Response
            do {
                response = try http.get(url, headers: headers, timeout: Int(source.timeout.rounded(.up)))
            } catch let error as MusterError {
                throw PollFailure(message: error.message, added: fetched.added)
            }
            if response.status == 401, source.kind == .bluesky, sessions.forget(source.name) {
                // The session ran out: the next poll signs in again.
                throw PollFailure(message: "Bluesky refused the session (HTTP 401); signing in again on the next poll", added: fetched.added)
            }
            switch response.status {
            case 304 where pageNumber == 1:
                fetched.notModified = true
                fetched.etag = response.headers["etag"]
                return fetched
            case 200..<300:
                break
            case 429, 503:
                throw PollFailure(
                    message: "\(Self.host(url)) answered HTTP \(response.status)\(response.retryAfter.map { ", asking for \($0) s" } ?? "")",
                    retryAfter: response.retryAfter, added: fetched.added
                )
            default:
                throw PollFailure(message: "\(Self.host(url)) answered HTTP \(response.status)", added: fetched.added)
            }
            if pageNumber == 1 {
                fetched.etag = response.headers["etag"]
                fetched.lastModified = response.headers["last-modified"]
            }
            let page: SourcePage
            do {
                page = try SourceReader.page(of: source, body: response.body, link: response.headers["link"], url: url)
            } catch let error as MusterError {
                throw PollFailure(message: error.message, added: fetched.added)
            }
            let report: IngestReport
            do {
                report = try ingester.store(page, from: source)
            } catch {
                throw PollFailure(message: "posts could not be stored: \(error)", added: fetched.added)
            }
            fetched.added += report.inserted
            fetched.rejected += report.rejected
            cursor = Self.newer(page.newest, than: cursor)
            fetched.cursor = cursor
            guard let next = nextURL(source, page: page, cursor: cursor, newPosts: report.inserted + report.counts.edited) else { break }
            url = next
        }
        return fetched
    }

    /// The next page to read in this poll, if any.
    ///
    /// Mastodon is read forward from the newest id seen (`min_id`), a full page meaning there is more. Other kinds
    /// page backwards from the newest; reading stops at the first page that brought nothing new.
    private func nextURL(_ source: Source, page: SourcePage, cursor: String?, newPosts: Int) -> String? {
        switch source.kind {
        case .rss:
            return nil
        case .mastodon:
            return page.count >= SourceReader.mastodonPageSize ? SourceReader.firstURL(for: source, cursor: cursor) : nil
        case .bluesky, .json:
            return page.count > 0 && newPosts > 0 ? page.next : nil
        }
    }

    /// Request headers that prove who we are, from the environment variable the source names.
    private func authorization(for source: Source) throws -> [String: String] {
        guard let variable = source.credential else { return [:] }
        guard let secret = environment[variable], !secret.isEmpty else {
            throw PollFailure(message: "the environment variable \(variable) that holds its credential is not set")
        }
        if source.kind == .bluesky, let identifier = source.identifier {
            do {
                return ["Authorization": "Bearer \(try sessions.token(for: source, identifier: identifier, password: secret))"]
            } catch let error as MusterError {
                throw PollFailure(message: error.message)
            }
        }
        return ["Authorization": "Bearer \(secret)"]
    }

    private static func accept(_ kind: Source.Kind) -> String {
        kind == .rss ? "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.1" : "application/json"
    }

    private static func host(_ url: String) -> String {
        URL(string: url)?.host ?? url
    }

    /// The later of two cursors, by `SourceID`'s order.
    static func newer(_ candidate: String?, than current: String?) -> String? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        return SourceID.precedes(current, candidate) ? candidate : current
    }
}
