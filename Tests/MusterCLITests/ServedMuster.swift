import Foundation
import MusterTesting

/// `muster serve` started as a process on a copy of the demo store, for tests that talk to it over HTTP.
struct ServedMuster {
    let process: Process
    let http: RawHTTP
    let store: String

    /// Copies the demo store into a new folder and returns its path.
    static func demoStore() throws -> String {
        let store = try Fixture.temporaryDirectory().appendingPathComponent("console.sqlite").path
        try Fixture.demo().store.copy(to: store)
        return store
    }

    /// The environment a test's `muster` runs in: no chat platform switched on, whatever the machine holds.
    static var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MUSTER_") }
    }

    /// Starts `muster serve` on a free loopback port and waits (up to 60 s) for the line naming its address.
    ///
    /// - Parameters:
    ///   - frozen: freeze the clock at the demo's "now"; polling sources, whose posts are dated today, needs the real one.
    ///   - variables: environment variables to add (credentials for fixture sources).
    static func start(store: String, arguments: [String] = [], frozen: Bool = true, variables: [String: String] = [:]) throws -> ServedMuster {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["serve", "--port", "0", "--store", store] + (frozen ? ["--now", "2026-11-24T09:42:00Z"] : []) + arguments
        process.currentDirectoryURL = Fixture.repositoryRoot
        process.environment = environment.merging(variables) { _, added in added }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let banner = BannerReader(output.fileHandleForReading)
        guard let address = banner.address(within: 60) else {
            process.terminate()
            throw RawHTTP.Failure(description: "muster serve printed no address in 60 s: \(banner.text)")
        }
        return ServedMuster(process: process, http: RawHTTP(base: address), store: store)
    }

    /// Stops the server with SIGTERM and returns its exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs `muster ARGUMENTS --store STORE` with `input` on standard input, to its end (at most 120 s).
    static func muster(_ arguments: [String], store: String, input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments + ["--store", store]
        process.currentDirectoryURL = Fixture.repositoryRoot
        process.environment = environment
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}

/// Reads a server's standard output on a thread until the line with its address arrives, with a deadline, so a
/// server that never says where it listens fails the test rather than hanging it.
final class BannerReader: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                let finished = lock.withLock {
                    collected += String(decoding: data, as: UTF8.self)
                    return collected.contains("http://127.0.0.1:") && collected.hasSuffix("\n")
                }
                if finished { break }
            }
            done.signal()
        }
    }

    var text: String { lock.withLock { collected } }

    func address(within seconds: Double) -> String? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init)
    }
}
