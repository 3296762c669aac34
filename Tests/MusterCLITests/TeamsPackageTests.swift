import Foundation
import MusterTesting
import Testing

/// `muster teams-package` as an IT administrator runs it, and the zip it writes checked the way Teams would:
/// Tests/acceptance/app_manifests.py (through run.sh's virtualenv) validates the manifest against Microsoft's
/// published v1.24 schema, decodes both icons, and parses the Slack app manifest in docs/ too.
@Suite("muster teams-package")
struct TeamsPackageTests {
    static let appID = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    let folder = try? Fixture.temporaryDirectory()

    /// Runs `muster teams-package` from the repository root with only the given Muster variables set.
    func teamsPackage(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MUSTER_") }
        environment.merge(extra) { $1 }
        return try Fixture.run(CLITests.binary.path, ["teams-package"] + arguments, in: Fixture.repositoryRoot, environment: environment)
    }

    @Test("writes a zip of manifest.json, color.png and outline.png that Microsoft's schema, zipfile and unzip accept, and the Slack manifest parses")
    func writesPackage() throws {
        let zip = try #require(folder).appendingPathComponent("muster-teams.zip").path
        let run = try teamsPackage(["--app-id", Self.appID, "--website", "https://muster.example.gov.uk", "--output", zip])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("Wrote \(zip): Teams app 1.0.0 (manifest v1.24) for bot \(Self.appID)"), "\(run.output)")
        let (status, report) = try Fixture.run(
            "/bin/bash", [Fixture.repositoryRoot.appendingPathComponent("Tests/acceptance/run.sh").path, "--app-manifests", zip],
            in: Fixture.repositoryRoot
        )
        #expect(status == 0, "\(report)")
        #expect(report.contains("all app manifest checks passed"), "\(report)")
    }

    @Test("takes the app id and website from MUSTER_TEAMS_APP_ID and MUSTER_PUBLIC_URL, and the publisher from the config")
    func defaults() throws {
        let zip = try #require(folder).appendingPathComponent("defaults.zip").path
        let run = try teamsPackage(
            ["--output", zip, "--version", "1.2.3", "--privacy-url", "https://www.northbridge.example/privacy"],
            environment: ["MUSTER_TEAMS_APP_ID": Self.appID, "MUSTER_PUBLIC_URL": "https://muster.northbridge.example"]
        )
        #expect(run.status == 0, "\(run.output)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Self.entry("manifest.json", in: Data(contentsOf: URL(fileURLWithPath: zip)))) as? [String: Any])
        #expect(manifest["id"] as? String == Self.appID)
        #expect(manifest["version"] as? String == "1.2.3")
        #expect(manifest["validDomains"] as? [String] == ["muster.northbridge.example"])
        let developer = manifest["developer"] as? [String: String]
        #expect(developer?["name"] == "Northbridge City Council", "the demo config's organisation")
        #expect(developer?["websiteUrl"] == "https://muster.northbridge.example")
        #expect(developer?["privacyUrl"] == "https://www.northbridge.example/privacy")
        #expect(developer?["termsOfUseUrl"] == "https://muster.northbridge.example")
    }

    @Test("refuses, non-zero and saying what to set, without an app id, with one that is not a GUID, or without an https website")
    func refusals() throws {
        let zip = try #require(folder).appendingPathComponent("refused.zip")
        let website = ["--website", "https://muster.example.gov.uk"]
        for (arguments, environment, says) in [
            (website, [:], "no app id: pass --app-id with the Azure Bot's Microsoft App ID, or set MUSTER_TEAMS_APP_ID"),
            (website, ["MUSTER_TEAMS_APP_ID": ""], "set MUSTER_TEAMS_APP_ID"),
            (["--app-id", "northbridge-bot"] + website, [:], "the app id \"northbridge-bot\" is not a GUID"),
            (website, ["MUSTER_TEAMS_APP_ID": "12345"], "the app id \"12345\" is not a GUID"),
            (["--app-id", Self.appID], [:], "no website: pass --website https://…, or set MUSTER_PUBLIC_URL"),
            (["--app-id", Self.appID, "--website", "http://muster.example.gov.uk"], [:], "\"http://muster.example.gov.uk\" is not an https URL"),
            (["--app-id", Self.appID, "--version", "2"] + website, [:], "the version \"2\" is not MAJOR.MINOR.PATCH"),
        ] as [([String], [String: String], String)] {
            let run = try teamsPackage(arguments + ["--output", zip.path], environment: environment)
            #expect(run.status != 0, "\(arguments) \(environment)")
            #expect(run.output.contains(says), "\(run.output)")
            #expect(!FileManager.default.fileExists(atPath: zip.path), "nothing written")
        }
    }

    /// The bytes of a stored entry, found by walking the local headers from the start of the zip.
    static func entry(_ name: String, in zip: Data) throws -> Data {
        func uint16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func uint32(_ at: Int) -> Int { uint16(at) | uint16(at + 2) << 16 }
        var offset = 0
        while offset + 30 <= zip.count, uint32(offset) == 0x0403_4B50 {
            let size = uint32(offset + 18), nameLength = uint16(offset + 26), extraLength = uint16(offset + 28)
            let start = offset + 30 + nameLength + extraLength
            if String(decoding: zip[(offset + 30)..<(offset + 30 + nameLength)], as: UTF8.self) == name {
                return zip[start..<(start + size)]
            }
            offset = start + size
        }
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: name])
    }
}
