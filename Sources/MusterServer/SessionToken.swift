import Crypto
import Foundation

/// Random tokens for session cookies and CSRF, and the hash a session is stored under.
enum SessionToken {
    /// 32 random bytes from the system's cryptographic generator, base64url without padding: safe in a cookie, a
    /// header and an HTML attribute as they are.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of `token` as lowercase hex: what the store keeps in place of the token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
