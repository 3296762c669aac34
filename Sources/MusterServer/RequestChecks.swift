import Foundation
import HTTPTypes
import Hummingbird

/// What a browser's request says about where it came from and what it carries.
enum RequestChecks {
    /// Whether the page that sent `request` is this server's own: its `Origin` (or, absent, `Referer`) names the
    /// host the request was sent to. A request with neither came from no browser page (curl, a script), and the
    /// session and CSRF token decide; `Origin: null` (a sandboxed frame, a `file:` page) is refused.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let claimed = request.headers[.origin] ?? request.headers[.referer] else { return true }
        guard let url = URL(string: claimed), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        let source = authority(host: host, port: url.port, scheme: scheme)
        let targets = [request.head.authority, request.headers[forwardedHost]].compactMap { $0 }
        return targets.contains { target in
            guard let parsed = URL(string: "\(scheme)://\(target)"), let host = parsed.host else { return false }
            return authority(host: host, port: parsed.port, scheme: scheme) == source
        }
    }

    /// Whether the body is declared as JSON. Browsers send `text/plain`, form types and multipart across sites
    /// without asking first; `application/json` from another site needs a CORS preflight, which Muster never grants.
    static func isJSON(_ request: Request) -> Bool {
        mediaType(request) == "application/json"
    }

    /// Whether the body is an HTML form's.
    static func isForm(_ request: Request) -> Bool {
        mediaType(request) == "application/x-www-form-urlencoded"
    }

    /// Whether the browser reached us over TLS: a proxy in front says so with `X-Forwarded-Proto: https`.
    static func cameOverTLS(_ request: Request) -> Bool {
        request.head.scheme?.lowercased() == "https" || request.headers[forwardedProto]?.lowercased().hasPrefix("https") == true
    }

    private static func mediaType(_ request: Request) -> String? {
        request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static func authority(host: String, port: Int?, scheme: String) -> String {
        let standard = scheme == "https" ? 443 : 80
        return host.lowercased() + (port.map { $0 == standard ? "" : ":\($0)" } ?? "")
    }

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}

/// A check's outcome: what to go on with, or the response that refuses the request.
enum Checked<Value: Sendable>: Sendable {
    case passed(Value)
    case refused(Response)
}
