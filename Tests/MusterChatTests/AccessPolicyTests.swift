import MusterBot
import MusterChat
import MusterConfig
import MusterTesting
import Testing

/// Who may ask Muster from where, as the demo council's `chat:` section says.
@Suite("Access policy")
struct AccessPolicyTests {
    let policy = AccessPolicy(access: try! Fixture.demo().config.chat)

    func slack(workspace: String = "T0NBCOMMS", channel: String = "C0NBCOMMS", user: String = "U0NBLEAD1") -> ChatMessage {
        ChatMessage(platform: .slack, workspace: workspace, channel: channel, userID: user, userName: "someone", text: "bins?", conversation: "test")
    }

    func refusal(_ result: Result<Speaker, ChatRefusal>) -> String? {
        guard case .failure(let refusal) = result else { return nil }
        return refusal.reason
    }

    @Test("a listed person in an allowed Slack channel asks with their configured name and role")
    func listedPerson() throws {
        let speaker = try policy.speaker(for: slack()).get()
        #expect(speaker.name == "Priya Shah")
        #expect(speaker.role == .lead)
        #expect(speaker.channel == "slack:C0NBCOMMS")
    }

    @Test("anyone else in an allowed channel asks as an officer, under their own name")
    func unlistedPerson() throws {
        let speaker = try policy.speaker(for: slack(user: "U0STRANGER")).get()
        #expect(speaker.role == .officer)
        #expect(speaker.name == "someone")
    }

    @Test("a role belongs to an id on one platform: Priya's Slack id asking from Teams is an officer")
    func rolesArePerPlatform() throws {
        let message = ChatMessage(
            platform: .teams, workspace: "6f1c2a7e-4b1d-4c55-9a0e-5d3b2c1a0f99", channel: "19:any@thread.tacv2", userID: "U0NBLEAD1",
            userName: "someone", text: "bins?", conversation: "test"
        )
        #expect(try policy.speaker(for: message).get().role == .officer)
    }

    @Test("a channel not on the list is refused, and the refusal names it and where to add it")
    func otherChannel() throws {
        let reason = try #require(refusal(policy.speaker(for: slack(channel: "C0OTHER"))))
        #expect(reason.contains("C0OTHER"))
        #expect(reason.contains("chat → slack → channels"))
    }

    @Test("a workspace not on the list is refused, whatever the channel")
    func otherWorkspace() throws {
        let reason = try #require(refusal(policy.speaker(for: slack(workspace: "TOTHER"))))
        #expect(reason.contains("TOTHER"))
        #expect(reason.contains("workspaces"))
    }

    @Test("a platform with no entry in the config answers no one")
    func platformOff() throws {
        let slackOnly = AccessPolicy(access: ChatAccess(defaultRole: .officer, places: [.slack: .init(workspaces: ["T0NBCOMMS"])], people: []))
        let teams = ChatMessage(platform: .teams, workspace: "T0NBCOMMS", channel: "C0NBCOMMS", userID: "U1", userName: "u", text: "bins?", conversation: "t")
        #expect(try #require(refusal(slackOnly.speaker(for: teams))).contains("not enabled for teams"))
        #expect(refusal(AccessPolicy(access: .closed).speaker(for: slack())) != nil)
    }

    @Test("Mattermost teams and channels may be listed by name, as its payloads carry both")
    func mattermostByName() throws {
        func mattermost(team: String, channel: String) -> ChatMessage {
            ChatMessage(
                platform: .mattermost, workspace: "q8hxr3tmpfbzjcnk7ed5wsfuoy", workspaceName: team, channel: "b4n1rk9x7jgt5qpz3hd8ycmwea",
                channelName: channel, userID: "nbleadpriya", userName: "priya", text: "bins?", conversation: "test"
            )
        }
        let speaker = try policy.speaker(for: mattermost(team: "nbcommsteam", channel: "nbcomms")).get()
        #expect(speaker.role == .lead)
        #expect(speaker.channel == "mattermost:nbcomms")
        #expect(try #require(refusal(policy.speaker(for: mattermost(team: "nbcommsteam", channel: "town-square")))).contains("town-square"))
        #expect(refusal(policy.speaker(for: mattermost(team: "otherteam", channel: "nbcomms"))) != nil)
    }
}
