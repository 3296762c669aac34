import Foundation
import MusterCore

/// The app package an IT administrator uploads to Teams: `manifest.json` and the two icons it names, at the root
/// of a zip. The manifest declares one bot (the Azure Bot's app id) for personal chats, group chats and channels;
/// the messaging endpoint is not in it, but set on the Azure Bot resource.
public struct TeamsAppPackage: Sendable {
    /// The manifest schema version written. 1.24 (October 2025) is verified against the official schema and long
    /// enough released for every tenant; later versions add nothing a bot needs.
    public static let manifestVersion = "1.24"

    /// The `$schema` URL, which must name the same version as `manifestVersion`.
    public static let schemaURL = "https://developer.microsoft.com/json-schemas/teams/v\(manifestVersion)/MicrosoftTeams.schema.json"

    /// The manifest's `accentColor`: the colour icon's background.
    public static let accentColor = "#1D3557"

    /// What Teams lists under the bot's name for people to try.
    public static let exampleQuestions: [(title: String, description: String)] = [
        ("sitrep", "A situation report on an incident: timeline, rumours, media, official lines"),
        ("any rumours about the fire?", "The claims going round about a story, and what officials have said"),
        ("show unanswered posts", "Posts asking the organisation something that have had no reply"),
    ]

    /// The Azure Bot's Microsoft App ID: the manifest's `id` and the bot's `botId` both.
    public let appID: String
    /// The package's own version, MAJOR.MINOR.PATCH; raise it for every upload that changes anything.
    public let version: String
    /// The organisation publishing the app, shown as its developer (at most 32 characters).
    public let organisation: String
    /// The developer website, privacy statement and terms of use, each an https URL.
    public let websiteURL: String, privacyURL: String, termsOfUseURL: String
    /// The hosts Teams may open links to from the app: Muster's own.
    public let validDomains: [String]

    /// Checks every field against what Teams accepts.
    ///
    /// - Parameters:
    ///   - appID: the Azure Bot's Microsoft App ID, a GUID.
    ///   - version: semantic version, e.g. `1.0.0`.
    ///   - organisation: the publisher's name, at most 32 characters.
    ///   - websiteURL: https URL of the developer's website.
    ///   - privacyURL: https URL of the privacy statement (default: the website).
    ///   - termsOfUseURL: https URL of the terms of use (default: the website).
    ///   - validDomains: hosts such as `muster.example.gov.uk`.
    /// - Throws: `MusterError` saying which value is wrong and what Teams wants instead.
    public init(
        appID: String, version: String = "1.0.0", organisation: String, websiteURL: String, privacyURL: String? = nil,
        termsOfUseURL: String? = nil, validDomains: [String]
    ) throws {
        guard Self.isGUID(appID) else {
            throw MusterError(
                "the app id \"\(appID)\" is not a GUID",
                hint: "Use the Azure Bot's Microsoft App ID, as shown on its Configuration page, e.g. 11111111-2222-3333-4444-555555555555."
            )
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw MusterError("the version \"\(version)\" is not MAJOR.MINOR.PATCH", hint: "Use three numbers such as 1.0.0, and raise it for every new upload.")
        }
        let name = organisation.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 32 else {
            throw MusterError(
                "the organisation name \"\(organisation)\" is \(name.isEmpty ? "empty" : "over 32 characters")",
                hint: "Teams shows the developer's name in at most 32 characters; give a shorter one."
            )
        }
        for url in [websiteURL, privacyURL, termsOfUseURL].compactMap({ $0 }) {
            guard let parsed = URL(string: url), parsed.scheme?.lowercased() == "https", parsed.host?.isEmpty == false, url.count <= 2048 else {
                throw MusterError("\"\(url)\" is not an https URL", hint: "Teams needs https addresses for the website, privacy statement and terms of use.")
            }
        }
        self.appID = appID.lowercased()
        self.version = version
        self.organisation = name
        self.websiteURL = websiteURL
        self.privacyURL = privacyURL ?? websiteURL
        self.termsOfUseURL = termsOfUseURL ?? websiteURL
        self.validDomains = validDomains
    }

    /// Whether `text` is a GUID in the 8-4-4-4-12 hex form the manifest schema requires.
    public static func isGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// `manifest.json`, pretty-printed with sorted keys so the same options always give the same file.
    public var manifest: Data {
        let scopes = ["personal", "team", "groupChat"]
        let manifest: [String: Any] = [
            "$schema": Self.schemaURL,
            "manifestVersion": Self.manifestVersion,
            "version": version,
            "id": appID,
            "developer": [
                "name": organisation, "websiteUrl": websiteURL, "privacyUrl": privacyURL, "termsOfUseUrl": termsOfUseURL,
            ],
            "name": ["short": "Muster", "full": "Muster for \(organisation)"],
            "description": [
                "short": "Ask what the public and the media are saying, in plain English.",
                "full": """
                    Muster watches the public posts and news your communications team monitors and answers questions \
                    about them in plain English: what people are saying about a topic or a place, the rumours going \
                    round and what officials have said, the posts still waiting for a reply, and a situation report \
                    for an incident. Chat with it directly, or mention it in a group chat or channel.
                    """,
            ],
            "icons": ["color": "color.png", "outline": "outline.png"],
            "accentColor": Self.accentColor,
            "bots": [
                [
                    "botId": appID,
                    "scopes": scopes,
                    "supportsFiles": false,
                    "isNotificationOnly": false,
                    "commandLists": [
                        [
                            "scopes": scopes,
                            "commands": Self.exampleQuestions.map { ["title": $0.title, "description": $0.description] },
                        ]
                    ],
                ]
            ],
            "validDomains": validDomains,
        ]
        // Only strings, numbers, booleans, arrays and dictionaries above, so serialising cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return data + Data("\n".utf8)
    }

    /// The package's files: `manifest.json`, `color.png` (192 × 192) and `outline.png` (32 × 32).
    public var files: [StoredZip.Entry] {
        [
            StoredZip.Entry(name: "manifest.json", contents: manifest),
            StoredZip.Entry(name: "color.png", contents: TeamsIcons.color().pngData),
            StoredZip.Entry(name: "outline.png", contents: TeamsIcons.outline().pngData),
        ]
    }

    /// The zip to upload, its files at the root.
    public var zipped: Data { StoredZip(files).data }
}
