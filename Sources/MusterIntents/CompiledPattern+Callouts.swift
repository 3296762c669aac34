import CPCRE2

/// Where a callout was reached in a match attempt — a numbered one `(?C n)`, or a string one `(?C"n")` holding a
/// number — with the named groups set at that moment.
public struct CalloutHit: Sendable, Hashable {
    /// The callout's number.
    public var number: Int
    /// From the attempt's start to where the callout sat.
    public var range: Range<Int>
    /// Named group → where it matched, for the groups set when the callout was reached.
    public var groups: [String: Range<Int>]
}

/// Collects callouts during one match; handed to PCRE2 as the callout's data.
final class CalloutRecorder {
    var hits: [CalloutHit] = []
    var names: [(name: String, number: Int)] = []
    /// Whether each callout counts at every place it is reached, or only at the first.
    var everyPlace = false
    /// Whether a callout counts only where a word ends (or where the alternative ended on punctuation): the
    /// boundary is checked here rather than written into every alternative, which made the pattern too large.
    var atWordEnd = false
    /// Callout number → where it was first reached; with `everyPlace`, (number, start) → index of its hit.
    var seen: [Int: Int] = [:]
}

/// PCRE2's callout function: records the hit and lets matching go on.
private let recordCallout: @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?) -> Int32 = { block, data in
    guard let block, let data else { return 0 }
    let recorder = Unmanaged<CalloutRecorder>.fromOpaque(data).takeUnretainedValue()
    let callout = block.pointee
    var number = Int(callout.callout_number)
    if number == 0, let string = callout.callout_string {
        number = Int(String(cString: string)) ?? 0
    }
    let start = Int(callout.start_match)
    if recorder.atWordEnd {
        let end = Int(callout.current_position)
        func isWord(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
        }
        let ended = end == Int(callout.subject_length) || end == 0 || !isWord(callout.subject[end]) || !isWord(callout.subject[end - 1])
        guard ended else { return 0 }
    }
    let key = recorder.everyPlace ? number &* 4_096 &+ start : number
    if let index = recorder.seen[key] {
        // Reached again from the same place (a shorter or longer way through optional parts): keep the longest.
        if recorder.everyPlace, recorder.hits[index].range.upperBound < callout.current_position {
            recorder.hits[index].range = start..<callout.current_position
        }
        return 0
    }
    recorder.seen[key] = recorder.hits.count
    var groups: [String: Range<Int>] = [:]
    for (name, group) in recorder.names where group < Int(callout.capture_top) {
        let start = callout.offset_vector[2 * group]
        let end = callout.offset_vector[2 * group + 1]
        if start != cpcre2_unset(), end >= start { groups[name] = start..<end }
    }
    recorder.hits.append(CalloutHit(number: number, range: callout.start_match..<callout.current_position, groups: groups))
    return 0
}

extension CompiledPattern {
    /// Every numbered callout the pattern reaches anywhere in `bytes`, leftmost first per number.
    ///
    /// Written `(?:alt1(?C1)|alt2(?C2)|…)(*FAIL)`, a pattern is then tried at every place with every alternative,
    /// in one call: how all the cues of all the intents are found in one pass of the message, where a scan per
    /// cue had been most of the time it took to read one.
    ///
    /// - Parameter everyPlace: report a callout at every place it is reached (the longest way from each), not just
    ///   the first place.
    ///   - atWordEnd: count a callout only where a word ends, as if each alternative ended `(?:(?<=\W)|(?!\w))`.
    public func callouts(in bytes: [UInt8], scratch: MatchScratch, everyPlace: Bool = false, atWordEnd: Bool = false) -> [CalloutHit] {
        let recorder = CalloutRecorder()
        recorder.everyPlace = everyPlace
        recorder.atWordEnd = atWordEnd
        recorder.names = everyPlace ? [] : groupNames
        let context = scratch.calloutContext
        // Every alternative at every place: more steps than one match, but far fewer than a scan per alternative.
        pcre2_set_match_limit_8(context, CompiledPattern.matchLimit * 10)
        withExtendedLifetime(recorder) {
            pcre2_set_callout_8(context, recordCallout, Unmanaged.passUnretained(recorder).toOpaque())
            _ = runForCallouts(bytes, data: scratch.data, context: context)
            pcre2_set_callout_8(context, nil, nil)
        }
        return recorder.hits.sorted { ($0.range.lowerBound, $0.number) < ($1.range.lowerBound, $1.number) }
    }
}
