import Crypto
import Foundation

/// The HMAC-SHA256 checks chat platforms sign their requests with.
public enum RequestSignature {
    /// Slack's signing scheme, which Muster's own webhook also uses with version `v1`: the signature is
    /// `"<version>=" + hex(HMAC-SHA256(secret, "<version>:" + timestamp + ":" + body))` and the timestamp must be within
    /// five minutes of now, either way, so a captured request cannot be replayed later.
    public struct Timestamped: Sendable {
        /// The version prefix: `v0` for Slack.
        public var version: String
        /// The shared secret.
        public var secret: String
        /// The most a timestamp may differ from now.
        public var window: TimeInterval = 300

        /// Creates a checker.
        public init(version: String, secret: String) {
            self.version = version
            self.secret = secret
        }

        /// The signature for `body` sent at `timestamp`.
        public func signature(timestamp: String, body: Data) -> String {
            var message = Data("\(version):\(timestamp):".utf8)
            message.append(body)
            let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
            return "\(version)=" + code.map { String(format: "%02x", $0) }.joined()
        }

        /// Throws unless `signature` signs `body` at `timestamp` and the timestamp is fresh at `now`.
        public func verify(timestamp: String?, signature: String?, body: Data, now: Date) throws(ChatRejection) {
            guard let timestamp, let signature else { throw .unauthorised("The request is not signed.") }
            guard let seconds = TimeInterval(timestamp), seconds.isFinite else { throw .unauthorised("The request timestamp is not a number.") }
            guard abs(now.timeIntervalSince1970 - seconds) <= window else {
                throw .unauthorised("The request timestamp is more than \(Int(window / 60)) minutes from now; it may be a replay.")
            }
            guard constantTimeEqual(self.signature(timestamp: timestamp, body: body), signature) else {
                throw .unauthorised("The request signature does not match.")
            }
        }
    }

    /// Microsoft Teams outgoing webhooks: `Authorization: HMAC <base64(HMAC-SHA256(base64decode(token), body))>`.
    public struct Teams: Sendable {
        private let key: Data

        /// A checker for the security token Teams showed when the webhook was created; `nil` if it is not base64.
        public init?(securityToken: String) {
            guard let key = Data(base64Encoded: securityToken.trimmingCharacters(in: .whitespacesAndNewlines)), !key.isEmpty else { return nil }
            self.key = key
        }

        /// The `Authorization` header value Teams sends with `body`.
        public func authorization(for body: Data) -> String {
            "HMAC " + Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key))).base64EncodedString()
        }

        /// Throws unless `authorization` signs `body`.
        public func verify(authorization: String?, body: Data) throws(ChatRejection) {
            guard let authorization, authorization.hasPrefix("HMAC ") else { throw .unauthorised("The request has no HMAC authorization.") }
            guard constantTimeEqual(self.authorization(for: body), authorization) else {
                throw .unauthorised("The request's HMAC does not match.")
            }
        }
    }

    /// Whether two strings are equal, taking the same time wherever they differ, so that timing does not reveal how
    /// much of a guess was right.
    public static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}

private func constantTimeEqual(_ left: String, _ right: String) -> Bool {
    RequestSignature.constantTimeEqual(left, right)
}
