import ArgumentParser
import Foundation
import MusterApp
import MusterCore
import MusterDelivery
import MusterStore

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List chat messages waiting, delivered or failed, and retry failed ones.",
        discussion: """
            Late answers and proactive posts wait in the outbox until the chat platform accepts them. Messages it
            refused for good are kept, with the reason; --retry ID queues one again.
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Only messages in this state: pending, delivered or failed.")
    var status: String?

    @Option(help: "Queue this failed message again.")
    var retry: Int64?

    @Option(help: "The most messages to list.")
    var limit = 50

    func validate() throws {
        if let status, OutboxMessage.Status(rawValue: status) == nil { throw ValidationError("--status must be pending, delivered or failed") }
    }

    func run() throws {
        let muster = try options.open()
        let outbox = muster.outbox
        if let retry {
            guard try outbox.retry(retry, at: muster.clock.now) else { throw Failure.report(MusterError("no failed outbox message \(retry)")) }
            try muster.auditCommand("outbox retry", "message \(retry)")
            print("Message \(retry) is queued again; a running `muster serve` will deliver it.")
            return
        }
        let counts = try outbox.counts()
        print(OutboxMessage.Status.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · "))
        for message in try outbox.messages(status: status.flatMap(OutboxMessage.Status.init(rawValue:)), limit: limit) {
            print("#\(message.id)  \(message.status.rawValue)  \(message.platform) → \(OutboxWorker.redacted(message.destination))  \(message.createdAt.formatted(.iso8601))  attempts: \(message.attempts)")
            print("    \(message.label)")
            if message.status != .delivered, let error = message.lastError { print("    last error: \(error)") }
        }
    }
}
