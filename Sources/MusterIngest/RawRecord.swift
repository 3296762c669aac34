/// One record read from an input file, before it becomes a post: its fields and where it was found.
package struct RawRecord: Sendable {
    /// The line the record starts on (1-based).
    package var line: Int
    /// The fields as parsed, in the order they were written (CSV fields are all strings).
    package var fields: JSONObject
    /// The record as it arrived, kept on the post for audit.
    package var raw: String

    /// A record found at `line` (for records read from elsewhere than a file, such as a polled source's page, the
    /// item's position in it).
    package init(line: Int, fields: JSONObject, raw: String) {
        self.line = line
        self.fields = fields
        self.raw = raw
    }
}

/// A record the reader could not parse, or one that does not make a post.
public struct Rejection: Sendable, Hashable, CustomStringConvertible {
    /// The file (or URL) it came from.
    public var file: String
    /// The line it starts on.
    public var line: Int
    /// Why it was rejected.
    public var reason: String

    /// A rejection of what starts at `line` of `file`.
    package init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
