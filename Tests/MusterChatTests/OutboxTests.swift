import Crypto
import Foundation
import Logging
import MusterChat
import MusterCore
import MusterDelivery
import MusterNet
import MusterStore
import MusterTesting
import Testing

/// The outbox: late answers and proactive posts are written down first, then delivered, retried or kept as failed.
@Suite("Outbox")
struct OutboxTests {
    let now = Fixture.now
    let path: String
    let store: SQLitePostStore
    let outbox: any Outbox

    init() throws {
        path = try Fixture.temporaryDirectory().appendingPathComponent("outbox.sqlite").path
        store = try SQLitePostStore(path: path)
        outbox = store.outbox
    }

    func message(to destination: String, platform: ChatPlatform = .slack, at time: Date? = nil) -> OutboxMessage {
        OutboxMessage(platform: platform, destination: destination, label: "answer to priya in C0NBCOMMS", body: #"{"text":"bins"}"#, at: time ?? now)
    }

    func stored(_ id: Int64) throws -> OutboxMessage {
        try #require(try outbox.messages().first { $0.id == id })
    }

    @Test("queued messages fall due oldest first, and not before their time")
    func dueOldestFirst() throws {
        let newer = try outbox.enqueue(message(to: "env:A", at: now))
        let older = try outbox.enqueue(message(to: "env:B", at: now.addingTimeInterval(-60)))
        #expect(try outbox.due(at: now).map(\.id) == [older, newer])
        #expect(try outbox.due(at: now.addingTimeInterval(-30)).map(\.id) == [older])
        #expect(try outbox.nextDue() == now.addingTimeInterval(-60))
        let first = try stored(older)
        #expect(first.status == .pending && first.attempts == 0 && first.destination == "env:B" && first.body == #"{"text":"bins"}"#)
    }

    @Test("a rescheduled message waits; a failed one is kept with its error until someone retries it")
    func lifecycle() throws {
        let first = try outbox.enqueue(message(to: "env:A"))
        let second = try outbox.enqueue(message(to: "env:B"))

        try outbox.reschedule(first, attempts: 1, next: now.addingTimeInterval(60), error: "HTTP 503: busy")
        #expect(try outbox.due(at: now).map(\.id) == [second])
        #expect(try outbox.due(at: now.addingTimeInterval(60)).map(\.id) == [second, first], "due soonest first")
        #expect(try stored(first).lastError == "HTTP 503: busy")
        #expect(try stored(first).attempts == 1)

        try outbox.markFailed(second, attempts: 10, error: "HTTP 404: no_service")
        #expect(try outbox.due(at: now.addingTimeInterval(3600)).map(\.id) == [first])
        let failed = try outbox.messages(status: .failed)
        #expect(failed.map(\.id) == [second])
        #expect(failed.first?.lastError == "HTTP 404: no_service")
        #expect(try outbox.counts() == [.pending: 1, .failed: 1])

        #expect(try outbox.retry(second, at: now))
        #expect(try !outbox.retry(second, at: now), "only a failed message can be retried")
        #expect(try outbox.due(at: now).map(\.id) == [second])

        try outbox.markDelivered(second, attempts: 11, at: now)
        #expect(try stored(second).deliveredAt == now)
        #expect(try stored(second).lastError == nil)
        #expect(try outbox.counts() == [.pending: 1, .delivered: 1])
    }

    @Test("the outbox survives a restart: a new connection to the file finds every message as it was")
    func survivesRestart() throws {
        let waiting = try outbox.enqueue(message(to: "env:A"))
        let failed = try outbox.enqueue(message(to: "env:B"))
        try outbox.markFailed(failed, attempts: 3, error: "HTTP 410: gone")

        let reopened = try SQLitePostStore(path: path).outbox
        #expect(try reopened.due(at: now).map(\.id) == [waiting])
        let kept = try #require(try reopened.messages(status: .failed).first)
        #expect(kept.id == failed && kept.lastError == "HTTP 410: gone" && kept.attempts == 3)
        #expect(try reopened.messages() == outbox.messages())
    }

    @Test("retry verdicts: success, backoff, Retry-After, permanent refusals and giving up")
    func retryPolicy() {
        let policy = RetryPolicy()
        #expect(policy.verdict(attempt: 1, status: 200, retryAfter: nil) == .delivered)
        #expect(policy.verdict(attempt: 1, status: 204, retryAfter: nil) == .delivered)
        #expect(policy.verdict(attempt: 1, status: 500, retryAfter: nil) == .retry(after: 1))
        #expect(policy.verdict(attempt: 2, status: 502, retryAfter: nil) == .retry(after: 2))
        #expect(policy.verdict(attempt: 3, status: 500, retryAfter: nil) == .retry(after: 4))
        #expect(policy.verdict(attempt: 1, status: 429, retryAfter: 7) == .retry(after: 7))
        #expect(policy.verdict(attempt: 1, status: 429, retryAfter: 86_400) == .retry(after: 300), "a service's Retry-After is capped")
        #expect(policy.verdict(attempt: 9, status: 503, retryAfter: nil) == .retry(after: 256))
        #expect(policy.verdict(attempt: 1, status: 404, retryAfter: nil) == .failed)
        #expect(policy.verdict(attempt: 1, status: 400, retryAfter: nil) == .failed)
        #expect(policy.verdict(attempt: 1, status: nil, retryAfter: nil) == .retry(after: 1), "no answer at all may be passing")
        #expect(policy.verdict(attempt: policy.maximumAttempts, status: 500, retryAfter: nil) == .failed)
        #expect(policy.verdict(attempt: policy.maximumAttempts, status: nil, retryAfter: nil) == .failed)
    }

    func worker(environment: [String: String] = [:], credentials: any OutboxCredentials = NoOutboxCredentials()) -> OutboxWorker {
        OutboxWorker(
            outbox: outbox, client: HTTPClient(timeout: 5, maximumBodySize: 1 << 16), clock: FixedClock(now), environment: environment, credentials: credentials,
            logger: Logger(label: "muster.test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    @Test("a destination whose environment variable is missing is retried later, with an error naming the variable")
    func missingVariable() throws {
        let id = try outbox.enqueue(message(to: "env:MUSTER_TEST_MISSING"))
        #expect(worker().deliverDue() == 1)
        let after = try stored(id)
        #expect(after.status == .pending)
        #expect(after.attempts == 1)
        #expect(after.nextAttemptAt == now.addingTimeInterval(1))
        #expect(after.lastError?.contains("MUSTER_TEST_MISSING") == true)
    }

    @Test("an unreachable destination is retried later, and is given up on after the last attempt")
    func unreachable() throws {
        let id = try outbox.enqueue(message(to: "http://127.0.0.1:1/x", platform: .webhook))
        #expect(worker().deliverDue() == 1)
        let after = try stored(id)
        #expect(after.status == .pending && after.attempts == 1 && after.nextAttemptAt > now)
        #expect(after.lastError != nil)

        try outbox.reschedule(id, attempts: RetryPolicy().maximumAttempts - 1, next: now, error: "earlier")
        #expect(worker().deliverDue() == 1)
        #expect(try stored(id).status == .failed)
        #expect(try stored(id).attempts == RetryPolicy().maximumAttempts)
    }

    @Test("messages to one Slack webhook are paced: one per pass, the rest wait their turn")
    func pacing() throws {
        let first = try outbox.enqueue(message(to: "env:MUSTER_TEST_MISSING"))
        let second = try outbox.enqueue(message(to: "env:MUSTER_TEST_MISSING"))
        #expect(worker().deliverDue() == 1)
        #expect(try stored(first).attempts == 1)
        #expect(try stored(second).attempts == 0)
    }

    @Test("webhook URLs are secrets: logs and listings show only the scheme and host")
    func redaction() {
        #expect(OutboxWorker.redacted("https://hooks.slack.com/services/T/B/X") == "https://hooks.slack.com/…")
        #expect(OutboxWorker.redacted("http://127.0.0.1:8065/hooks/abc") == "http://127.0.0.1:8065/…")
        #expect(OutboxWorker.redacted("env:MUSTER_SLACK_WEBHOOK_URL") == "env:MUSTER_SLACK_WEBHOOK_URL")
    }

    @Test("two senders on one outbox (muster serve and muster post beside it) never both send a message")
    func twoSenders() throws {
        let folder = try Fixture.temporaryDirectory()
        let log = folder.appendingPathComponent("requests.ndjson")
        let server = try Receiver(log: log)
        defer { server.stop() }
        let ids = try (1...5).map { try outbox.enqueue(message(to: "http://127.0.0.1:\(server.port)/slow/\($0)", platform: .webhook)) }
        // Each sender has its own connection to the file, as two processes do.
        let senders = try (0..<2).map { _ in OutboxWorker(outbox: try SQLitePostStore(path: path).outbox, clock: FixedClock(now)) }
        let group = DispatchGroup()
        for sender in senders {
            group.enter()
            Thread {
                sender.deliverDue()
                group.leave()
            }.start()
        }
        group.wait()
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(requests.count == 5, "each message is sent once, not once per sender")
        for id in ids {
            let sent = try stored(id)
            #expect(sent.status == .delivered && sent.attempts == 1)
        }
    }

    @Test("a claim held by a sender that died runs out, and another sender then delivers the message")
    func claimRunsOut() throws {
        let id = try outbox.enqueue(message(to: "env:A"))
        #expect(try outbox.claimDue(at: now, owner: "crashed", lease: 60, limit: 10).map(\.id) == [id])
        #expect(try outbox.claimDue(at: now.addingTimeInterval(30), owner: "other", lease: 60, limit: 10).isEmpty, "held by its claim")
        #expect(try outbox.claimDue(at: now.addingTimeInterval(61), owner: "other", lease: 60, limit: 10).map(\.id) == [id], "free once the claim ran out")
    }

    @Test("against a real HTTP server: 200 is delivered and signed, 404 fails for good, 429 waits as long as asked")
    func realServer() throws {
        let folder = try Fixture.temporaryDirectory()
        let log = folder.appendingPathComponent("requests.ndjson")
        let server = try Receiver(log: log)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let delivered = try outbox.enqueue(message(to: "env:MUSTER_TEST_RECEIVER", platform: .webhook))
        let gone = try outbox.enqueue(message(to: "\(base)/gone"))
        let busy = try outbox.enqueue(message(to: "\(base)/busy", platform: .teams))
        let signedAt = Date(timeIntervalSince1970: 1_800_000_000)
        let credentials = ChatCredentials(secrets: ChatSecrets(environment: ["MUSTER_WEBHOOK_SECRET": "webhook-secret"]), clock: FixedClock(signedAt)) { _, _ in
            (500, Data())
        }

        #expect(worker(environment: ["MUSTER_TEST_RECEIVER": "\(base)/ok"], credentials: credentials).deliverDue() == 3)

        let ok = try stored(delivered)
        #expect(ok.status == .delivered && ok.attempts == 1 && ok.deliveredAt == now)
        let refused = try stored(gone)
        #expect(refused.status == .failed && refused.lastError == "HTTP 404: no_service")
        let waiting = try stored(busy)
        #expect(waiting.status == .pending && waiting.nextAttemptAt == now.addingTimeInterval(7))

        // The receiving tool can check the delivered answer came from Muster, as the webhook's docs describe.
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])
        }
        let received = try #require(requests.first { $0["path"] == "/ok" })
        #expect(received["body"] == #"{"text":"bins"}"#)
        #expect(received["timestamp"] == "1800000000")
        let code = HMAC<SHA256>.authenticationCode(for: Data("v1:1800000000:{\"text\":\"bins\"}".utf8), using: SymmetricKey(data: Data("webhook-secret".utf8)))
        #expect(received["signature"] == "v1=" + code.map { String(format: "%02x", $0) }.joined())
        #expect(requests.first { $0["path"] == "/gone" }?["signature"] == "", "only generic webhook messages are signed")
    }
}

/// A throwaway HTTP server on loopback that logs each POST to a file and answers by path: `/ok` 200, `/gone` 404,
/// `/busy` 429 with `Retry-After: 7`, `/slow…` 200 after 1.5 s (a chat service under load).
///
/// It exits when its standard input closes rather than on SIGTERM, which a child inherits blocked when it is started
/// from one of the test runner's threads.
private struct Receiver {
    let process = Process()
    let input = Pipe()
    let port: Int

    static let script = """
        import http.server, json, os, sys, threading, time
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        log = open(sys.argv[1], "a")
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                log.write(json.dumps({"path": self.path, "body": body, "timestamp": self.headers.get("X-Muster-Timestamp", ""),
                                      "signature": self.headers.get("X-Muster-Signature", "")}) + "\\n")
                log.flush()
                if self.path.startswith("/slow"):
                    time.sleep(1.5)
                status = 200 if self.path.startswith("/slow") else {"/ok": 200, "/gone": 404, "/busy": 429}.get(self.path, 500)
                answer = b"ok" if status == 200 else b"no_service"
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "7")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            def log_message(self, *arguments):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    init(log: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", Self.script, log.path]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var banner = ""
        while !banner.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        port = try #require(Int(banner.trimmingCharacters(in: .whitespacesAndNewlines)), "the test HTTP server did not start")
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
