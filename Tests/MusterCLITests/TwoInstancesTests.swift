import Foundation
import MusterNet
import MusterPostgres
import MusterTesting
import Testing

/// Two `muster serve` instances on one PostgreSQL store, each with its own store file, as two machines behind one
/// address would run: a conversation is one conversation whichever instance a message reaches.
@Suite("Two instances on one PostgreSQL")
struct TwoInstancesTests {
    /// The console's question endpoint on one instance, with the token its page carries.
    struct Console {
        let address: String
        let headers: [String: String]
        let http = HTTPClient(timeout: 20)

        init(_ served: ServedMuster) throws {
            address = served.http.base
            let html = String(decoding: try http.get(address).body, as: UTF8.self)
            let token = try #require(html.components(separatedBy: "<meta name=\"csrf-token\" content=\"").dropFirst().first?.split(separator: "\"").first)
            headers = ["X-CSRF-Token": String(token)]
        }

        func ask(_ message: String, in conversation: String) throws -> String {
            let body = try JSONSerialization.data(withJSONObject: ["message": message, "conversation": conversation])
            let response = try http.post("\(address)/api/ask", body: body, contentType: "application/json", headers: headers)
            #expect(response.status == 200)
            return (try JSONSerialization.jsonObject(with: response.body) as? [String: String])?["title"] ?? ""
        }
    }

    @Test("a question to one instance and its follow-up to the other are answered as one conversation", .enabled(if: ThrowawayDatabase.server != nil))
    func followUpAcrossInstances() throws {
        let database = try ThrowawayDatabase("two")
        defer { database.drop() }
        let address = database.address
        let moved = try ServedMuster.muster(["migrate-store", address], store: try ServedMuster.demoStore())
        #expect(moved.status == 0, "\(moved.output)")

        let instances = try (0..<2).map { _ in
            try ServedMuster.start(store: address, variables: ["MUSTER_STORE_FILE": try ServedMuster.demoStore()])
        }
        defer { for instance in instances { _ = instance.stop() } }
        let (first, second) = (try Console(instances[0]), try Console(instances[1]))

        #expect(try first.ask("what are people saying about bins in Ward 4?", in: "thread-1") == "Bins and waste in Ward 4 (Riverside) · the last 7 days")
        #expect(try second.ask("and in Ward 5?", in: "thread-1") == "Bins and waste in Ward 5 (Quayside) · the last 7 days")
        // And back again: the second instance's answer is what the first now builds on.
        #expect(try first.ask("and over the last 3 days?", in: "thread-1") == "Bins and waste in Ward 5 (Quayside) · the last 3 days")
        // Another thread has nothing to follow on from, on either instance.
        #expect(try second.ask("and in Ward 5?", in: "thread-2") != "Bins and waste in Ward 5 (Quayside) · the last 7 days")
    }
}
