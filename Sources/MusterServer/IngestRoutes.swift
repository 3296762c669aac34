import Foundation
import Hummingbird
import Metrics
import MusterApp
import MusterChat
import MusterCore
import MusterIngest
import NIOCore

/// `POST /ingest`: posts pushed by a listening suite, a Power Automate or Zapier flow, or a council's own script,
/// under the same rules as `muster ingest`. A push is stored whole, with its audit row, or not at all.
struct IngestRoutes {
    let muster: Muster
    /// The bearer token pushes must carry (`MUSTER_INGEST_TOKEN`); `nil` switches the endpoint off.
    let token: String?
    /// Called after posts are stored, so watches are checked at once.
    var postsArrived: @Sendable () -> Void = {}

    /// The largest body accepted: a push is a batch of recent posts, not a history (that is `muster ingest`'s job).
    static let maximumBody = 16 << 20
    /// What a pushed record with no `source` is stored under.
    static let defaultSource = "push"

    func add(to router: Router<BasicRequestContext>) {
        router.post("/ingest") { request, _ -> Response in
            guard let token else {
                return ConsoleRoutes.problem("Push ingest is off: set MUSTER_INGEST_TOKEN to a long random token and restart muster serve.", status: .serviceUnavailable)
            }
            let presented = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard let presented, RequestSignature.constantTimeEqual(presented, token) else {
                var refusal = ConsoleRoutes.problem("Send the ingest token as Authorization: Bearer <MUSTER_INGEST_TOKEN>.", status: .unauthorized)
                refusal.headers[.wwwAuthenticate] = "Bearer realm=\"muster ingest\""
                return refusal
            }
            var request = request
            // Reading stops at the limit: an oversized body is never held whole.
            guard let buffer = try? await request.collectBody(upTo: Self.maximumBody) else {
                return ConsoleRoutes.problem("The body is over \(Self.maximumBody >> 20) MB; send the posts in smaller batches.", status: .contentTooLarge)
            }
            let body = Data(buffer: buffer)
            let muster = self.muster
            let outcome: Result<IngestReport, any Error>
            do {
                outcome = try await Blocking.run {
                    Result {
                        try muster.ingester.ingest(pushed: body, name: "request", source: Self.defaultSource) { counts in
                            AuditEntry(at: muster.clock.now, user: "push", channel: "ingest", action: "push ingest", detail: IngestReport(counts: counts).summary)
                        }
                    }
                }
            } catch {
                return ConsoleRoutes.problem("Muster is shutting down and stored nothing: \(error)", status: .serviceUnavailable)
            }
            switch outcome {
            case .success(let report) where !report.rejected.isEmpty:
                Counter(label: "muster_push_requests_total", dimensions: [("result", "rejected")]).increment()
                return Self.rejected(report)
            case .success(let report):
                Counter(label: "muster_push_requests_total", dimensions: [("result", "stored")]).increment()
                Counter(label: "muster_pushed_posts_total").increment(by: report.counts.inserted)
                if report.counts.inserted > 0 { postsArrived() }
                return Self.stored(report)
            case .failure(let error as MusterError):
                Counter(label: "muster_push_requests_total", dimensions: [("result", "unreadable")]).increment()
                return ConsoleRoutes.problem("Nothing was stored: \(error.message)", status: .badRequest)
            case .failure(let error):
                Counter(label: "muster_push_requests_total", dimensions: [("result", "failed")]).increment()
                return ConsoleRoutes.problem("Nothing was stored (the store could not take the posts and their audit row): \(error)", status: .serviceUnavailable)
            }
        }
    }

    private static func stored(_ report: IngestReport) -> Response {
        let counts = report.counts
        return json([
            "added": counts.inserted, "edited": counts.edited, "updated": counts.updated, "unchanged": counts.unchanged,
            "withheld": counts.withheld, "removed": counts.removed,
        ], status: .ok)
    }

    private static func rejected(_ report: IngestReport) -> Response {
        json([
            "error": "\(report.rejected.count) record\(report.rejected.count == 1 ? " was" : "s were") rejected, so nothing was stored; fix them and send the batch again",
            "rejected": report.rejected.map { ["line": $0.line, "reason": $0.reason] as [String: Any] },
        ], status: .unprocessableContent)
    }

    private static func json(_ object: [String: Any], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
