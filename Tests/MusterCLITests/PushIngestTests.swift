import Foundation
import MusterStore
import MusterTesting
import Testing

/// `POST /ingest` on a running `muster serve`, as a listening suite or a Zapier flow would call it.
@Suite("push ingest")
struct PushIngestTests {
    static let token = "push-token-4f8a1c2e9b7d"
    static let bearer = ["Authorization": "Bearer \(token)", "Content-Type": "application/x-ndjson"]

    static func records(_ ids: ClosedRange<Int>, time: String = "2026-11-24T08:00:00Z") -> String {
        ids.map { #"{"id": "zap-\#($0)", "text": "Bins not collected on Tanner Street in Riverside, report \#($0)", "created_at": "\#(time)", "author": "resident\#($0)"}"# }
            .joined(separator: "\n") + "\n"
    }

    @Test("pushes need the token; a batch with a bad record stores nothing and names its line; a good one is stored once, audited and answered from; an oversized one gets 413")
    func push() throws {
        let store = try ServedMuster.demoStore()
        let served = try ServedMuster.start(store: store, variables: ["MUSTER_INGEST_TOKEN": Self.token])
        defer { _ = served.stop() }
        let posts = try SQLitePostStore(path: store)
        func pushed() throws -> Int { try posts.database.scalar("SELECT count(*) FROM post WHERE source = 'push'") ?? -1 }
        let body = Data(Self.records(1...5).utf8)

        let anonymous = try served.http.post("/ingest", body: body, headers: ["Content-Type": "application/x-ndjson"])
        #expect(anonymous.status == 401 && anonymous.header("www-authenticate")?.hasPrefix("Bearer") == true)
        let wrong = try served.http.post("/ingest", body: body, headers: ["Authorization": "Bearer nope", "Content-Type": "application/x-ndjson"])
        #expect(wrong.status == 401)
        #expect(try pushed() == 0)

        // Line 3 has no text and line 5 a time in 2099: nothing of the batch is stored.
        var lines = Self.records(1...5).split(separator: "\n").map(String.init)
        lines[2] = #"{"id": "zap-3", "created_at": "2026-11-24T08:00:00Z"}"#
        lines[4] = #"{"id": "zap-5", "text": "later", "created_at": "2099-01-01T00:00:00Z"}"#
        let bad = try served.http.post("/ingest", body: Data(lines.joined(separator: "\n").utf8), headers: Self.bearer)
        #expect(bad.status == 422)
        let refusal = try #require(try JSONSerialization.jsonObject(with: bad.body) as? [String: Any])
        let rejected = try #require(refusal["rejected"] as? [[String: Any]])
        #expect(rejected.map { $0["line"] as? Int } == [3, 5], "\(bad.text)")
        #expect((rejected.first?["reason"] as? String)?.contains("no text") == true)
        #expect(try pushed() == 0, "a rejected batch stores nothing")

        let good = try served.http.post("/ingest", body: body, headers: Self.bearer)
        #expect(good.status == 200)
        let counts = try #require(try JSONSerialization.jsonObject(with: good.body) as? [String: Int])
        #expect(counts["added"] == 5 && counts["unchanged"] == 0, "\(good.text)")
        let again = try served.http.post("/ingest", body: body, headers: Self.bearer)
        let repeated = try #require(try JSONSerialization.jsonObject(with: again.body) as? [String: Int])
        #expect(again.status == 200 && repeated["added"] == 0 && repeated["unchanged"] == 5)
        // A JSON array works the same.
        let array = "[" + Self.records(6...7).split(separator: "\n").joined(separator: ",") + "]"
        let arrayPush = try served.http.post("/ingest", body: Data(array.utf8), headers: ["Authorization": "Bearer \(Self.token)", "Content-Type": "application/json"])
        let arrayCounts = try JSONSerialization.jsonObject(with: arrayPush.body) as? [String: Int]
        #expect(arrayPush.status == 200 && arrayCounts?["added"] == 2)
        #expect(try pushed() == 7)
        let audited = try posts.database.scalar("SELECT count(*) FROM audit WHERE user = 'push' AND action = 'push ingest'") ?? 0
        #expect(audited == 3, "every stored push is audited, a refused one is not")

        // Not JSON at all, and too big.
        let junk = try served.http.post("/ingest", body: Data("hello".utf8), headers: Self.bearer)
        #expect(junk.status == 400 && junk.text.contains("NDJSON"))
        let huge = try served.http.post("/ingest", body: Data(repeating: 0x20, count: 17 << 20), headers: Self.bearer)
        #expect(huge.status == 413)
        #expect(try served.http.get("/healthz").status == 200, "the service keeps running")

        // The pushed posts are in the answers.
        let answer = try ServedMuster.muster(["ask", "what's the latest on bins in Riverside?", "--now", "2026-11-24T09:42:00Z"], store: store)
        #expect(answer.output.contains("Tanner Street"), "\(answer.output)")
    }

    @Test("with no MUSTER_INGEST_TOKEN the endpoint is off and says how to turn it on")
    func off() throws {
        let served = try ServedMuster.start(store: try ServedMuster.demoStore())
        defer { _ = served.stop() }
        let response = try served.http.post("/ingest", body: Data(Self.records(1...1).utf8), headers: Self.bearer)
        #expect(response.status == 503 && response.text.contains("MUSTER_INGEST_TOKEN"))
    }
}
