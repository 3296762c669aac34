import Foundation
import MusterApp
import MusterCore
import MusterDelivery
import MusterStore
import MusterTesting
import Testing

/// `kill -9` at the worst moments, and writers racing a long ingest: the store stays sound, nothing acknowledged is
/// lost, and a re-run finishes the job exactly.
@Suite("Crashes and contention", .serialized)
struct CrashTests {
    let folder = try! Fixture.temporaryDirectory()

    /// A month of generated posts, written once for the suite.
    static let posts: (path: String, count: Int) = {
        let folder = try! Fixture.temporaryDirectory()
        let path = folder.appendingPathComponent("generated.ndjson").path
        let run = try! Fixture.run(CLITests.binary.path, ["generate", "--now", "2026-11-24T09:42:00Z", "--days", "30", "--scale", "0.6", path], in: Fixture.repositoryRoot)
        precondition(run.status == 0, run.output)
        let count = try! String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
        return (path, count)
    }()

    /// A store holding one post, so that an ingest into it takes the path of a store in use.
    func storeInUse() throws -> String {
        let store = folder.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
        let seed = folder.appendingPathComponent("seed.ndjson")
        try #"{"id": "seed", "text": "Bins on Mill Lane", "created_at": "2026-11-23T08:00:00Z"}"#.write(to: seed, atomically: true, encoding: .utf8)
        #expect(try muster(["ingest", seed.path], store: store).status == 0)
        return store
    }

    func muster(_ arguments: [String], store: String) throws -> (status: Int32, output: String) {
        try Fixture.run(CLITests.binary.path, arguments + ["--store", store, "--now", "2026-11-24T09:42:00Z"], in: Fixture.repositoryRoot)
    }

    /// Starts `muster` with `arguments` on `store`, without waiting for it.
    func start(_ arguments: [String], store: String) throws -> Process {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments + ["--store", store, "--now", "2026-11-24T09:42:00Z"]
        process.currentDirectoryURL = Fixture.repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `condition` holds on a fresh connection to `store`, polling.
    func wait(for store: String, until condition: (SQLitePostStore) throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(120)
        let reader = try SQLitePostStore(path: store)
        while try !condition(reader) {
            guard Date() < deadline else {
                Issue.record("timed out waiting on \(store)")
                return
            }
            usleep(20_000)
        }
    }

    func killed(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SQLite's and FTS5's own checks, and no row derived from a post that is gone.
    func expectSound(_ path: String) throws {
        #expect(try Fixture.problems(in: SQLitePostStore(path: path)) == [])
    }

    @Test("kill -9 during an ingest into a store in use: the store is sound and a re-run stores exactly what was missing")
    func killedIngest() throws {
        let store = try storeInUse()
        let ingest = try start(["ingest", Self.posts.path], store: store)
        try wait(for: store) { try $0.totalPosts() > 5_000 }
        killed(ingest)
        try expectSound(store)
        let kept = try SQLitePostStore(path: store).totalPosts()
        #expect(kept > 1 && kept < Self.posts.count + 1, "killed part-way: \(kept)")
        let again = try muster(["ingest", Self.posts.path], store: store)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("\((Self.posts.count + 1 - kept).grouped) new"), "\(again.output)")
        #expect(try SQLitePostStore(path: store).totalPosts() == Self.posts.count + 1)
        try expectSound(store)
    }

    @Test("kill -9 during a bulk load into an empty store: it rolls back to empty, and a re-run loads the whole file")
    func killedBulkLoad() throws {
        let store = folder.appendingPathComponent("empty.sqlite").path
        let ingest = try start(["ingest", Self.posts.path], store: store)
        // The load writes its journal once it starts storing posts. The file is watched, not opened: another
        // connection would keep the store in WAL mode, which is the other test's case.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: store + "-journal"), Date() < deadline { usleep(5_000) }
        #expect(FileManager.default.fileExists(atPath: store + "-journal"), "the load started")
        usleep(1_000_000)
        killed(ingest)
        try expectSound(store)
        #expect(try SQLitePostStore(path: store).totalPosts() == 0, "a load into an empty store lands whole or not at all")
        #expect(try muster(["ingest", Self.posts.path], store: store).status == 0)
        #expect(try SQLitePostStore(path: store).totalPosts() == Self.posts.count)
        try expectSound(store)
    }

    @Test("kill -9 during a prune: the store is sound and a re-run finishes it")
    func killedPrune() throws {
        let store = try storeInUse()
        #expect(try muster(["ingest", Self.posts.path], store: store).status == 0)
        let total = try SQLitePostStore(path: store).totalPosts()
        // From 2028 every post is past the demo config's 365 days.
        let prune = Process()
        prune.executableURL = CLITests.binary
        prune.arguments = ["prune", "--store", store, "--now", "2028-01-01T00:00:00Z"]
        prune.currentDirectoryURL = Fixture.repositoryRoot
        prune.standardOutput = FileHandle.nullDevice
        try prune.run()
        try wait(for: store) { try $0.totalPosts() < total - 4_000 }
        killed(prune)
        try expectSound(store)
        let again = try Fixture.run(CLITests.binary.path, ["prune", "--store", store, "--now", "2028-01-01T00:00:00Z"], in: Fixture.repositoryRoot)
        #expect(again.status == 0, "\(again.output)")
        #expect(try SQLitePostStore(path: store).totalPosts() == 0)
        try expectSound(store)
    }

    @Test("kill -9 while a message is being sent: it is not lost; once the dead sender's claim runs out it is sent again (at least once)")
    func killedDelivery() throws {
        let store = try storeInUse()
        let log = folder.appendingPathComponent("received.txt")
        let receiver = Process()
        receiver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Answers after 3 s, logging each request when it arrives: the sender is killed while it waits.
        receiver.arguments = ["python3", "-u", "-c", """
            import http.server, sys, time
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    open(sys.argv[1], "a").write("request\\n")
                    time.sleep(3)
                    self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
                def log_message(self, *arguments): pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """, log.path]
        let banner = Pipe()
        receiver.standardOutput = banner
        receiver.standardError = FileHandle.nullDevice
        try receiver.run()
        // SIGKILL: a child started from a test runner's thread inherits SIGTERM blocked (see OutboxTests' Receiver),
        // and one left running holds the test run's output open.
        defer {
            kill(receiver.processIdentifier, SIGKILL)
            receiver.waitUntilExit()
        }
        let port = try #require(Int(String(decoding: banner.fileHandleForReading.availableData, as: UTF8.self).trimmed))

        let post = Process()
        post.executableURL = CLITests.binary
        post.arguments = ["post", "--to", "slack", "--store", store, "--now", "2026-11-24T09:42:00Z", "help"]
        post.currentDirectoryURL = Fixture.repositoryRoot
        post.environment = ProcessInfo.processInfo.environment.merging(["MUSTER_SLACK_WEBHOOK_URL": "http://127.0.0.1:\(port)/hook"]) { $1 }
        post.standardOutput = FileHandle.nullDevice
        post.standardError = FileHandle.nullDevice
        try post.run()
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOf: log, encoding: .utf8)) == nil, Date() < deadline { usleep(20_000) }
        killed(post)

