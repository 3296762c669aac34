import Foundation
import MusterFuzzing

/// `muster-fuzz TARGET [libFuzzer flags and corpus folders]`: runs one of `FuzzTarget`'s targets under libFuzzer.
///
/// The program has its own `main` and hands the rest of its arguments to libFuzzer's driver, rather than linking
/// libFuzzer's `main`, so that one binary serves every target and the target is named, not guessed.
@main
struct MusterFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        // libFuzzer re-runs this program for -merge, -fork and -jobs with its own flags only: the target travels to
        // those runs in the environment.
        let named = arguments.count > 1 ? FuzzTarget(rawValue: arguments[1]) : nil
        guard let target = named ?? ProcessInfo.processInfo.environment[Self.environmentKey].flatMap(FuzzTarget.init(rawValue:)) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: muster-fuzz \(names) [libFuzzer flags] [corpus folders]\n".utf8))
            exit(2)
        }
        setenv(Self.environmentKey, target.rawValue, 1)
        target.prepare()
        Self.target = target
        // libFuzzer reads argv[0] and then its flags, so the target's name goes. The defaults come first, as libFuzzer
        // lets a later flag win: a slow input is a finding (a message once cost 9 s), and so is one that needs gigabytes.
        let flags: [String] = ["-max_len=\(target.maximumLength)", "-timeout=2", "-rss_limit_mb=2048"]
        let defaults = flags.map { flag in flag.withCString { strdup($0) } }
        let rest = (named == nil ? 1 : 2)..<Int(CommandLine.argc)
        var argv = [CommandLine.unsafeArgv[0]] + defaults + rest.map { CommandLine.unsafeArgv[$0] }
        var argc = CInt(argv.count)
        let status = argv.withUnsafeMutableBufferPointer { buffer in
            var pointer = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &pointer, fuzzOne)
        }
        exit(status)
    }

    /// The variable that names the target for the runs libFuzzer starts itself.
    static let environmentKey = "MUSTER_FUZZ_TARGET"

    /// The target being fuzzed: set once before libFuzzer starts, then only read, from its one thread.
    nonisolated(unsafe) static var target = FuzzTarget.intents

    /// One input: a broken promise stops the run like a crash, so libFuzzer saves the input that broke it.
    static func run(_ input: UnsafeRawBufferPointer) -> CInt {
        let data = input.baseAddress.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: input.count, deallocator: .none) } ?? Data()
        if let violation = target.violations(data).first { fatalError("\(target.rawValue): \(violation)") }
        return 0
    }
}

/// libFuzzer's entry point for one input. The driver is given it directly; it is also exported under the usual
/// name because the toolchain's `-sanitize=fuzzer` links libFuzzer's own `main`, which refers to it, though ours runs.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    MusterFuzz.run(UnsafeRawBufferPointer(start: data, count: count))
}

/// libFuzzer's driver: parses its flags from `argv`, then calls `callback` with each input it tries.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// LeakSanitizer's suppressions, for leaks in the toolchain's libraries rather than Muster's, which would otherwise stop
/// every run: FoundationXML leaks the message string of each libxml2 error it reports (72 bytes an error, in
/// `_CFErrorCreateFromXMLInterface`, Swift 6.3.1), so any malformed feed "leaks". LeakSanitizer calls this weak hook.
@_cdecl("__lsan_default_suppressions")
func leakSuppressions() -> UnsafePointer<CChar> {
    UnsafePointer(leakSuppressionText)
}

/// Allocated once, never freed: LeakSanitizer reads it at the end of the run.
nonisolated(unsafe) let leakSuppressionText: UnsafeMutablePointer<CChar> = strdup("leak:_CFErrorCreateFromXMLInterface\n")!
