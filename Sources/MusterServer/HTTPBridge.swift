import Foundation
import HTTPTypes
import Hummingbird
import MusterChat
import NIOCore

/// Between Hummingbird's types and the adapters' platform-neutral ones.
enum HTTPBridge {
    /// The request's headers and body, or a 413 when the body is over `limit`.
    static func chatRequest(_ request: Request, limit: Int) async -> Result<ChatRequest, ChatRejection> {
        var request = request
        guard let body = try? await request.collectBody(upTo: limit) else {
            return .failure(ChatRejection(status: 413, "The request body is over \(limit) bytes."))
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        return .success(ChatRequest(headers: headers, body: Data(buffer: body)))
    }

    /// An adapter's response as Hummingbird's.
    static func response(_ chat: ChatResponse) -> Response {
        var headers: HTTPFields = [.contentType: chat.contentType]
        for (name, value) in chat.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: chat.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: chat.body)))
    }
}
