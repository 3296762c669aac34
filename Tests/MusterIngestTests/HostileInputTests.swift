import Foundation
import MusterApp
import MusterCore
import MusterIngest
import MusterTesting
import Testing

/// Input that should be refused is refused with a reason, and input that is only awkward (a byte-order mark, CR line
/// ends, control characters) is read as its writer meant.
@Suite("Hostile input")
struct HostileInputTests {
    let muster = try! Fixture.empty()
    let folder = try! Fixture.temporaryDirectory()

    func write(_ name: String, _ bytes: Data) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    static func record(_ id: String, time: String, text: String = "Bins on Mill Lane not collected again") -> String {
        #"{"id": "\#(id)", "text": "\#(text)", "created_at": \#(time)}"#
    }

    @Test("impossible and implausible times are refused with a reason, not stored or rolled over", arguments: [
        #""0001-01-01T00:00:00Z""#, #""9999-12-31T23:59:59Z""#, "1e20", #""2026-02-30T10:00:00Z""#, #""2026-11-24T25:61:00Z""#,
        #""2026-02-30 10:00""#, #""2026-11-24 25:61""#, #""2005-12-31T23:59:59Z""#, #""2026-11-26T09:42:00Z""#,
    ])
    func badTimes(time: String) throws {
        let path = try write("times.ndjson", Self.record("t1", time: time))
        let report = try muster.ingester.ingest(path)
        #expect(report.inserted == 0, "\(time) should not make a post")
        #expect(report.rejected.first?.reason.contains("created_at") == true)
        #expect(try muster.store.latestPostTime(atOrBefore: nil) == nil)
    }

