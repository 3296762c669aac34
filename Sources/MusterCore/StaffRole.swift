/// A person's role in the comms team, which gates actions that change state.
public enum StaffRole: String, Sendable, CaseIterable, Comparable, Codable {
    /// Asks questions, marks posts handled.
    case officer
    /// Also sets rumour status and the official line.
    case lead
    /// Everything.
    case admin

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
