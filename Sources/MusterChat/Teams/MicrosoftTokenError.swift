/// Why Microsoft's token endpoint gave no access token: unreachable, or its refusal (`invalid_client`, …).
public struct MicrosoftTokenError: Error, Sendable, CustomStringConvertible {
    /// The token endpoint asked.
    public var url: String
    /// The HTTP status it answered, or `nil` when no answer came.
    public var status: Int?
    /// Its OAuth `error` code (`invalid_client`, `unauthorized_client`, …), when it gave one.
    public var code: String?
    /// Its `error_description`, the start of its body, or the transport's error; never the client secret.
    public var message: String

    /// What went wrong, for the log.
    public var description: String {
        guard let status else { return "The Microsoft token endpoint \(url) could not be reached: \(message)" }
        return "The Microsoft token endpoint \(url) answered \(status)" + (code.map { " \($0)" } ?? "") + ": \(message)"
    }
}
