/// Patterns too big for one compiled PCRE2 program (64 KB of code with the link size Debian builds) are split.
extension CompiledPattern {
    /// `parts` compiled as few patterns as PCRE2 takes: all in one when they fit, else each half on its own, and so
    /// on. Each pattern comes with the range of `parts` it holds.
    ///
    /// - Parameters:
    ///   - fits: whether a run of parts may share a pattern at all (cue callouts are numbered up to 255).
    ///   - source: the pattern for a run of parts.
    /// - Throws: the `PatternError` of a single part that does not compile on its own.
    static func splitting<Part>(_ parts: ArraySlice<Part>, fits: (ArraySlice<Part>) -> Bool = { _ in true },
                                source: (ArraySlice<Part>) -> String) throws -> [(pattern: CompiledPattern, parts: Range<Int>)] {
        guard !parts.isEmpty else { return [] }
        if fits(parts) {
            do {
                return [(try CompiledPattern(source(parts)), parts.startIndex..<parts.endIndex)]
            } catch let error as PatternError where error.isTooLarge && parts.count > 1 {
                // Too big together: each half on its own, below.
            }
        }
        let middle = parts.startIndex + parts.count / 2
        return try splitting(parts[..<middle], fits: fits, source: source) + splitting(parts[middle...], fits: fits, source: source)
    }
}

extension PatternError {
    /// Whether PCRE2 refused the pattern for its size alone (`PCRE2_ERROR_PATTERN_TOO_LARGE`), not for its syntax.
    var isTooLarge: Bool { message.contains("too large") }
}
