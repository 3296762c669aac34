import ArgumentParser
import Foundation
import MusterApp
import MusterChat
import MusterConfig
import MusterCore
import MusterDelivery
import MusterStore

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Ask a question and post the answer to a chat channel through its incoming webhook.",
        discussion: """
            The answer goes through the outbox: it is stored first, then delivered, and retried until the platform
            accepts it. The webhook URL comes from the environment (MUSTER_SLACK_WEBHOOK_URL,
            MUSTER_TEAMS_WORKFLOW_URL or MUSTER_MATTERMOST_WEBHOOK_URL) and is never stored.
            Example: muster post --to teams "crisis summary for the flooding"
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "The platform to post to: slack, teams or mattermost.")
    var to: String

    @Flag(help: "Only queue the post; a running `muster serve` delivers it.")
    var queueOnly = false

    @Argument(help: "The question whose answer to post.")
    var question: [String]

    func validate() throws {
        guard let platform = ChatPlatform(rawValue: to), platform != .webhook else {
            throw ValidationError("--to must be slack, teams or mattermost")
        }
        if question.joined().trimmed.isEmpty { throw ValidationError("Give the question whose answer to post.") }
    }

    func run() throws {
        let platform = ChatPlatform(rawValue: to)!
        let environment = ProcessInfo.processInfo.environment
        let couriers = ChatCouriers(secrets: ChatSecrets(environment: environment))
        guard ChatSecrets(environment: environment).outgoing[platform] != nil else {
            throw Failure.report(MusterError("no webhook for \(to): set \(ChatSecrets.outgoingVariables[platform] ?? "its webhook URL")"))
        }
        let muster = try options.open()
        let question = question.joined(separator: " ")
        try muster.auditCommand("post", "to \(to): \(question)")
        let reply = muster.bot.respond(to: question, in: "post:\(UUID().uuidString)", from: .console)
        let outbox = muster.outbox
        guard let envelope = couriers.webhookPost(reply, to: platform, at: Date()) else {
            throw Failure.report(MusterError("no webhook for \(to)"))
        }
        let id = try outbox.enqueue(envelope)
        print("Queued outbox message \(id): \(reply.title)")
        guard !queueOnly else { return }
        OutboxWorker(outbox: outbox, environment: environment).deliverDue()
        let status = try outbox.messages(limit: 200).first { $0.id == id }
        switch status?.status {
        case .delivered?: print("Delivered to \(to).")
        case .failed?: throw Failure.report(MusterError("\(to) refused it: \(status?.lastError ?? "")", hint: "See `muster outbox --status failed`."))
        default: print("Not delivered yet (\(status?.lastError ?? "waiting")); a running `muster serve` will keep trying.")
        }
    }
}
