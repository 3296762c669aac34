import CCurl
import Foundation
import MusterCore

/// A blocking HTTP client on libcurl, for every outbound call Muster makes: fetching feeds and files, and delivering
/// chat replies from the outbox.
public struct HTTPClient: Sendable {
    /// A response: status and body.
    public struct Response: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// The body as received.
        public var body: Data
        /// Seconds the server asked us to wait before trying again (`Retry-After`), when it said.
        public var retryAfter: Int? = nil
        /// The final response's headers, by lower-cased name; a header sent more than once has its values joined
        /// with ", " (as HTTP allows for lists such as `Link`).
        public var headers: [String: String] = [:]
    }

    /// The longest a request may take, in seconds.
    public var timeout: Int
    /// The largest body accepted, in bytes; a bigger one fails rather than filling memory.
    public var maximumBodySize: Int

    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Creates a client.
    public init(timeout: Int = 30, maximumBodySize: Int = 512 << 20) {
        self.timeout = timeout
        self.maximumBodySize = maximumBodySize
    }

    /// Fetches `url` with GET, following redirects.
    ///
    /// - Throws: `MusterError` when the request cannot be made or the body is too large.
    public func get(_ url: String) throws -> Response {
        try get(url, headers: [:])
    }

    /// Fetches `url` with GET and extra request headers (`If-None-Match`, `Authorization`, …), following redirects.
    ///
    /// - Parameter timeout: seconds this request may take, when not the client's `timeout`.
    /// - Throws: `MusterError` when the request cannot be made, takes too long, or the body is too large.
    public func get(_ url: String, headers extra: [String: String], timeout: Int? = nil) throws -> Response {
        let headers = Self.headerList(extra)
        defer { curl_slist_free_all(headers) }
        return try perform(url) { handle in
            if let headers { ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers)) }
            if let timeout { ccurl_setopt_long(handle, CURLOPT_TIMEOUT, timeout) }
        }
    }

    private static func headerList(_ headers: [String: String], first: String? = nil) -> UnsafeMutablePointer<curl_slist>? {
        var list = first.flatMap { curl_slist_append(nil, $0) }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        return list
    }

    /// Sends `body` to `url` with POST and the given content type.
    ///
    /// - Throws: `MusterError` when the request cannot be made or the answer is too large.
    public func post(_ url: String, body: Data, contentType: String, headers extra: [String: String] = [:]) throws -> Response {
        try body.withUnsafeBytes { bytes in
            let headers = Self.headerList(extra, first: "Content-Type: \(contentType)")
            defer { curl_slist_free_all(headers) }
            return try perform(url) { handle in
                ccurl_setopt_long(handle, CURLOPT_POST, 1)
                ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
                // libcurl reads the body during the transfer, which happens inside this closure.
                ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
            }
        }
    }

    private func perform(_ url: String, configure: (UnsafeMutableRawPointer) -> Void) throws -> Response {
        guard Self.initialised, let handle = curl_easy_init() else { throw MusterError("libcurl could not start") }
        defer { curl_easy_cleanup(handle) }

        final class Sink {
            var data = Data()
            var headers: [String: String] = [:]
            let limit: Int
            init(limit: Int) { self.limit = limit }

            /// Takes one header line; a status line starts a new response (after a redirect or a 100 Continue), whose
            /// headers replace those before.
            func takeHeader(_ line: String) {
                if line.hasPrefix("HTTP/") {
                    headers = [:]
                    return
                }
                guard let colon = line.firstIndex(of: ":") else { return }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                headers[name] = headers[name].map { "\($0), \(value)" } ?? value
            }
        }
        let sink = Sink(limit: maximumBodySize)
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }

        ccurl_setopt_string(handle, CURLOPT_URL, url)
        ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, 5)
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT, timeout)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_string(handle, CURLOPT_USERAGENT, "Muster/1.0")
        // Feeds are text and compress well; the size limit applies to the body as decoded, so a small compressed
        // answer cannot inflate past it.
        ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        // A proxy variable in the environment must not divert traffic to this machine.
        ccurl_setopt_string(handle, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque())
        ccurl_setopt_write(handle) { bytes, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard sink.data.count + length <= sink.limit else { return 0 }
            if let bytes { sink.data.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: length) }
            return length
        }
        ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque())
        ccurl_setopt_header(handle) { bytes, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let bytes {
                sink.takeHeader(String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self))
            }
            return length
        }
        configure(handle)

        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            if code == CURLE_WRITE_ERROR {
                throw MusterError("\(url): response larger than \(maximumBodySize) bytes")
            }
            throw MusterError("\(url): \(String(cString: curl_easy_strerror(code)))")
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        // libcurl parses Retry-After, both as seconds and as an HTTP date; -1 or 0 means it was absent.
        var retryAfter: curl_off_t = 0
        ccurl_getinfo_off(handle, CURLINFO_RETRY_AFTER, &retryAfter)
        return Response(status: status, body: sink.data, retryAfter: retryAfter > 0 ? Int(retryAfter) : nil, headers: sink.headers)
    }
}
