import Foundation
import MusterApp
import MusterIngest
import MusterTesting
import Testing

@Suite("Ingest")
struct IngestTests {
    let muster = try! Fixture.empty()
    let folder = try! Fixture.temporaryDirectory()

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let mixedNDJSON = """
        {"id": "a1", "source": "x", "author": "@jen_r", "text": "Bins on Mill Lane not collected again", "created_at": "2026-11-23T08:00:00Z", "likes": 4}
        {"id": "a2", "text": "no date here"}
        this is not json
        {"id": "a3", "text": "Lovely festival in Castle Park", "created_at": 1795340000, "lat": 54.6, "lon": -1.58}

        {"id": "a4", "text": "bad likes", "created_at": "2026-11-23T08:00:00Z", "likes": -3}
        {"id": "a5", "text": "bad time", "created_at": "last tuesday"}
        {"id": "a6", "text": "Council tax bill is a joke", "created_at": "2026-11-23 10:15:00", "author_kind": "alien"}
        {"id": "a7", "text": "Potholes on Eastwood Road", "created_at": "Mon Nov 23 10:15:00 +0000 2026", "shares": "12"}
        """

    @Test("bad rows are rejected by line with a reason; good rows are kept")
    func mixedFile() throws {
        let path = try write("mixed.ndjson", Self.mixedNDJSON)
        let report = try muster.ingester.ingest(path)
        #expect(report.inserted == 3)
        #expect(report.rejected.map(\.line) == [2, 3, 6, 7, 8])
        #expect(report.rejected[0].reason.contains("created_at"))
        #expect(report.rejected[1].reason == "not valid JSON")
        #expect(report.rejected[2].reason.contains("likes"))
        #expect(report.rejected[3].reason.contains("last tuesday"))
        #expect(report.rejected[4].reason.contains("author_kind"))
        #expect(report.rejected.allSatisfy { $0.file == path })
        #expect(try muster.store.totalPosts() == 3)
    }

    @Test("the same file ingested twice adds nothing; changed engagement is an update")
    func idempotent() throws {
        let path = try write("posts.ndjson", Self.mixedNDJSON)
        _ = try muster.ingester.ingest(path)
        let again = try muster.ingester.ingest(path)
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 3)
        let changed = try write("changed.ndjson", Self.mixedNDJSON.replacingOccurrences(of: "\"likes\": 4", with: "\"likes\": 9"))
        let refreshed = try muster.ingester.ingest(changed)
        #expect(refreshed.inserted == 0 && refreshed.updated == 1 && refreshed.unchanged == 2)
        #expect(try muster.store.totalPosts() == 3)
    }

    @Test("ingest enriches: area from places or coordinates, topics, sentiment, author kind")
    func enriched() throws {
        _ = try muster.ingester.ingest(try write("posts.ndjson", Self.mixedNDJSON))
        let rows = try muster.store.database.rows("SELECT external_id, area, topics, author_handle, sentiment FROM post ORDER BY external_id") {
            ($0.string(0), $0.optionalString(1), $0.string(2), $0.string(3), $0.double(4))
        }
        #expect(rows[0].0 == "a1" && rows[0].1 == "Riverside" && rows[0].2 == "bins" && rows[0].3 == "jen_r")
        #expect(rows[1].1 != nil && rows[1].2.hasPrefix("festival") && rows[1].4 > 0)
        #expect(rows[2].1 == "Eastwood" && rows[2].2 == "potholes")
    }

    @Test("CSV with quoted commas, quotes and newlines; short rows rejected by line")
    func csv() throws {
        let path = try write("posts.csv", #"""
            id,text,created_at,author,likes
            c1,"Bins, bins, bins on ""Mill Lane""",2026-11-23T08:00:00Z,dave,3
            c2,"a post
            over two lines",2026-11-23T09:00:00Z,sue,1
            c3,too few fields
            c4,Lovely park,2026-11-23T10:00:00Z,amy,0
            """#)
        let report = try muster.ingester.ingest(path, source: "facebook")
        #expect(report.inserted == 3)
        #expect(report.rejected.map(\.line) == [5])
        let texts = try muster.store.database.rows("SELECT text, source FROM post ORDER BY external_id") { ($0.string(0), $0.string(1)) }
        #expect(texts[0].0 == "Bins, bins, bins on \"Mill Lane\"")
        #expect(texts[1].0 == "a post\nover two lines")
        #expect(texts.allSatisfy { $0.1 == "facebook" })
    }

    @Test("a JSON array's bad element is reported by the line it starts on")
    func jsonArray() throws {
        let path = try write("posts.json", """
            [
              {"id": "j1", "text": "first", "created_at": "2026-11-23T08:00:00Z"},
              {"id": "j2",
               "created_at": "2026-11-23T08:00:00Z"},
              "not an object",
              {"id": "j3", "text": "with [brackets] and {braces}, \\"quotes\\"", "created_at": "2026-11-23T08:00:00Z"}
            ]
            """)
        let report = try muster.ingester.ingest(path)
        #expect(report.inserted == 2)
        #expect(report.rejected.map(\.line) == [3, 5])
    }

    @Test("a broken file changes nothing", arguments: [
        ("broken.csv", "id,text,created_at\nb1,fine,2026-11-23T08:00:00Z\nb2,\"never closed,2026-11-23T08:00:00Z\n"),
        ("broken.json", "[{\"id\": \"b1\", \"text\": \"fine\", \"created_at\": \"2026-11-23T08:00:00Z\"},"),
    ])
    func brokenFile(name: String, text: String) throws {
        let path = try write(name, text)
        #expect(throws: (any Error).self) { try muster.ingester.ingest(path) }
        #expect(try muster.store.totalPosts() == 0)
    }

    @Test("a file that is not UTF-8 is refused whole")
    func notUTF8() throws {
        let path = folder.appendingPathComponent("latin1.ndjson").path
        try Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try muster.ingester.ingest(path) }
        #expect(try muster.store.totalPosts() == 0)
    }

    @Test("posts are fetched over HTTP with libcurl from a local server")
    func url() throws {
        _ = try write("served.ndjson", Self.mixedNDJSON)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        var banner = Data()
        while !String(decoding: banner, as: UTF8.self).contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += chunk
        }
        let port = try #require(String(decoding: banner, as: UTF8.self).split(separator: " ").first { Int($0) != nil })
        let report = try muster.ingester.ingest("http://127.0.0.1:\(port)/served.ndjson")
        #expect(report.inserted == 3)
        #expect(report.rejected.count == 5)
        #expect(throws: (any Error).self) { try muster.ingester.ingest("http://127.0.0.1:\(port)/missing.ndjson") }
    }
}
