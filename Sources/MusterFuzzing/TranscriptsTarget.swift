import Foundation
import MusterCore
import MusterTranscripts

/// The transcript parser: `muster replay` and the test suite read transcripts that anyone may write or edit.
enum TranscriptsTarget {
    static let path = "fuzz.transcript"

    static func check(_ input: Data, _ check: inout InvariantCheck) {
        let text = String(decoding: input, as: UTF8.self)
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            let transcript = try Transcript.parse(text, path: path)
            check.expect(!transcript.turns.isEmpty, "a transcript with no turns was read")
            var previous = 0
            for turn in transcript.turns {
                check.expect(turn.line > previous && turn.line <= lineCount, "turn at line \(turn.line) is out of order or past the end (\(lineCount) lines)")
                previous = turn.line
            }
        } catch let error as MusterError {
            // An author fixes a transcript from the error alone, so it names the file.
            check.expect(error.message.hasPrefix(path), "the error \(error.message.quoted) does not name the file")
        } catch {
            check.expect(false, "parsing threw \(error), not a MusterError")
        }
        // The recorder writes each reply line escaped (`--accept`, `muster record`); replay must read it back as
        // that exact line, or a recorded transcript fails against the reply it recorded.
        // A line holding a carriage return is left out: transcripts are split into lines on "\n", and Swift reads
        // "\r\n" as one character, so such a line cannot round-trip (a known limitation: no reply has one).
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(64).map(String.init) where !line.isEmpty && !line.unicodeScalars.contains("\r") {
            let written = "# title: round trip\n> question\n" + ExpectedLine.escapeIfNeeded(line) + "\n"
            let expected = (try? Transcript.parse(written, path: path))?.turns.first?.expected
            check.expect(expected == [.exact(line)], "reply line \(line.quoted), written as \(ExpectedLine.escapeIfNeeded(line).quoted), reads back as \(String(describing: expected))")
        }
    }
}
