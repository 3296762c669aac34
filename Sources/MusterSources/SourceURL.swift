import Foundation

/// The few things a poller does to an address: set a query parameter, resolve a relative link, read a Link header.
///
/// Query parameters are edited as text rather than through `URLComponents`, which leaves `+` and `=` unescaped in
/// values: a cursor such as Bluesky's or a page token holding them would reach the server changed.
enum SourceURL {
    /// `url` with each parameter of `parameters` set to its value: an existing one of that name is replaced, the rest
    /// of the query and any fragment are kept as they were.
    static func setting(_ parameters: [(name: String, value: String)], in url: String) -> String {
        var base = Substring(url)
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = base[..<hash]
        }
        var query: [Substring] = []
        if let mark = base.firstIndex(of: "?") {
            query = base[base.index(after: mark)...].split(separator: "&")
            base = base[..<mark]
        }
        for (name, value) in parameters {
            query.removeAll { item in
                let key = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                return String(key).removingPercentEncoding == name
            }
            query.append(Substring(encoded(name) + "=" + encoded(value)))
        }
        return base + (query.isEmpty ? "" : "?" + query.joined(separator: "&")) + fragment
    }

    /// RFC 3986's unreserved characters are left as they are; everything else is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `link` made absolute against `base` (a feed's URL); `link` itself when it cannot be.
    static func resolved(_ link: String, against base: String) -> String {
        let link = link.trimmingCharacters(in: .whitespacesAndNewlines)
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return link }
        guard let baseURL = URL(string: base), let url = URL(string: link, relativeTo: baseURL) else { return link }
        return url.absoluteString
    }

    /// The target of the link with relation `relation` in an HTTP Link header (RFC 8288:
    /// `<https://host/x?max_id=1>; rel="next", <…>; rel="prev"`), made absolute against `base`.
    static func link(_ relation: String, in header: String, base: String) -> String? {
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return nil }
            let target = rest[rest.index(after: open)..<close]
            let afterTarget = rest[rest.index(after: close)...]
            let parametersEnd = afterTarget.firstIndex(of: "<") ?? afterTarget.endIndex
            let parameters = afterTarget[..<parametersEnd]
            for parameter in parameters.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                let relations = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased().split(separator: " ")
                if relations.contains(Substring(relation)) { return resolved(String(target), against: base) }
            }
            rest = afterTarget[parametersEnd...]
        }
        return nil
    }
}
