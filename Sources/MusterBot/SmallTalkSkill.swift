/// Hello and thanks: one friendly line and a pointer to what Muster can do.
struct SmallTalkSkill: Skill {
    let intent: String
    let line: String

    static let greeting = SmallTalkSkill(intent: "greeting", line: "Hello! Ask me what people are saying about a topic, e.g. “what are people saying about bins in Ward 4?”, or type help.")
    static let thanks = SmallTalkSkill(intent: "thanks", line: "You're welcome. Ask again any time.")

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        Answer(reply: Reply(title: line), basis: nil)
    }
}
