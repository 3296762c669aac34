/// How many edits turn one string into another, by character: insertions, deletions, substitutions and swaps of
/// two neighbours (optimal string alignment), so "potholse" is one edit from "potholes".
public enum EditDistance {
    /// The distance between `a` and `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        between(Array(a), Array(b), limit: .max)
    }

    /// The distance between `a` and `b`, or `limit + 1` as soon as it is sure to exceed `limit`.
    public static func between<C: Equatable>(_ a: [C], _ b: [C], limit: Int) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        if limit != .max, abs(a.count - b.count) > limit { return limit + 1 }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1...b.count {
                var cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cost = min(cost, beforePrevious[j - 2] + 1) }
                current[j] = cost
                rowBest = min(rowBest, cost)
            }
            if limit != .max, rowBest > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
