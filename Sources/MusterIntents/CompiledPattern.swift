import CPCRE2

/// A PCRE2 pattern compiled once (JIT when available), matched caselessly in UTF mode under a match limit so no
/// message can stall the matcher.
public final class CompiledPattern: @unchecked Sendable {
    /// A successful match: where the whole match is, and each named group that took part.
    public struct Match: Sendable, Hashable {
        /// Where the whole match is, in UTF-8 bytes of the subject.
        public var range: Range<Int>
        /// Named group → captured text, for groups that matched.
        public var groups: [String: String]
        /// Named group → where it matched, in UTF-8 bytes of the subject.
        public var groupRanges: [String: Range<Int>] = [:]
    }

    /// The pattern as compiled.
    public let source: String
    /// Named groups and their numbers.
    public let groupNames: [(name: String, number: Int)]
    /// How many capturing groups the pattern has.
    public let captureCount: Int
    private let isJIT: Bool
    private let code: OpaquePointer
    private let context: OpaquePointer

    /// The most backtracking steps a match may take before it gives up.
    public static let matchLimit: UInt32 = 100_000
    /// The deepest backtracking a match may go (interpreter only; JIT counts it in the match limit).
    public static let depthLimit: UInt32 = 1_000

    /// Compiles `source`.
    ///
    /// - Throws: `PatternError` with PCRE2's message and the offset it points at.
    public init(_ source: String) throws {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS)
        guard let code = pcre2_compile_8(source, source.utf8.count, options, &errorCode, &errorOffset, nil) else {
            throw PatternError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        self.code = code
        self.source = source
        isJIT = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, Self.matchLimit)
        pcre2_set_depth_limit_8(context, Self.depthLimit)
        groupNames = Self.names(of: code)
        var captures: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit {
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }

    /// Matches `text`; `nil` when it does not match or the match limit is hit.
    public func match(_ text: String) -> Match? {
        match(utf8: Array(text.utf8))
    }

    /// Matches text already in UTF-8, so a message tried against many patterns is converted once.
    ///
    /// - Parameter scratch: match data to reuse across patterns; it must have room for this pattern's groups.
    public func match(utf8 bytes: [UInt8], scratch: MatchScratch? = nil) -> Match? {
        let scratch = scratch ?? MatchScratch(groups: captureCount)
        // The match data must outlive every read of the ovector below.
        return withExtendedLifetime(scratch) { run(bytes, from: 0, data: scratch.data) }
    }

    private func run(_ bytes: [UInt8], from offset: Int, data: OpaquePointer) -> Match? {
        // Swift strings are valid UTF-8, so the JIT's fast path (no subject check) is safe; the context's match
        // limit still applies.
        let result = isJIT
            ? pcre2_jit_match_8(code, bytes, bytes.count, offset, 0, data, context)
            : pcre2_match_8(code, bytes, bytes.count, offset, 0, data, context)
        guard result > 0 else { return nil }
        let vector = pcre2_get_ovector_pointer_8(data)!
        var groups: [String: String] = [:]
        var ranges: [String: Range<Int>] = [:]
        for (name, number) in groupNames {
            let start = vector[2 * number]
            let end = vector[2 * number + 1]
            guard start != cpcre2_unset(), end >= start else { continue }
            groups[name] = String(decoding: bytes[start..<end], as: UTF8.self)
            ranges[name] = start..<end
        }
        return Match(range: vector[0]..<vector[1], groups: groups, groupRanges: ranges)
    }

    /// One match attempt through `context` (whose callout is set), for `callouts(in:scratch:)`.
    func runForCallouts(_ bytes: [UInt8], data: OpaquePointer, context: OpaquePointer) -> Int32 {
        isJIT ? pcre2_jit_match_8(code, bytes, bytes.count, 0, 0, data, context) : pcre2_match_8(code, bytes, bytes.count, 0, 0, data, context)
    }

    private static func names(of code: OpaquePointer) -> [(name: String, number: Int)] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [] }
        return (0..<Int(count)).map { index in
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let name = String(cString: entry + 2)
            return (name, number)
        }
    }

    private static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "error \(code)"
    }
}

/// PCRE2 match data allocated once and reused for many matches on one thread, with a match context of its own
/// for callouts (a pattern's shared context cannot carry one thread's callout).
public final class MatchScratch {
    let data: OpaquePointer
    private var context: OpaquePointer?

    /// Creates scratch space for patterns with up to `groups` capturing groups.
    public init(groups: Int) {
        data = pcre2_match_data_create_8(UInt32(groups + 1), nil)
    }

    /// A match context with the usual limits, made on first use.
    var calloutContext: OpaquePointer {
        if let context { return context }
        let made = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(made, CompiledPattern.matchLimit)
        pcre2_set_depth_limit_8(made, CompiledPattern.depthLimit)
        context = made
        return made
    }

    deinit {
        pcre2_match_data_free_8(data)
        if let context { pcre2_match_context_free_8(context) }
    }
}

/// A pattern PCRE2 would not compile.
public struct PatternError: Error, Sendable {
    /// PCRE2's message.
    public var message: String
    /// The byte offset in the pattern where it noticed.
    public var offset: Int
}
