import Foundation
import MusterApp
import MusterIngest
import MusterTesting
import Testing

/// NDJSON streams through a small buffer: what a user sees must not depend on where the reads fall.
@Suite("Streaming NDJSON")
struct StreamingIngestTests {
    let muster = try! Fixture.empty()
    let folder = try! Fixture.temporaryDirectory()

    /// An ingester reading 1 kB at a time and writing 40 posts a batch, so small files cross many reads and batches.
    var ingester: Ingester {
        var ingester = muster.ingester
        ingester.chunkSize = 1_000
        ingester.batchSize = 40
        return ingester
    }

    func write(_ name: String, _ lines: [String]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func line(_ number: Int) -> String {
        #"{"id": "s\#(number)", "text": "Post \#(number) \#(String(repeating: "x", count: number % 97)) about the bins on Mill Lane, café 🥰", "created_at": "2026-11-23T08:00:00Z", "likes": \#(number)}"#
    }

    @Test("a file many times the read size lands whole, records that straddle two reads included")
    func straddling() throws {
        let path = try write("long.ndjson", (1...500).map(Self.line))
        var calls: [(Int, Int)] = []
        let report = try ingester.ingest(path) { calls.append(($0, $1)) }
        #expect(report.inserted == 500 && report.rejected.isEmpty)
        let texts = try muster.store.database.rows("SELECT external_id, text, likes FROM post") { ($0.string(0), $0.string(1), $0.int(2)) }
        #expect(texts.count == 500)
        for (id, text, likes) in texts {
            let number = Int(id.dropFirst())!
            #expect(text == "Post \(number) \(String(repeating: "x", count: number % 97)) about the bins on Mill Lane, café 🥰")
            #expect(likes == number)
        }
        #expect(calls.last.map { $0 == (500, 500) } == true)
        #expect(calls.dropLast().allSatisfy { $0.0 < $0.1 })
    }

    @Test("a bad line in the middle is rejected with its own line number and the rest land")
    func badLineInTheMiddle() throws {
        var lines = (1...300).map(Self.line)
        lines[149] = #"{"id": "broken", "text": "no closing brace""#
        lines[200] = ""
        lines[249] = #"{"id": "s250", "text": "no time"}"#
        let report = try ingester.ingest(try write("bad.ndjson", lines))
        #expect(report.inserted == 297)
        #expect(report.rejected.map(\.line) == [150, 250])
        #expect(report.rejected.first?.reason == "not valid JSON")
        #expect(try muster.store.totalPosts() == 297)
    }

    @Test("JSON escapes come through into the post's text")
    func escapes() throws {
        let path = try write("escapes.ndjson", [
            #"{"id": "e1", "text": "line one\nline \"two\" caf\u00e9 \ud83d\ude00 tab\there \/ back\\slash", "created_at": "2026-11-23T08:00:00Z"}"#,
            #"{"id": "e2", "text": "a lone \ud83d surrogate", "created_at": "2026-11-23T08:00:00Z"}"#,
            "{\"id\": \"e3\", \"text\": \"a raw\ttab\", \"created_at\": \"2026-11-23T08:00:00Z\"}",
        ])
        let report = try ingester.ingest(path)
        #expect(report.inserted == 1)
        #expect(report.rejected.map(\.line) == [2, 3])
        let text = try muster.store.database.rows("SELECT text FROM post WHERE external_id = 'e1'") { $0.string(0) }.first
        #expect(text == "line one\nline \"two\" café 😀 tab\there / back\\slash")
    }

    @Test("field names in any case, aliases, nested user and geo objects and long numeric ids still map")
    func aliases() throws {
        let path = try write("aliases.jsonl", [
            #"{"Tweet_ID": 1234567890123456789, "Full_Text": "  Flooding on Riverside Road  ", "Timestamp": 1795340000, "User": {"screen_name": "@bob"}, "geo": {"coordinates": [-1.58, 54.6]}, "Retweet_Count": "12", "LANG": "EN"}"#,
        ])
        let report = try ingester.ingest(path, source: "x")
        #expect(report.inserted == 1 && report.rejected.isEmpty)
        let row = try muster.store.database.rows("SELECT external_id, text, author_handle, shares, latitude, language FROM post") {
            ($0.string(0), $0.string(1), $0.string(2), $0.int(3), $0.double(4), $0.string(5))
        }.first
        #expect(row?.0 == "1234567890123456789" && row?.1 == "Flooding on Riverside Road" && row?.2 == "bob")
        #expect(row?.3 == 12 && row?.4 == 54.6 && row?.5 == "en")
    }

    @Test("Windows line endings and a last line without a newline")
    func crlf() throws {
        let path = folder.appendingPathComponent("crlf.ndjson").path
        try Data(((1...100).map(Self.line).joined(separator: "\r\n")).utf8).write(to: URL(fileURLWithPath: path))
        let report = try ingester.ingest(path)
        #expect(report.inserted == 100 && report.rejected.isEmpty)
    }

    @Test("a line that is not UTF-8 after many good batches stores nothing")
    func notUTF8Late() throws {
        let path = try write("late.ndjson", (1...400).map(Self.line))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data([0x0A, 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D, 0x0A]))
        try handle.close()
        #expect(throws: (any Error).self) { try ingester.ingest(path) }
        #expect(try muster.store.totalPosts() == 0)
    }
}
