import Foundation
import MusterCore

/// "close incident", "close incident Hill Street fire": closes this conversation's incident room (leads and admins,
/// audited), stops its watches, and says how it went — how long it ran, the sitreps sent, the posts on its terms.
struct CloseIncidentSkill: Skill {
    let intent = "close_incident"
    static let requiredRole = Speaker.Role.lead

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "Only a comms lead or an admin can close an incident room; you are signed in as \(turn.speaker.role.rawValue)."), basis: nil)
        }
        guard let stores = context.speakingFirst else { return Answer(reply: .alertsUnavailable, basis: nil) }
        let open = try stores.incidents.openIncidents(in: turn.conversation)
        guard !open.isEmpty else {
            return Answer(reply: Reply(title: "There is no incident room open here."), basis: nil)
        }
        let names = Wording.list(open.map { "“\($0.name)”" })
        let chosen: Incident
        if let asked = turn.slots["name"] {
            guard let found = Self.incident(named: asked, in: open) else {
                return Answer(reply: Reply(title: "No incident called “\(asked)” is open here; open here: \(names)."), basis: nil)
            }
            chosen = found
        } else {
            guard open.count == 1 else {
                return Answer(reply: Reply(title: "Which one? Open here: \(names). Say “close incident” with its name."), basis: nil)
            }
            chosen = open[0]
        }
        let now = context.clock.now
        guard let closed = try stores.incidents.close(in: turn.conversation, named: chosen.name, at: now) else {
            return Answer(reply: Reply(title: "“\(chosen.name)” was already closed."), basis: nil)
        }
        let stopped = try stores.watches.removeWatches(ofIncident: closed.id)
        let scope = IncidentTerms(closed.terms, context: context)
        let span = TimeWindow(start: closed.startedAt, end: now, label: "during the incident")
        let posts = try context.store.aggregate(scope.query(over: span)).count
        try context.store.audit(AuditEntry(
            at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "close incident",
            detail: "incident \(closed.id): \(closed.name), open \(Self.ran(span.duration)), \(closed.sitreps) sitreps, \(posts) posts"
        ))
        let started = context.local.freshness(closed.startedAt, now: now)
        return Answer(reply: Reply(
            title: "Incident room closed: \(closed.name), closed by \(turn.speaker.name).",
            facts: [
                Reply.Fact("Ran", "\(Self.ran(span.duration)), from \(started) (started by \(closed.startedBy))"),
                Reply.Fact("Sitreps", "\(closed.sitreps) sent"),
                Reply.Fact("Posts", "\(Wording.posts(posts)) on \(scope.label) while it was open"),
            ],
            sections: [Reply.Section(nil, [
                .text("No more sitreps or alerts for it here (\(stopped == 1 ? "1 watch" : "\(stopped) watches") stopped). Recorded in the audit log."),
            ])]
        ), basis: nil)
    }

    /// The open incident `asked` names: by its whole name, else the only one whose name holds those words.
    static func incident(named asked: String, in open: [Incident]) -> Incident? {
        let folded = asked.lowercased()
        if let exact = open.first(where: { $0.name.lowercased() == folded }) { return exact }
        let words = folded.split(separator: " ").filter { $0.count > 2 }
        let near = open.filter { incident in
            let name = incident.name.lowercased()
            return !words.isEmpty && words.allSatisfy { name.contains($0) }
        }
        return near.count == 1 ? near[0] : nil
    }

    /// "less than a minute", "40 minutes", "3 hours".
    static func ran(_ seconds: TimeInterval) -> String {
        seconds < 60 ? "less than a minute" : Wording.duration(seconds)
    }
}
