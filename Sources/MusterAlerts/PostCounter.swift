import Foundation

/// How many matching posts were made in [start, end).
///
/// The detector asks for the current window, the same window in previous weeks and, when it alerts, the parts of
/// the window; a store answers with `PostStore.aggregate(_:).count` for a watch's query, a replay from counts it
/// already holds.
public typealias PostCounter = @Sendable (_ start: Date, _ end: Date) throws -> Int
