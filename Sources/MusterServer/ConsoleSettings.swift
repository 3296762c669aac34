import Foundation

/// How the console's sign-in behaves, from the environment.
public struct ConsoleSettings: Sendable {
    /// How long a session lasts unused before its person must sign in again (`MUSTER_CONSOLE_SESSION_HOURS`, 12 by default).
    public var idleTimeout: TimeInterval
    /// Mark the cookie `Secure` whatever the request says (`MUSTER_CONSOLE_SECURE_COOKIE=1`), for a TLS proxy that
    /// does not send `X-Forwarded-Proto`.
    public var alwaysSecure: Bool
    /// Failed sign-ins for one name within `failureWindow` after which that name is refused until the window passes.
    public var failureLimit = 5
    /// The window failed sign-ins are counted over.
    public var failureWindow: TimeInterval = 15 * 60

    /// Reads the settings from `environment`.
    public init(environment: [String: String]) {
        let hours = environment["MUSTER_CONSOLE_SESSION_HOURS"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 12
        idleTimeout = hours * 3600
        alwaysSecure = ["1", "true", "yes"].contains(environment["MUSTER_CONSOLE_SECURE_COOKIE"]?.lowercased() ?? "")
    }
}
