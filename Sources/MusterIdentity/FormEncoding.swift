import Foundation

/// `application/x-www-form-urlencoded` bodies for token endpoints.
public enum FormEncoding {
    /// The fields as a form body, every value percent-encoded but for RFC 3986's unreserved characters, so a
    /// secret's `+`, `/` or `=` arrives as itself.
    public static func body(_ fields: [(String, String)]) -> Data {
        Data(fields.map { "\($0)=\(encoded($1))" }.joined(separator: "&").utf8)
    }

    /// One value percent-encoded as `body` encodes it.
    public static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
