import Foundation
import MusterTesting
import Testing

/// The chat platforms end to end: `muster serve` on a copy of the demo store, sent real signed requests by the
/// platforms' own PyPI clients, delivering its outbox to a fake chat service, and its console driven in headless
/// Chromium through Selenium (an officer signs in, asks, and is refused setting a rumour). The Python side is Tests/acceptance/chat_platforms.py, then chat_apps.py (the Teams bot, the Slack app and the Mattermost bot against strict fakes of their APIs, with button presses); this runs both and shows their report on failure.
@Suite("chat platforms, end to end")
struct ChatAcceptanceTests {
    @Test("Slack, Teams, Mattermost and the webhook answer signed requests, refuse forged ones; the outbox retries and survives a restart; an officer signs in to the console in a browser, asks, and is refused above their role")
    func acceptance() throws {
        let folder = try Fixture.temporaryDirectory()
        let store = folder.appendingPathComponent("chat.sqlite").path
        try Fixture.demo().store.copy(to: store)
        let (status, report) = try Fixture.run(
            "/bin/bash", [Fixture.repositoryRoot.appendingPathComponent("Tests/acceptance/run.sh").path, CLITests.binary.path, store],
            in: Fixture.repositoryRoot
        )
        #expect(status == 0, "\(report)")
        print(report.split(separator: "\n").filter { $0.contains("median") || $0.contains("Ran ") || $0.contains("screenshot") }.joined(separator: "\n"))
    }
}
