import Foundation
import MusterApp
import MusterNet
import MusterTesting
import Testing

/// `muster serve` run as a person would: a real HTTP server on loopback, asked with libcurl.
@Suite("muster serve")
struct ServeTests {
    @Test("the console, its JSON endpoint and health checks answer; bad input gets a clear 4xx; SIGTERM stops it cleanly")
    func serve() throws {
        let folder = try Fixture.temporaryDirectory()
        let store = folder.appendingPathComponent("serve.sqlite").path
        try Fixture.demo().store.copy(to: store)
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["serve", "--port", "0", "--store", store, "--now", "2026-11-24T09:42:00Z"]
        process.currentDirectoryURL = Fixture.repositoryRoot
        // No chat platform is switched on, whatever the machine's environment holds.
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MUSTER_") }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var banner = ""
        // Read until the line naming the address arrives, whatever else the server prints first.
        while !banner.contains("http://127.0.0.1:") || !banner.hasSuffix("\n"), process.isRunning {
            banner += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        let address = try #require(banner.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init))
        let http = HTTPClient(timeout: 10)

        #expect(try http.get("\(address)/healthz").status == 200)
        #expect(try http.get("\(address)/readyz").status == 200)
        let page = try http.get(address)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 200 && html.contains("<title>Muster</title>"))
        // With no accounts the local console is open, but still wants the token its page carries.
        let token = try #require(html.components(separatedBy: "<meta name=\"csrf-token\" content=\"").dropFirst().first?.split(separator: "\"").first)
        let headers = ["X-CSRF-Token": String(token)]

        func ask(_ message: String) throws -> [String: String] {
            let body = try JSONSerialization.data(withJSONObject: ["message": message, "conversation": "test"])
            let response = try http.post("\(address)/api/ask", body: body, contentType: "application/json", headers: headers)
            #expect(response.status == 200)
            return try JSONSerialization.jsonObject(with: response.body) as? [String: String] ?? [:]
        }
        let first = try ask("what are people saying about bins in Ward 4?")
        #expect(first["title"] == "Bins and waste in Ward 4 (Riverside) · the last 7 days")
        #expect(first["html"]?.contains("<h2>Bins and waste in Ward 4 (Riverside) · the last 7 days</h2>") == true)
        #expect(try ask("and in Ward 5?")["title"] == "Bins and waste in Ward 5 (Quayside) · the last 7 days")

        let junk = try http.post("\(address)/api/ask", body: Data("not json".utf8), contentType: "application/json", headers: headers)
        #expect(junk.status == 400 && String(decoding: junk.body, as: UTF8.self).contains("Send JSON"))
        let huge = try http.post("\(address)/api/ask", body: Data(repeating: 0x61, count: 40_000), contentType: "application/json", headers: headers)
        #expect(huge.status == 413)
        #expect(try http.get("\(address)/healthz").status == 200, "the service keeps running after bad input")

        // No chat secrets are set here: each platform's endpoint says which variable switches it on.
        let slack = try http.post("\(address)/slack/events", body: Data("{}".utf8), contentType: "application/json")
        #expect(slack.status == 404 && String(decoding: slack.body, as: UTF8.self).contains("MUSTER_SLACK_SIGNING_SECRET"))
        let teams = try http.post("\(address)/teams/messages", body: Data("{}".utf8), contentType: "application/json")
        #expect(teams.status == 404 && String(decoding: teams.body, as: UTF8.self).contains("MUSTER_TEAMS_SECURITY_TOKEN"))

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
