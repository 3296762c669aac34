import Foundation
import MusterCore
import MusterTesting
import Testing

/// Runs the built `muster` binary as a person would, from the repository root.
@Suite("muster command line")
struct CLITests {
    let folder = try! Fixture.temporaryDirectory()
    /// A PostgreSQL database for the posts (`MUSTER_STORE=postgres://…`), the rest staying in the folder's file.
    var postgres: String?
    /// A replica of that database to read answers from (`MUSTER_STORE_READ`).
    var replica: String?

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("muster")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Fixture.repositoryRoot.appendingPathComponent(".build/debug/muster")
    }()

    func muster(_ arguments: String...) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = Fixture.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["MUSTER_STORE"] = postgres ?? folder.appendingPathComponent("cli.sqlite").path
        environment["MUSTER_STORE_FILE"] = folder.appendingPathComponent("cli.sqlite").path
        environment["MUSTER_STORE_READ"] = replica
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    @Test("ingest reports bad rows by line, keeps the good ones, and adds nothing the second time")
    func ingest() throws {
        let file = folder.appendingPathComponent("posts.ndjson")
        try """
            {"id": "1", "text": "Bins on Mill Lane not collected", "created_at": "2026-11-23T08:00:00Z"}
            {"id": "2", "text": "missing a time"}
            {"id": "3", "text": "Rubbish everywhere on Ferry Road", "created_at": "2026-11-23T09:00:00Z"}
            """.write(to: file, atomically: true, encoding: .utf8)
        let first = try muster("ingest", file.path)
        #expect(first.status != 0, "a script can tell that a record was refused")
        #expect(first.output.contains("2 new, 0 edited, 0 updated, 0 unchanged, 1 rejected"))
        #expect(first.output.contains("rejected \(file.path):2: no created_at"))
        #expect(first.errors == "error: 1 record(s) rejected; the rest were stored\n", "no progress bar when standard error is not a terminal")
        let second = try muster("ingest", file.path)
        #expect(second.output.contains("0 new, 0 edited, 0 updated, 2 unchanged, 1 rejected"))

        let answer = try muster("ask", "--now", "2026-11-24T09:42:00Z", "what are people saying about bins in Ward 4?")
        #expect(answer.status == 0)
        #expect(answer.output.hasPrefix("Bins and waste in Ward 4 (Riverside) · the last 7 days"))
        #expect(answer.output.contains("Posts      2 — none in the previous 7 days"))
    }

    @Test("generate writes demo-like posts oldest first that ingest takes whole, the same ones every time")
    func generate() throws {
        let file = folder.appendingPathComponent("generated.ndjson")
        let run = try muster("generate", "--now", "2026-11-24T09:42:00Z", "--days", "40", "--scale", "0.5", file.path)
        #expect(run.status == 0, "\(run.errors)")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(run.output.hasPrefix("Wrote \(lines.count.grouped) posts over 40 days"))
        // Half of a day's 1,200 background posts for 40 days, plus the stories.
        #expect(lines.count > 24_000 && lines.count < 40_000, "\(lines.count)")
        let times = try lines.map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["created_at"] as? String)
        }
        #expect(times == times.sorted(), "oldest first")
        #expect(times.first! >= "2026-10-15", "nothing before the 40 days")
        #expect(times.last! <= "2026-11-24T09:42:00Z", "nothing after now")
        let store = folder.appendingPathComponent("cli.sqlite").path
        #expect(!FileManager.default.fileExists(atPath: store), "writing posts to a file creates no store")

        let again = folder.appendingPathComponent("again.ndjson")
        _ = try muster("generate", "--now", "2026-11-24T09:42:00Z", "--days", "40", "--scale", "0.5", again.path)
        #expect(try Data(contentsOf: again) == Data(contentsOf: file), "the same seed gives the same posts")

        let ingest = try muster("ingest", file.path)
        #expect(ingest.output.contains("\(lines.count.grouped) new, 0 edited, 0 updated, 0 unchanged, 0 rejected"), "\(ingest.output)")
    }

    @Test("a missing file is an error that says what to do, with a non-zero exit")
    func missingFile() throws {
        let run = try muster("ingest", "/nonexistent/posts.ndjson")
        #expect(run.status != 0)
        #expect(run.errors.contains("cannot read /nonexistent/posts.ndjson"))
    }

    @Test("intents check passes on the repository's intents")
    func intentsCheck() throws {
        let run = try muster("intents", "check")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains(": 0 problems"))
    }

    @Test("intents explain shows the things found, each intent's score and cues, and why the winner won; --json says the same")
    func explain() throws {
        let run = try muster("intents", "explain", "bins riverside?")
        #expect(run.output.contains("things:\n  topic = bins   (“bins”)\n  area = Riverside   (“riverside”)"), "\(run.output)")
        #expect(run.output.contains("decision: answer topic_summary with area=\"Riverside\", topic=\"bins\""))
        #expect(run.output.contains("why: topic_summary wins with 2"))
        let json = try muster("intents", "explain", "--json", "any rumours about the fire?")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["decision"] as? String == "answer")
        #expect(object["intent"] as? String == "rumours")
        #expect((object["slots"] as? [String: String])?["topic"] == "fire")
        let intents = try #require(object["intents"] as? [[String: Any]])
        #expect(intents.first?["intent"] as? String == "rumours")
        #expect((intents.first?["cues"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test("intents misses lists what was not understood, grouped, after it happens")
    func misses() throws {
        let store = try Fixture.temporaryDirectory().appendingPathComponent("misses.sqlite").path
        _ = try muster("ask", "--store", store, "purple monkey dishwasher")
        _ = try muster("ask", "--store", store, "mark as handled")
        let run = try muster("intents", "misses", "--store", store)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("Not understood (did you mean) (1)"), "\(run.output)")
        #expect(run.output.contains("purple monkey dishwasher"))
        #expect(run.output.contains("Missing something the ask needs (1)"))
        #expect(run.output.contains("  mark_handled: 1"))
    }

    @Test("a bad --now is refused before anything runs")
    func badNow() throws {
        let run = try muster("ask", "--now", "yesterday-ish", "hello")
        #expect(run.status != 0)
        #expect(run.errors.contains("is not an ISO 8601 time"))
    }
}
