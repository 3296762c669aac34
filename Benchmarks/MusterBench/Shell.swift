import Foundation
import MusterTesting

/// Runs a program and returns what it printed (standard output and error together).
@discardableResult
func shell(_ program: String, _ arguments: [String]) throws -> String {
    try Fixture.run(program, arguments).output
}

/// Seconds since `start` on the monotonic clock.
func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
