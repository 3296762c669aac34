import Foundation

extension Array where Element: Sendable {
    /// `map` with the work split across the machine's cores, results in order. For pure, CPU-bound transforms of
    /// many elements (reading thousands of posts' words); small arrays are mapped in place.
    public func concurrentMap<T: Sendable>(minimumPerThread: Int = 256, _ transform: @Sendable (Element) -> T) -> [T] {
        let threads = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, minimumPerThread))
        guard threads > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let chunk = (count + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let range = (thread * chunk)..<Swift.min(count, (thread + 1) * chunk)
            for index in range { results.set(index, transform(self[index])) }
        }
        return results.values
    }
}

/// Runs `first` and `second` at the same time, on two threads, and returns both results: for the independent
/// halves of one answer (its themes beside its counts). Throws the first half's error, else the second's.
public func concurrently<A: Sendable, B: Sendable>(
    _ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B
) throws -> (A, B) {
    let a = ResultSlots<Result<A, any Error>>(count: 1)
    let b = ResultSlots<Result<B, any Error>>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { half in
        if half == 0 { a.set(0, Result(catching: first)) } else { b.set(0, Result(catching: second)) }
    }
    return (try a.values[0].get(), try b.values[0].get())
}

/// Write-once slots filled from several threads, each slot by exactly one of them, then read once all are set.
private final class ResultSlots<T>: @unchecked Sendable {
    // Raw memory rather than an array: threads writing distinct elements of one array would each claim it whole.
    private let slots: UnsafeMutablePointer<T>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) {
        (slots + index).initialize(to: value)
    }

    var values: [T] { Array(UnsafeBufferPointer(start: slots, count: count)) }
}
