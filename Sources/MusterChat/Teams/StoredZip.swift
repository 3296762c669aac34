import Foundation

/// A zip archive (PKWARE APPNOTE 6.3) of stored, uncompressed entries: local headers, the central directory and
/// the end record, nothing more. Enough for a Teams app package; no zip64, so each entry and the whole archive
/// must stay under 4 GB and 65,535 entries.
public struct StoredZip: Sendable {
    /// One file in the archive.
    public struct Entry: Sendable {
        /// Its path inside the archive, `/`-separated; ASCII keeps every unzip tool happy.
        public var name: String
        /// Its bytes.
        public var contents: Data

        /// Creates an entry named `name` holding `contents`.
        public init(name: String, contents: Data) {
            self.name = name
            self.contents = contents
        }
    }

    /// The files, in the order they are written.
    public var entries: [Entry]

    /// An archive of `entries`.
    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// The archive's bytes. Every entry carries the same time, 1 January 1980 (the earliest a zip can hold), so the
    /// same files always make the same archive.
    public var data: Data {
        precondition(entries.count < 0xFFFF, "a zip without zip64 holds fewer than 65,535 entries")
        var archive = Data()
        var directory = Data()
        for entry in entries {
            let name = Data(entry.name.utf8)
            let crc = CRC32.checksum(entry.contents)
            let size = UInt32(entry.contents.count)
            let offset = UInt32(archive.count)
            let utf8Flag: UInt16 = entry.name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11

            archive.appendLittleEndian(UInt32(0x0403_4B50))
            archive.appendLittleEndian(UInt16(10))  // version needed: 1.0, stored entries
            archive.appendFields(flags: utf8Flag, crc: crc, size: size, nameLength: UInt16(name.count))
            archive.append(name)
            archive.append(entry.contents)

            directory.appendLittleEndian(UInt32(0x0201_4B50))
            directory.appendLittleEndian(UInt16(3 << 8 | 20))  // made by: Unix, 2.0, so the permissions below count
            directory.appendLittleEndian(UInt16(10))
            directory.appendFields(flags: utf8Flag, crc: crc, size: size, nameLength: UInt16(name.count))
            directory.appendLittleEndian(UInt16(0))  // comment length
            directory.appendLittleEndian(UInt16(0))  // disk number
            directory.appendLittleEndian(UInt16(0))  // internal attributes
            directory.appendLittleEndian(UInt32(0o100644) << 16)  // external attributes: a regular file, rw-r--r--
            directory.appendLittleEndian(offset)
            directory.append(name)
        }
        let directoryOffset = UInt32(archive.count)
        archive.append(directory)
        archive.appendLittleEndian(UInt32(0x0605_4B50))
        archive.appendLittleEndian(UInt16(0))  // this disk
        archive.appendLittleEndian(UInt16(0))  // the disk the directory starts on
        archive.appendLittleEndian(UInt16(entries.count))
        archive.appendLittleEndian(UInt16(entries.count))
        archive.appendLittleEndian(UInt32(directory.count))
        archive.appendLittleEndian(directoryOffset)
        archive.appendLittleEndian(UInt16(0))  // comment length
        return archive
    }
}

extension Data {
    /// The fields a local header and a central directory header share, from the flags to the extra field's length.
    fileprivate mutating func appendFields(flags: UInt16, crc: UInt32, size: UInt32, nameLength: UInt16) {
        appendLittleEndian(flags)
        appendLittleEndian(UInt16(0))  // method: stored
        appendLittleEndian(UInt16(0))  // time: 00:00:00
        appendLittleEndian(UInt16(0 << 9 | 1 << 5 | 1))  // date: 1980-01-01
        appendLittleEndian(crc)
        appendLittleEndian(size)  // compressed size
        appendLittleEndian(size)  // uncompressed size
        appendLittleEndian(nameLength)
        appendLittleEndian(UInt16(0))  // extra field length
    }

    fileprivate mutating func appendLittleEndian(_ value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func appendLittleEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)])
    }
}
