import Foundation
import MusterCore

/// Reads an input's lines a chunk at a time, so a file of any size streams through a buffer of a few megabytes.
///
/// A line is handed out as bytes valid until the next call; a line longer than the buffer grows it.
package final class LineReader {
    private let fill: (UnsafeMutableRawBufferPointer) throws -> Int
    private let close: () -> Void
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// The number of the line last handed out (1-based).
    package private(set) var lineNumber = 0
    /// Bytes handed out so far, newlines included.
    private(set) var bytesConsumed = 0
    /// The input's size in bytes, when known (files and bodies), for estimating progress.
    let totalBytes: Int?
    /// The longest line read before the input is refused.
    package static let maximumLineLength = 64 << 20

    /// The file or URL, for errors.
    private let name: String

    /// Reads the file at `path`.
    init(path: String, chunkSize: Int) throws {
        name = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw MusterError("cannot read \(path)", hint: "Check that the file exists and is readable.") }
        var status = stat()
        totalBytes = fstat(descriptor, &status) == 0 ? Int(status.st_size) : nil
        fill = { target in
            while true {
                let count = read(descriptor, target.baseAddress, target.count)
                if count >= 0 { return count }
                guard errno == EINTR else { throw MusterError("cannot read \(path): \(String(cString: strerror(errno)))") }
            }
        }
        close = { _ = Foundation.close(descriptor) }
        buffer = .allocate(byteCount: max(chunkSize, 16), alignment: 1)
    }

    /// Reads a body already in memory (an HTTP response) fetched from `name`.
    init(data: Data, name: String, chunkSize: Int) {
        self.name = name
        let offset = Offset()
        totalBytes = data.count
        fill = { target in
            let count = min(target.count, data.count - offset.value)
            data.copyBytes(to: target.bindMemory(to: UInt8.self), from: data.startIndex + offset.value..<data.startIndex + offset.value + count)
            offset.value += count
            return count
        }
        close = {}
        buffer = .allocate(byteCount: max(chunkSize, 16), alignment: 1)
    }

    private final class Offset { var value = 0 }

    deinit {
        close()
        buffer.deallocate()
    }

    /// The next line without its newline, or `nil` at the end of the input.
    package func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let newline = memchr(base + start, 0x0A, end - start).map { $0.assumingMemoryBound(to: UInt8.self) - base }
            // A carriage return before the newline (or anywhere, when there is none) ends the line too: old Mac
            // exports end lines with CR alone. It is looked for only up to the newline, so LF files cost nothing.
            if let carriage = memchr(base + start, 0x0D, (newline ?? end) - start).map({ $0.assumingMemoryBound(to: UInt8.self) - base }) {
                if carriage + 1 < end {
                    return take(upTo: carriage, skipping: base[carriage + 1] == 0x0A ? 2 : 1)
                }
                if atEnd { return take(upTo: carriage, skipping: 1) }
                // The CR is the last byte read: whether an LF follows is in the next chunk.
            } else if let newline {
                return take(upTo: newline, skipping: 1)
            } else if atEnd {
                return start < end ? take(upTo: end, skipping: 0) : nil
            }
            // Keep the partial line, move it to the front and read the next chunk behind it.
            if start > 0 {
                memmove(base, base + start, end - start)
                end -= start
                start = 0
            }
            if end == buffer.count {
                // A record is a few kilobytes; a line this long means the input is not NDJSON, and growing
                // further would hold the whole file in memory.
                guard buffer.count < Self.maximumLineLength else {
                    throw MusterError(
                        "\(name):\(lineNumber + 1): the line is longer than \(Self.maximumLineLength >> 20) MB",
                        hint: "Nothing from it was stored. Is it NDJSON (one JSON object per line)? Give --format if not."
                    )
                }
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 1)
                larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
                buffer.deallocate()
                buffer = larger
            }
            let count = try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if count == 0 { atEnd = true } else { end += count }
        }
    }

    private func take(upTo position: Int, skipping separator: Int) -> UnsafeBufferPointer<UInt8> {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // A byte-order mark (Excel and Windows tools write one) is not part of the first record.
        let bom = lineNumber == 0 && position - start >= 3 && base[start] == 0xEF && base[start + 1] == 0xBB && base[start + 2] == 0xBF ? 3 : 0
        let line = UnsafeBufferPointer(start: base + start + bom, count: position - start - bom)
        bytesConsumed += position - start + separator
        start = position + separator
        lineNumber += 1
        return line
    }
}
