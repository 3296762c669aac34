/// The intent chosen for a message and the slots its pattern filled.
public struct IntentMatch: Sendable {
    /// The winning intent's name.
    public var intent: String
    /// Slot → text as typed (normalised), for the slots that matched.
    public var slots: [String: String]
    /// The intent's priority.
    public var priority: Int
    /// Characters matched outside slots: more literal words matched means a more specific pattern.
    public var specificity: Int
    /// The intent's position, the last tie-breaker.
    public var order: Int

    /// Whether this candidate beats `other`: priority, then specificity, then file order.
    public func beats(_ other: IntentMatch) -> Bool {
        (priority, specificity, -order) > (other.priority, other.specificity, -other.order)
    }

    /// Whether neither candidate beats the other on priority and specificity.
    public func ties(_ other: IntentMatch) -> Bool {
        priority == other.priority && specificity == other.specificity
    }
}
