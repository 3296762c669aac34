import Foundation

/// The organisation Muster works for.
public struct Organisation: Sendable, Decodable {
    /// Full name ("Northbridge City Council").
    public var name: String
    /// Short name used in answers ("Northbridge").
    public var shortName: String
    /// The organisation's own social-media handles.
    public var handles: [String]
    /// IANA time zone in which times are shown and "today" is counted.
    public var timeZoneIdentifier: String

    enum CodingKeys: String, CodingKey {
        case name, shortName = "short_name", handles, timeZoneIdentifier = "time_zone"
    }

    /// The time zone, checked when the config loads.
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "Europe/London")! }
}