        let outbox = try SQLitePostStore(path: store).outbox
        let waiting = try outbox.messages(status: .pending)
        #expect(waiting.count == 1, "the message is still there, not lost and not marked sent")
        // Another sender cannot take it while the dead one's claim holds, and can once it has run out.
        let now = Date()
        let environment = ["MUSTER_SLACK_WEBHOOK_URL": "http://127.0.0.1:\(port)/hook"]
        #expect(OutboxWorker(outbox: outbox, clock: FixedClock(now), environment: environment).deliverDue() == 0)
        #expect(OutboxWorker(outbox: outbox, clock: FixedClock(now.addingTimeInterval(120)), environment: environment).deliverDue() == 1)
        #expect(try outbox.messages(status: .delivered).count == 1)
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count
        #expect(requests == 2, "sent twice: the first send's fate died with its sender, so delivery is at least once")
    }

    @Test("audit rows written while a long ingest runs in another process all land: the ingest yields the write lock")
    func auditDuringIngest() throws {
        let store = try storeInUse()
        let ingest = try start(["ingest", Self.posts.path], store: store)
        defer { if ingest.isRunning { killed(ingest) } }
        try wait(for: store) { try $0.totalPosts() > 2_000 }
        let writer = try SQLitePostStore(path: store)
        var written = 0
        var failures: [String] = []
        while ingest.isRunning {
            do {
                try writer.audit(AuditEntry(at: Fixture.now, user: "priya", channel: "console", action: "ask", detail: "bins riverside? \(written)"))
                written += 1
            } catch {
                failures.append("\(error)")
            }
            usleep(100_000)
        }
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(written > 10, "the ingest ran long enough to race: \(written) rows")
        #expect(try writer.database.scalar("SELECT count(*) FROM audit WHERE user = 'priya'") == written)
    }
}
