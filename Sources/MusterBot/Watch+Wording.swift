import MusterCore

/// How watches read in Muster's answers: "what am I watching?", "stop watch 2" and the replies that set them.
extension Watch {
    /// "Spikes in Bins and waste in Ward 4 (Riverside)", "New rumours about Fire at Hill St".
    var described: String {
        switch kind {
        case .spike: return "Spikes in \(label)"
        case .rumours: return "New rumours about \(label)"
        }
    }

    /// One line of a list: its number, what it watches, how readily it alerts, and who set it — or, for an incident
    /// room's, the room's name and what its terms count (`incident`).
    func listed(incident: (name: String, counts: String)?) -> String {
        var parts = [incident.map { "\(id) — \(kind == .spike ? "Spikes in" : "New rumours about") \($0.counts)" } ?? "\(id) — \(described)"]
        switch sensitivity {
        case .low: parts.append("big spikes only")
        case .high: parts.append("even small rises")
        case .normal: break
        }
        parts.append(incident.map { "incident room “\($0.name)”, until it is closed" } ?? "set by \(setBy)")
        return parts.joined(separator: " · ")
    }

    /// Whether `other` watches the same posts for the same thing (how readily it alerts aside).
    func watchesSame(as other: Watch) -> Bool {
        kind == other.kind && topics == other.topics && text == other.text && Set(areas) == Set(other.areas)
            && authorKinds == other.authorKinds && incidentID == other.incidentID
    }
}

extension Reply {
    /// Said when this Muster keeps no watches (a store without them): nothing can be set, listed or stopped.
    static let alertsUnavailable = Reply(
        title: "Alerts are not available here.",
        sections: [Reply.Section(nil, [.text("This Muster keeps no watches or incident rooms; ask whoever runs it to use a store that does.")])]
    )
}
