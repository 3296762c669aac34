import Foundation

/// An 8-bit RGBA image and its PNG file, written with stored (uncompressed) deflate blocks: a few dozen lines
/// instead of a compression library, and icons this small stay well under any upload limit.
public struct PNGImage: Sendable, Equatable {
    /// One pixel: red, green, blue and alpha, 0–255 each, not premultiplied.
    public struct Pixel: Sendable, Equatable {
        public var red: UInt8
        public var green: UInt8
        public var blue: UInt8
        public var alpha: UInt8

        /// Creates a pixel from its four channels.
        public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
            self.red = red
            self.green = green
            self.blue = blue
            self.alpha = alpha
        }
    }

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Every pixel, row by row from the top left.
    public private(set) var pixels: [Pixel]

    /// An image of `width` × `height` pixels, all `fill`.
    public init(width: Int, height: Int, fill: Pixel = Pixel(red: 255, green: 255, blue: 255, alpha: 0)) {
        precondition(width > 0 && height > 0, "an image needs at least one pixel")
        self.width = width
        self.height = height
        pixels = Array(repeating: fill, count: width * height)
    }

    /// The pixel in column `x`, row `y` (0, 0 is the top left).
    public subscript(x: Int, y: Int) -> Pixel {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The image as a PNG file: colour type 6 (RGBA), 8 bits a channel, no interlacing, filter 0 on every row.
    public var pngData: Data {
        var file = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 6, 0, 0, 0])  // bit depth, colour type, compression, filter, interlace
        file.appendChunk("IHDR", header)
        var rows = [UInt8]()
        rows.reserveCapacity(height * (1 + width * 4))
        for y in 0..<height {
            rows.append(0)  // filter type: none
            for pixel in pixels[(y * width)..<((y + 1) * width)] {
                rows.append(contentsOf: [pixel.red, pixel.green, pixel.blue, pixel.alpha])
            }
        }
        file.appendChunk("IDAT", Self.zlibStored(rows))
        file.appendChunk("IEND", Data())
        return file
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4), each at most 65,535 bytes.
    static func zlibStored(_ bytes: [UInt8]) -> Data {
        var stream = Data([0x78, 0x01])  // deflate with a 32 KB window; (0x78 × 256 + 0x01) is a multiple of 31
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            stream.append(end == bytes.count ? 1 : 0)  // BFINAL on the last block, BTYPE 00 (stored)
            stream.appendLittleEndian(UInt16(end - start))
            stream.appendLittleEndian(~UInt16(end - start))
            stream.append(contentsOf: bytes[start..<end])
            start = end
        } while start < bytes.count
        stream.appendBigEndian(adler32(bytes))
        return stream
    }

    /// Adler-32 (RFC 1950 §8), the checksum ending a zlib stream.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        // 5,552 bytes is the most that can be summed before `b` could overflow 32 bits.
        var start = 0
        while start < bytes.count {
            for byte in bytes[start..<min(start + 5_552, bytes.count)] {
                a += UInt32(byte)
                b += a
            }
            a %= 65_521
            b %= 65_521
            start += 5_552
        }
        return b << 16 | a
    }
}

extension Data {
    fileprivate mutating func appendChunk(_ type: String, _ contents: Data) {
        appendBigEndian(UInt32(contents.count))
        let typed = Data(type.utf8) + contents
        append(typed)
        appendBigEndian(CRC32.checksum(typed))
    }

    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    fileprivate mutating func appendLittleEndian(_ value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }
}
