import Foundation
import MusterCore
import MusterNet
import MusterTesting

#if canImport(Glibc)
import Glibc
#endif

extension ServiceBenchmark {
    /// Speaking first, end to end: a burst of posts pushed to `POST /ingest` until the alert it causes reaches the
    /// chat platform, through `muster serve` on the store (the scheduler waking on the push, every watch read
    /// against its baseline, the alert put in the outbox, the outbox worker posting it to Slack's Web API). The
    /// platform is a local recorder that notes when each post arrives. Each round has a standing watch of its own on
    /// a word nothing in the store says, so each burst is news. The floor, measured in the same rounds, is the part
    /// no detector can skip: the ingest request's own round trip (the posts stored) plus one post to the recorder.
    func alertLatency(rounds: Int) throws -> BenchmarkResult {
        let words = (0..<rounds).map { "zq\(String(UnicodeScalar(UInt8(97 + $0 % 26))))\($0 / 26)burst" }
        let watches = words.map { "    - {platform: slack, channel: C0BENCH, text: \($0), kind: spike, sensitivity: normal}" }
        let config = try Fixture.demoConfig(appending: "speaking_first:\n  watches:\n" + watches.joined(separator: "\n") + "\n")
        let recorder = try ArrivalRecorder()
        defer { recorder.stop() }
        let token = "benchmark-ingest-token-0123456789abcdef"
        let environment = [
            "MUSTER_INGEST_TOKEN": token, "MUSTER_SLACK_BOT_TOKEN": "xoxb-benchmark", "MUSTER_SLACK_API_URL": recorder.base + "/api/",
        ]
        let ((latencies, floors), _) = try serving(arguments: ["--config", config], environment: environment) { base, _ -> ([Double], [Double]) in
            let http = HTTPClient(timeout: 30)
            var latencies: [Double] = []
            var floors: [Double] = []
            for word in words {
                let body = Self.burst(of: word, count: 40)
                let before = recorder.arrivals.count
                let sent = Date().timeIntervalSince1970
                let response = try http.post("\(base)/ingest", body: body, contentType: "application/x-ndjson", headers: ["Authorization": "Bearer \(token)"])
                let answered = Date().timeIntervalSince1970
                guard response.status == 200 else { throw MusterError("the alert benchmark's push was refused: \(response.status)") }
                guard let alert = recorder.wait(after: before, seconds: 30) else { throw MusterError("no alert reached the recorder for \(word)") }
                guard alert.body.contains(word) else { throw MusterError("the alert for \(word) does not name it: \(alert.body.prefix(300))") }
                latencies.append((alert.at - sent) * 1_000)
                let direct = Date().timeIntervalSince1970
                _ = try http.post(recorder.base + "/floor", body: Data("{}".utf8), contentType: "application/json")
                floors.append((answered - sent + recorder.arrivals.last!.at - direct) * 1_000)
                // Slack's pacing holds a second message to one channel until a second after the first: rounds are
                // further apart than that, so each times the path to the platform, not the wait for its rate limit.
                Thread.sleep(forTimeInterval: 1.5)
            }
            return (latencies, floors)
        }
        let figure = Summary(latencies)
        return BenchmarkResult(
            name: "speaking first: a 40-post burst pushed to `POST /ingest` until its alert reaches Slack's Web API (\(words.count) watches, \(posts.grouped) posts)",
            unit: "ms", figure: figure, floor: Summary(floors),
            floorDescription: "the push's own round trip plus one post to the same recorder", target: "< 5 s", met: figure.p99 < 5_000
        )
    }

    /// `count` NDJSON posts saying `word`, each by its own author, made in the ten minutes before the pinned now.
    private static func burst(of word: String, count: Int) -> Data {
        let lines = (0..<count).map { index -> String in
            let made = Fixture.now.addingTimeInterval(-Double(15 * index + 5)).formatted(.iso8601)
            let post: [String: String] = [
                "id": "\(word)-\(index)", "author": "\(word)\(index)", "created_at": made,
                "text": "Strange smell near the \(word) depot on Mill Lane, is anyone else getting this? (\(index))",
            ]
            return String(decoding: try! JSONSerialization.data(withJSONObject: post, options: [.sortedKeys]), as: UTF8.self)
        }
        return Data(lines.joined(separator: "\n").utf8)
    }
}

/// A loopback HTTP server (Python's) that answers every POST as Slack's Web API would and notes when it arrived, by
/// this machine's wall clock, in a file this process reads.
final class ArrivalRecorder {
    struct Arrival {
        let at: Double
        let body: String
    }

    let base: String
    private let process: Process
    private let log: URL

    init() throws {
        let folder = try Fixture.temporaryDirectory()
        log = folder.appendingPathComponent("arrivals.ndjson")
        let script = folder.appendingPathComponent("recorder.py")
        try """
            import http.server, json, sys, time
            log = open(sys.argv[2], "a")
            class Recorder(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                    log.write(json.dumps({"at": time.time(), "body": body.decode("utf-8", "replace")}) + "\\n")
                    log.flush()
                    reply = json.dumps({"ok": True, "channel": "C0BENCH", "ts": "%.6f" % time.time()}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Recorder).serve_forever()
            """.write(to: script, atomically: true, encoding: .utf8)
        let port = Int.random(in: 40_001...50_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "\(port)", log.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = "http://127.0.0.1:\(port)"
        let http = HTTPClient(timeout: 1)
        for _ in 0..<100 where (try? http.post(base + "/ready", body: Data(), contentType: "text/plain"))?.status != 200 {
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Every post it has had, oldest first.
    var arrivals: [Arrival] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let at = object["at"] as? Double, let body = object["body"] as? String else { return nil }
            return Arrival(at: at, body: body)
        }
    }

    /// The first post after the first `count`, waiting up to `seconds` for it.
    func wait(after count: Int, seconds: Double) -> Arrival? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let seen = arrivals
            if seen.count > count { return seen[count] }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return nil
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
