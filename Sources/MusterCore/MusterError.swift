/// An error a person can act on: what happened, and what to do next.
public struct MusterError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in plain words, with the file and line when there is one.
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?

    /// Creates an error.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String {
        guard let hint else { return message }
        return "\(message)\n  \(hint)"
    }
}