    @Test("a time a few hours ahead (a clock off, a zone mistaken) and one from 2006 are kept")
    func plausibleTimes() throws {
        let path = try write("times.ndjson", [
            Self.record("t1", time: #""2026-11-24T20:00:00Z""#), Self.record("t2", time: #""2006-03-21T20:50:00Z""#),
        ].joined(separator: "\n"))
        #expect(try muster.ingester.ingest(path).inserted == 2)
    }

    @Test("a byte-order mark is skipped: the first CSV column is still the id, the first NDJSON line still a record")
    func byteOrderMark() throws {
        let bom = Data([0xEF, 0xBB, 0xBF])
        let csv = try write("posts.csv", bom + Data("id,text,created_at\nc1,Bins not collected,2026-11-23T08:00:00Z\nc2,Potholes again,2026-11-23T09:00:00Z\n".utf8))
        let fromCSV = try muster.ingester.ingest(csv)
        #expect(fromCSV.inserted == 2 && fromCSV.rejected.isEmpty)
        let ndjson = try write("posts.ndjson", bom + Data((Self.record("n1", time: #""2026-11-23T08:00:00Z""#) + "\n").utf8))
        let fromNDJSON = try muster.ingester.ingest(ndjson)
        #expect(fromNDJSON.inserted == 1 && fromNDJSON.rejected.isEmpty)
    }

    @Test("CR-only line ends are read as line ends: three records, not one rejected line")
    func carriageReturns() throws {
        let lines = (1...3).map { Self.record("r\($0)", time: #""2026-11-23T08:00:00Z""#) }
        let path = try write("mac.ndjson", lines.joined(separator: "\r") + "\r")
        let report = try muster.ingester.ingest(path)
        #expect(report.inserted == 3 && report.rejected.isEmpty)
        let mixed = try write("mixed.ndjson", [Self.record("m1", time: "1795340000"), Self.record("m2", time: "1795340001")].joined(separator: "\r\n"))
        #expect(try muster.ingester.ingest(mixed).inserted == 2)
    }

    @Test("a JSON array with a bracket that closes nothing is refused whole, not read for ever", .timeLimit(.minutes(1)))
    func strayBracket() throws {
        let path = try write("stray.json", "[" + Self.record("s1", time: #""2026-11-23T08:00:00Z""#) + "}]")
        let error = #expect(throws: MusterError.self) { try muster.ingester.ingest(path) }
        #expect(error?.message.contains("closes nothing") == true)
    }

    @Test("engagement counts too large to rank by are refused, not stored to overflow the score", arguments: ["likes", "shares", "replies", "reach"])
    func hugeCounts(field: String) throws {
        let record = Self.record("h1", time: #""2026-11-23T08:00:00Z""#).dropLast() + #", "\#(field)": 9223372036854775807}"#
        let report = try muster.ingester.ingest(try write("huge.ndjson", String(record)))
        #expect(report.inserted == 0)
        #expect(report.rejected.first?.reason.contains(field) == true)
    }

    @Test("NUL and other control characters are stripped from what is stored")
    func controlCharacters() throws {
        let path = try write("nul.ndjson", Self.record("z1", time: #""2026-11-23T08:00:00Z""#, text: #"Bins\u0000 on Mill\u0007 Lane\u001b"#))
        #expect(try muster.ingester.ingest(path).inserted == 1)
        let stored = try muster.store.database.rows("SELECT text, length(text) FROM post") { ($0.string(0), $0.int(1)) }
        #expect(stored.first?.0 == "Bins on Mill Lane")
        #expect(stored.first?.1 == 17, "SQLite sees the whole text")
    }

    @Test("a post edited at its source takes its new text, is read again, and is counted as edited")
    func edited() throws {
        let first = try write("first.ndjson", Self.record("e1", time: #""2026-11-23T08:00:00Z""#, text: "Lovely festival in Castle Park"))
        #expect(try muster.ingester.ingest(first).inserted == 1)
        let second = try write("second.ndjson", Self.record("e1", time: #""2026-11-23T08:00:00Z""#, text: "Bins on Mill Lane not collected again, disgusting"))
        let report = try muster.ingester.ingest(second)
        #expect(report.counts.edited == 1 && report.inserted == 0)
        #expect(report.summary.contains("1 edited"))
        let row = try muster.store.database.rows("SELECT text, topics, edited_at IS NOT NULL FROM post") { ($0.string(0), $0.string(1), $0.int(2)) }.first
        #expect(row?.0.hasPrefix("Bins on Mill Lane") == true)
        #expect(row?.1.contains("bins") == true, "topics are read from the new text")
        #expect(row?.2 == 1, "the edit is recorded")
        #expect(try Fixture.searchCount("collected", in: muster.store) == 1, "search finds the new text")
        #expect(try Fixture.searchCount("festival", in: muster.store) == 0, "and not the old")
        #expect(try Fixture.problems(in: muster.store) == [])
    }

    @Test("a record saying a post was deleted at its source removes it, and its topic and search rows")
    func deletedAtSource() throws {
        let path = try write("posts.ndjson", [
            Self.record("d1", time: #""2026-11-23T08:00:00Z""#), Self.record("d2", time: #""2026-11-23T09:00:00Z""#),
        ].joined(separator: "\n"))
        #expect(try muster.ingester.ingest(path).inserted == 2)
        let deletion = try write("deletions.ndjson", #"{"id": "d1", "deleted": true}"#)
        let report = try muster.ingester.ingest(deletion)
        #expect(report.counts.removed == 1 && report.rejected.isEmpty)
        #expect(try muster.store.totalPosts() == 1)
        #expect(try Fixture.problems(in: muster.store) == [])
        #expect(try Fixture.searchCount("bins", in: muster.store) == 1)
    }

    @Test("a post and its deletion in one load into an empty store leave the search index sound")
    func deletedInTheSameLoad() throws {
        let path = try write("both.ndjson", [
            Self.record("b1", time: #""2026-11-23T08:00:00Z""#), Self.record("b1", time: #""2026-11-23T08:00:00Z""#, text: "Potholes on Eastwood Road"),
            Self.record("b2", time: #""2026-11-23T09:00:00Z""#), #"{"id": "b2", "deleted": true}"#,
        ].joined(separator: "\n"))
        let report = try muster.ingester.ingest(path)
        #expect(report.inserted == 2 && report.counts.edited == 1 && report.counts.removed == 1)
        #expect(try Fixture.problems(in: muster.store) == [])
        #expect(try Fixture.searchCount("potholes", in: muster.store) == 1)
    }
}
