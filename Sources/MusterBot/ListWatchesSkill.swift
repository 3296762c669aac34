import MusterCore

/// "what am I watching?": the watches posting into this conversation, numbered as "stop watch N" takes them, with
/// who set each, or the incident room each belongs to.
struct ListWatchesSkill: Skill {
    let intent = "list_watches"

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard let stores = context.speakingFirst else { return Answer(reply: .alertsUnavailable, basis: nil) }
        let watches = try stores.watches.watches(in: turn.conversation)
        guard !watches.isEmpty else {
            return Answer(reply: Reply(
                title: "Nothing is being watched here.",
                sections: [Reply.Section(nil, [.text("Set a watch with, for example, “watch bins in Riverside” or “alert me to new rumours about the fire”.")])]
            ), basis: nil)
        }
        let incidents = Dictionary(try stores.incidents.openIncidents(in: turn.conversation).map { incident in
            (incident.id, (name: incident.name, counts: IncidentTerms(incident.terms, context: context).label))
        }) { first, _ in first }
        return Answer(reply: Reply(
            title: watches.count == 1 ? "1 watch posting here:" : "\(watches.count) watches posting here:",
            sections: [Reply.Section(nil, watches.map { .bullet($0.listed(incident: $0.incidentID.flatMap { incidents[$0] })) })],
            footer: "“stop watch N” stops one; “stop watching everything” stops all you set."
        ), basis: nil)
    }
}
