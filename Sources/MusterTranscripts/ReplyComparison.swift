import MusterIntents

/// Lines an expected reply and an actual reply line up as: the cheapest alignment, where a line that matches its
/// expectation costs nothing, `...` absorbs any lines and `?` lines may be missing. The reply passes when the
/// alignment costs nothing; otherwise the alignment is the diff.
struct ReplyComparison {
    /// One line of the alignment.
    enum Step: Equatable {
        case same(String)
        case missing(String)
        case unexpected(String)
    }

    let steps: [Step]
    let passed: Bool

    init(expected: [ExpectedLine], actual: [String]) {
        let n = expected.count
        let m = actual.count
        // cost[i][j]: the cheapest alignment of expected[i...] with actual[j...].
        var cost = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n, through: 0, by: -1) {
            for j in stride(from: m, through: 0, by: -1) {
                if i == n && j == m { continue }
                var best = Int.max
                if i < n {
                    let line = expected[i]
                    let free = line == .anyLines || { if case .optional = line { return true }; return false }()
                    best = min(best, cost[i + 1][j] + (free ? 0 : 1))
                    if j < m {
                        if line == .anyLines { best = min(best, cost[i][j + 1]) }
                        if Self.matches(line, actual[j]) { best = min(best, cost[i + 1][j + 1]) }
                    }
                }
                if j < m { best = min(best, cost[i][j + 1] + 1) }
                cost[i][j] = best
            }
        }
        var steps: [Step] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            let here = cost[i][j]
            if i < n, j < m, Self.matches(expected[i], actual[j]), cost[i + 1][j + 1] == here {
                steps.append(.same(actual[j])); i += 1; j += 1
            } else if i < n, j < m, expected[i] == .anyLines, cost[i][j + 1] == here {
                steps.append(.same(actual[j])); j += 1
            } else if i < n, cost[i + 1][j] + (Self.isFree(expected[i]) ? 0 : 1) == here {
                if !Self.isFree(expected[i]) { steps.append(.missing(expected[i].written)) }
                i += 1
            } else {
                steps.append(.unexpected(actual[j])); j += 1
            }
        }
        self.steps = steps
        passed = cost[0][0] == 0
    }

    private static func isFree(_ line: ExpectedLine) -> Bool {
        switch line {
        case .anyLines, .optional: return true
        default: return false
        }
    }

    static func matches(_ expected: ExpectedLine, _ actual: String) -> Bool {
        switch expected {
        case .exact(let text), .optional(let text): return text == actual
        case .contains(let text): return actual.contains(text)
        case .pattern(let source): return (try? CompiledPattern("^(?:\(source))$"))?.match(actual) != nil
        case .anyLines: return false
        }
    }

    /// The alignment as a unified diff: hunks of changes with three lines of context, `-` lines expected but not
    /// given (numbered as in the transcript file), `+` lines given but not expected.
    func unifiedDiff(file: String, expectedStart: Int) -> String {
        let context = 3
        // Where each step sits: its line in the transcript file and in the reply.
        var positions: [(expected: Int, actual: Int)] = []
        var expectedLine = expectedStart
        var actualLine = 1
        for step in steps {
            positions.append((expectedLine, actualLine))
            switch step {
            case .same: expectedLine += 1; actualLine += 1
            case .missing: expectedLine += 1
            case .unexpected: actualLine += 1
            }
        }
        let changed = steps.indices.filter { if case .same = steps[$0] { return false }; return true }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(steps.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        var lines = ["--- \(file) (expected)", "+++ actual reply"]
        for hunk in hunks {
            let slice = steps[hunk]
            let expectedCount = slice.filter { if case .unexpected = $0 { return false }; return true }.count
            let actualCount = slice.filter { if case .missing = $0 { return false }; return true }.count
            lines.append("@@ -\(positions[hunk.lowerBound].expected),\(expectedCount) +\(positions[hunk.lowerBound].actual),\(actualCount) @@")
            for step in slice {
                switch step {
                case .same(let line): lines.append(" " + line)
                case .missing(let line): lines.append("-" + line)
                case .unexpected(let line): lines.append("+" + line)
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
