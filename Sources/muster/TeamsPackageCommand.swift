import ArgumentParser
import Foundation
import MusterApp
import MusterChat
import MusterConfig
import MusterCore

/// `muster teams-package`: the zip IT uploads to Teams so people can chat with the Muster bot.
struct TeamsPackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams-package",
        abstract: "Write the Teams app package (manifest.json and two icons, zipped) for IT to upload.",
        discussion: """
            Register an Azure Bot first (docs/chat-platforms.md): its Microsoft App ID is the app id here, and the \
            same value goes in MUSTER_TEAMS_APP_ID for `muster serve`. Upload the zip in the Teams admin centre \
            (Teams apps › Manage apps › Upload new app), or in Teams itself (Apps › Manage your apps › Upload an \
            app). Raise --version for every new upload.

            Examples:
              MUSTER_TEAMS_APP_ID=… MUSTER_PUBLIC_URL=https://muster.example.gov.uk muster teams-package
              muster teams-package --app-id 11111111-2222-3333-4444-555555555555 --website https://muster.example.gov.uk \\
                --privacy-url https://www.example.gov.uk/privacy --output northbridge-teams.zip
            """
    )

    @Option(help: ArgumentHelp("The Azure Bot's Microsoft App ID, a GUID (default: $MUSTER_TEAMS_APP_ID).", valueName: "guid"))
    var appId: String?

    @Option(help: "The organisation publishing the app, at most 32 characters (default: the config's organisation name, else Muster).")
    var name: String?

    @Option(help: ArgumentHelp("The https developer website, also the privacy and terms pages unless given (default: $MUSTER_PUBLIC_URL).", valueName: "url"))
    var website: String?

    @Option(help: ArgumentHelp("The https URL of the privacy statement (default: --website).", valueName: "url"))
    var privacyUrl: String?

    @Option(help: ArgumentHelp("The https URL of the terms of use (default: --website).", valueName: "url"))
    var termsUrl: String?

    @Option(help: ArgumentHelp("The app package's version, MAJOR.MINOR.PATCH.", valueName: "semver"))
    var version = "1.0.0"

    @Option(help: ArgumentHelp("The zip to write.", valueName: "path"))
    var output = "muster-teams.zip"

    @Option(help: "The config whose organisation names the app (default: $MUSTER_CONFIG, else config/northbridge/muster.yaml).")
    var config: String?

    func validate() throws {
        _ = try appPackage()
    }

    func run() throws {
        let package = try appPackage()
        do {
            try package.zipped.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw Failure.report(error)
        }
        print("Wrote \(output): Teams app \(package.version) (manifest v\(TeamsAppPackage.manifestVersion)) for bot \(package.appID), published by \(package.organisation).")
        print("Upload it in the Teams admin centre (Teams apps › Manage apps › Upload new app) or in Teams (Apps › Manage your apps › Upload an app).")
    }

    /// The package from the options and the environment, or the reason there is none.
    private func appPackage() throws -> TeamsAppPackage {
        let environment = ProcessInfo.processInfo.environment
        guard let appID = appId ?? environment["MUSTER_TEAMS_APP_ID"].nonEmpty else {
            throw ValidationError("no app id: pass --app-id with the Azure Bot's Microsoft App ID, or set MUSTER_TEAMS_APP_ID")
        }
        let publicURL = environment["MUSTER_PUBLIC_URL"].nonEmpty
        guard let website = website ?? publicURL else {
            throw ValidationError("no website: pass --website https://…, or set MUSTER_PUBLIC_URL to Muster's public https address")
        }
        // The bot's own host is the domain Teams may open links to; the website may be the council's main site.
        let host = [publicURL, website].lazy.compactMap { $0.flatMap { URL(string: $0)?.host } }.first
        do {
            return try TeamsAppPackage(
                appID: appID, version: version, organisation: try organisation(environment), websiteURL: website,
                privacyURL: privacyUrl, termsOfUseURL: termsUrl, validDomains: host.map { [$0] } ?? []
            )
        } catch let error as MusterError {
            throw ValidationError(error.description)
        }
    }

    /// `--name`, else the config's organisation (its short name when the full one is too long for Teams), else
    /// "Muster" when no config was named and the default one is not here.
    private func organisation(_ environment: [String: String]) throws -> String {
        if let name { return name }
        let path = Muster.configPath(config)
        guard config != nil || environment["MUSTER_CONFIG"] != nil || FileManager.default.fileExists(atPath: path) else { return "Muster" }
        do {
            let organisation = try CouncilConfig.load(from: path).organisation
            return organisation.name.count <= 32 ? organisation.name : organisation.shortName
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

extension Optional<String> {
    /// The string, unless it is missing or empty (an environment variable set to nothing counts as unset).
    fileprivate var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
