import ArgumentParser
import Foundation
import MusterApp
import MusterCore

/// Options every command that opens Muster shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default: $MUSTER_CONFIG, else config/northbridge/muster.yaml).")
    var config: String?

    @Option(name: .long, help: "The store file, or postgres://… to keep posts on PostgreSQL (default: $MUSTER_STORE, else the config's `store`).")
    var store: String?

    @Option(name: .long, help: "Freeze the clock at this ISO 8601 time, e.g. 2026-11-24T09:42:00Z (for tests and demos).")
    var now: String?

    func validate() throws {
        if let now, (try? Date(now, strategy: .iso8601)) == nil {
            throw ValidationError("--now \(now) is not an ISO 8601 time such as 2026-11-24T09:42:00Z")
        }
    }

    var clock: any Clock {
        guard let now, let date = try? Date(now, strategy: .iso8601) else { return SystemClock() }
        return FixedClock(date)
    }

    /// Opens Muster, or exits with the config or intent error explained.
    func open() throws -> Muster {
        do {
            return try Muster(configPath: config, storePath: store, clock: clock)
        } catch {
            throw Failure.report(error)
        }
    }
}

/// Prints an error the way every command does, then exits non-zero.
enum Failure {
    static func report(_ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return ExitCode.failure
    }
}
