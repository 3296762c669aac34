import MusterCore

/// How a window's volume is split for a sparkline: hours for a day or two, days beyond.
struct VolumeBuckets {
    let count: Int
    let caption: String

    init(window: TimeWindow, local: LocalTime) {
        let hours = Int((window.duration / 3_600).rounded(.up))
        let span = "\(local.dayAndTime(window.start)) – \(local.dayAndTime(window.end))"
        if hours <= 48 {
            count = max(1, hours)
            caption = "per hour, \(span)"
        } else {
            count = min(62, Int((window.duration / 86_400).rounded(.up)))
            caption = "per day, \(span)"
        }
    }
}
