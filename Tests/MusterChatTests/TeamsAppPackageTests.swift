import Foundation
import MusterCore
import Testing

@testable import MusterChat

/// The Teams app package's parts: the checksums, the icons, the manifest's checks and the zip's layout. The whole
/// package against Microsoft's schema is checked end to end in MusterCLITests (TeamsPackageTests).
@Suite("Teams app package")
struct TeamsAppPackageTests {
    static let appID = "11111111-2222-3333-4444-55555555AAAA"

    func package(
        appID: String = appID, version: String = "1.0.0", organisation: String = "Northbridge City Council",
        website: String = "https://muster.example.gov.uk"
    ) throws -> TeamsAppPackage {
        try TeamsAppPackage(appID: appID, version: version, organisation: organisation, websiteURL: website, validDomains: ["muster.example.gov.uk"])
    }

    @Test("CRC-32 and Adler-32 give the published check values")
    func checksums() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGImage.adler32([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C, "sums past 5,552 bytes are reduced in time")
    }

    @Test("stored deflate blocks hold at most 65,535 bytes, the last one marked final")
    func storedBlocks() {
        let stream = PNGImage.zlibStored([UInt8](repeating: 7, count: 70_000))
        #expect(stream.prefix(2) == Data([0x78, 0x01]))
        #expect(stream[2] == 0 && stream[3] == 0xFF && stream[4] == 0xFF, "a first, full, non-final block")
        let second = 2 + 5 + 65_535
        #expect(stream[second] == 1 && Int(stream[second + 1]) | Int(stream[second + 2]) << 8 == 70_000 - 65_535)
        #expect(stream.count == 2 + 5 + 65_535 + 5 + 4_465 + 4)
        #expect(PNGImage.zlibStored([]).count == 2 + 5 + 4, "an empty stream is one empty final block")
    }

    @Test("the colour icon is 192 × 192 and opaque on the accent colour; the outline is 32 × 32, white on transparent")
    func icons() {
        let color = TeamsIcons.color()
        #expect(color.width == 192 && color.height == 192)
        #expect(color.pixels.allSatisfy { $0.alpha == 255 })
        #expect(color[0, 0] == TeamsIcons.accent)
        #expect(color[96, 60] == PNGImage.Pixel(red: 255, green: 255, blue: 255), "the bubble is white")
        #expect(Self.size(of: color.pngData) == [192, 192])

        let outline = TeamsIcons.outline()
        #expect(outline.width == 32 && outline.height == 32)
        #expect(outline.pixels.allSatisfy { $0.red == 255 && $0.green == 255 && $0.blue == 255 }, "white only, even where transparent")
        let opaque = outline.pixels.filter { $0.alpha == 255 }.count
        let clear = outline.pixels.filter { $0.alpha == 0 }.count
        #expect(opaque > 60 && clear > 32 * 32 / 2, "\(opaque) opaque, \(clear) clear")
        #expect(outline[0, 0].alpha == 0 && outline[16, 13].alpha == 255, "a clear corner; the middle dot")
        #expect(Self.size(of: outline.pngData) == [32, 32])
        #expect(outline.pngData.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test("a bad app id, version, organisation name or website is refused, saying what Teams wants")
    func refusals() throws {
        for (make, says) in [
            ({ try package(appID: "not-a-guid") }, "is not a GUID"),
            ({ try package(appID: "11111111-2222-3333-4444-5555555555") }, "is not a GUID"),
            ({ try package(version: "1.0") }, "is not MAJOR.MINOR.PATCH"),
            ({ try package(version: "1.0.x") }, "is not MAJOR.MINOR.PATCH"),
            ({ try package(organisation: "Royal Borough of Kensington and Chelsea") }, "over 32 characters"),
            ({ try package(organisation: "  ") }, "is empty"),
            ({ try package(website: "http://muster.example.gov.uk") }, "is not an https URL"),
            ({ try package(website: "muster.example.gov.uk") }, "is not an https URL"),
        ] as [(() throws -> TeamsAppPackage, String)] {
            do {
                _ = try make()
                Issue.record("accepted, though it \(says)")
            } catch let error as MusterError {
                #expect(error.message.contains(says), "\(error)")
                #expect(error.hint != nil)
            }
        }
    }

    @Test("the manifest names the bot by the app id, in personal chats, group chats and teams, with example questions")
    func manifest() throws {
        let manifest = try #require(try JSONSerialization.jsonObject(with: package().manifest) as? [String: Any])
        #expect(manifest["$schema"] as? String == "https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json")
        #expect(manifest["manifestVersion"] as? String == "1.24")
        #expect(manifest["id"] as? String == Self.appID.lowercased())
        #expect(manifest["accentColor"] as? String == "#1D3557")
        #expect(manifest["validDomains"] as? [String] == ["muster.example.gov.uk"])
        let developer = try #require(manifest["developer"] as? [String: String])
        #expect(developer["name"] == "Northbridge City Council")
        #expect(developer["privacyUrl"] == "https://muster.example.gov.uk", "the website stands in for the privacy page")
        let bot = try #require((manifest["bots"] as? [[String: Any]])?.first)
        #expect(bot["botId"] as? String == Self.appID.lowercased())
        #expect(bot["scopes"] as? [String] == ["personal", "team", "groupChat"])
        #expect(bot["supportsFiles"] as? Bool == false && bot["isNotificationOnly"] as? Bool == false)
        let commands = (bot["commandLists"] as? [[String: Any]])?.first?["commands"] as? [[String: String]]
        #expect(commands?.map { $0["title"] } == ["sitrep", "any rumours about the fire?", "show unanswered posts"])
        #expect(try package().manifest == package().manifest, "the same options give the same file")
    }

    @Test("the zip lists manifest.json, color.png and outline.png at its root, stored, in its central directory")
    func zip() throws {
        let zip = try package().zipped
        let end = zip.count - 22
        #expect(Self.uint32(zip, end) == 0x0605_4B50, "the end record closes the archive")
        #expect(Self.uint16(zip, end + 10) == 3, "three entries")
        var offset = Int(Self.uint32(zip, end + 16))
        var names: [String] = []
        for _ in 0..<3 {
            #expect(Self.uint32(zip, offset) == 0x0201_4B50)
            #expect(Self.uint16(zip, offset + 10) == 0, "stored")
            let nameLength = Int(Self.uint16(zip, offset + 28))
            let local = Int(Self.uint32(zip, offset + 42))
            #expect(Self.uint32(zip, local) == 0x0403_4B50, "the directory points at the entry's local header")
            names.append(String(decoding: zip[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self))
            offset += 46 + nameLength
        }
        #expect(names == ["manifest.json", "color.png", "outline.png"])
        #expect(zip.count < 200_000, "\(zip.count) bytes")
    }

    /// Width and height from a PNG's IHDR chunk.
    static func size(of png: Data) -> [Int] {
        guard png.count > 24, String(decoding: png[12..<16], as: UTF8.self) == "IHDR" else { return [] }
        func big(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return [big(16), big(20)]
    }

    static func uint16(_ data: Data, _ at: Int) -> UInt16 { UInt16(data[at]) | UInt16(data[at + 1]) << 8 }
    static func uint32(_ data: Data, _ at: Int) -> UInt32 { UInt32(uint16(data, at)) | UInt32(uint16(data, at + 2)) << 16 }
}
