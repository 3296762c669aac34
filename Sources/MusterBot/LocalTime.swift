import Foundation

/// Shows instants in the organisation's time zone, the way UK comms staff write them ("Sat 21 Nov 09:14").
struct LocalTime: Sendable {
    let timeZone: TimeZone

    /// "Sat 21 Nov 09:14".
    func dayAndTime(_ date: Date) -> String {
        "\(day(date)) \(time(date))"
    }

    /// "Sat 21 Nov".
    func day(_ date: Date) -> String {
        let parts = components(date)
        return "\(Self.weekdays[parts.weekday! - 1]) \(parts.day!) \(Self.months[parts.month! - 1])"
    }

    /// "09:14".
    func time(_ date: Date) -> String {
        clock(components(date))
    }

    /// "09:14 on Sat 21 Nov", or "09:14 today" when `date` falls on the same local day as `now`.
    func freshness(_ date: Date, now: Date) -> String {
        let parts = components(date)
        let today = components(now)
        if parts.year == today.year && parts.month == today.month && parts.day == today.day {
            return "\(clock(parts)) today"
        }
        return "\(clock(parts)) on \(day(date))"
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }

    private func components(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
    }

    private func clock(_ parts: DateComponents) -> String {
        String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
