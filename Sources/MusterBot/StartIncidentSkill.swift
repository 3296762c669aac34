import Foundation
import MusterCore

/// "start incident Hill Street fire: fire, smoke, Hill St, every 30 minutes": opens an incident room in this
/// conversation (leads and admins, audited) — a sitrep here every so often, and watches for spikes and new rumours on
/// its terms, until "close incident".
struct StartIncidentSkill: Skill {
    let intent = "start_incident"
    static let requiredRole = Speaker.Role.lead
    /// How often a sitrep comes when nobody says.
    static let defaultInterval: TimeInterval = 3_600
    /// Sitreps closer together than this would bury the channel; further apart than this is not a room.
    static let intervals: ClosedRange<TimeInterval> = 600...86_400

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(
                title: "Only a comms lead or an admin can start an incident room; you are signed in as \(turn.speaker.role.rawValue).",
                sections: [Reply.Section(nil, [.text("Ask a lead to start it. Any time, “sitrep on …” gives you one here now.")])]
            ), basis: nil)
        }
        guard let stores = context.speakingFirst else { return Answer(reply: .alertsUnavailable, basis: nil) }
        guard let name = turn.slots["name"].map({ Self.asTyped($0, in: turn.message) }), !name.isEmpty else {
            return Answer(reply: Reply(title: "Name the incident and the words its posts use, e.g. “start incident Hill Street fire: fire, smoke, Hill St”."), basis: nil)
        }
        let interval = Self.interval(turn.slots)
        guard Self.intervals.contains(interval) else {
            let problem = interval < Self.intervals.lowerBound
                ? "is too often: the shortest is every \(Wording.duration(Self.intervals.lowerBound))"
                : "is too far apart: the longest is every \(Wording.duration(Self.intervals.upperBound))"
            return Answer(reply: Reply(
                title: "A sitrep every \(Wording.duration(interval)) \(problem).",
                sections: [Reply.Section(nil, [.text("Nothing was started. Say how often again, e.g. “every 30 minutes”; with no time given it is every hour.")])]
            ), basis: nil)
        }
        let open = try stores.incidents.openIncidents(in: turn.conversation)
        if let same = open.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return Answer(reply: Reply(
                title: "“\(same.name)” is already open here, since \(context.local.freshness(same.startedAt, now: context.clock.now)) (started by \(same.startedBy)).",
                sections: [Reply.Section(nil, [.text("Say “close incident \(same.name)” to close it.")])]
            ), basis: nil)
        }
        let written = turn.slots["terms"].map { Self.asTyped($0, in: turn.message) }
        let terms = (written ?? name).split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
        let scope = IncidentTerms(terms, context: context)
        let now = context.clock.now
        var incident = Incident(name: name, terms: terms, conversation: turn.conversation, startedBy: turn.speaker.name, startedAt: now, interval: interval)
        incident.id = try stores.incidents.open(incident)
        for kind in [Watch.Kind.spike, .rumours] { _ = try stores.watches.add(scope.watch(kind, for: incident)) }
        try context.store.audit(AuditEntry(
            at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "start incident",
            detail: "incident \(incident.id): \(name) (\(terms.joined(separator: ", "))), a sitrep every \(Wording.duration(interval))"
        ))
        let items: [Reply.Item] = [
            .text("A sitrep here every \(Wording.duration(interval)), the first at \(context.local.freshness(incident.nextSitrepAt, now: now))."),
            .text("Alerts here on \(scope.label): spikes in posts, and new rumours."),
            .text("Say “close incident” to stop. Recorded in the audit log."),
        ]
        return Answer(reply: Reply(title: "Incident room open: \(name), started by \(turn.speaker.name).", sections: [Reply.Section(nil, items)]), basis: nil)
    }

    /// How often the message asked for a sitrep: the intents give the number of minutes or hours, or the words
    /// that said half an hour or an hour.
    static func interval(_ slots: [String: String]) -> TimeInterval {
        if let minutes = slots["minutes"].flatMap({ Double($0) }) { return minutes * 60 }
        if let hours = slots["hours"].flatMap({ Double($0) }) { return hours * 3_600 }
        if slots["half_hour"] != nil { return 1_800 }
        return defaultInterval
    }

    /// `value` (normalised: lower case) as it was typed in `message`, capitals and all, where it can be found.
    static func asTyped(_ value: String, in message: String) -> String {
        guard let range = message.range(of: value, options: [.caseInsensitive]) else { return value }
        return String(message[range])
    }
}
