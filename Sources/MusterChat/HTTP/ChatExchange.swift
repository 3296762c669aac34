import Foundation

/// An HTTP request from a chat platform, as an adapter sees it: headers and the raw body, before any parsing, so that
/// signatures are checked over exactly the bytes that were sent.
public struct ChatRequest: Sendable {
    /// Header values by lower-cased name.
    public var headers: [String: String]
    /// The body as received.
    public var body: Data

    /// Creates a request; header names may be in any case.
    public init(headers: [String: String], body: Data) {
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
    }

    /// A header's value, by name in any case.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The media type without parameters, lower-cased ("application/json").
    public var mediaType: String {
        (header("content-type") ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}

/// What an adapter answers: status, body and any extra headers.
public struct ChatResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The body's media type.
    public var contentType: String
    /// The body.
    public var body: Data
    /// Extra headers (for example `X-Slack-No-Retry`).
    public var headers: [String: String] = [:]

    /// A JSON response.
    public static func json(_ object: Any, status: Int = 200) -> ChatResponse {
        ChatResponse(status: status, contentType: "application/json", body: Data(jsonText(object).utf8))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: Int = 200) -> ChatResponse {
        ChatResponse(status: status, contentType: "text/plain; charset=utf-8", body: Data(text.utf8))
    }

    /// An empty 200, the acknowledgement platforms expect when the answer follows separately.
    public static let acknowledged = ChatResponse(status: 200, contentType: "text/plain; charset=utf-8", body: Data())

    /// A refusal with a JSON body that says why; the request changed nothing.
    public static func rejected(_ rejection: ChatRejection) -> ChatResponse {
        json(["error": rejection.reason], status: rejection.status)
    }
}

extension ChatResponse {
    /// The response with one more header.
    func with(header name: String, _ value: String) -> ChatResponse {
        var copy = self
        copy.headers[name] = value
        return copy
    }

    /// The response `work` makes, or the refusal it throws: a `ChatRejection` as given, anything else as a 400.
    static func guarding(_ work: () async throws -> ChatResponse) async -> ChatResponse {
        do {
            return try await work()
        } catch let rejection as ChatRejection {
            return .rejected(rejection)
        } catch {
            return .rejected(.malformed("\(error)"))
        }
    }
}

/// An object as compact JSON text with sorted keys: response bodies and outbox payloads alike.
func jsonText(_ object: Any) -> String {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
}

/// `text` when it is an http(s) URL a platform gave for answers (`response_url`, `reply_url`), else `nil`.
func webURL(_ text: String?) -> String? {
    guard let text, text.hasPrefix("https://") || text.hasPrefix("http://"), URL(string: text) != nil else { return nil }
    return text
}

/// Why a request was turned away before it reached the bot: 401 for a signature or token that does not check out,
/// 400 for a body that cannot be read.
public struct ChatRejection: Error, Sendable, Equatable {
    /// The HTTP status to answer with.
    public var status: Int
    /// What was wrong, for the caller and the log; never echoes a secret.
    public var reason: String

    /// Creates a rejection.
    public init(status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    /// A request that is not who it says it is.
    public static func unauthorised(_ reason: String) -> ChatRejection { ChatRejection(status: 401, reason) }
    /// A request that cannot be read.
    public static func malformed(_ reason: String) -> ChatRejection { ChatRejection(status: 400, reason) }
}
