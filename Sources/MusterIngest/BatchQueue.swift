import Foundation

/// A bounded hand-off from one producing thread to one consuming thread: the producer blocks while `capacity`
/// items wait, so memory stays at a few batches however long the input is.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only while holding `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var items: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds an item, waiting while the queue is full; `false` when the consumer has stopped and the producer
    /// should too.
    func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Marks the end of the items, or the error that ended them early.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// The next item in order, waiting for one; `nil` after the last.
    ///
    /// - Throws: the producer's error, once the items it made before it are taken.
    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if !items.isEmpty {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the producer to stop: its waiting or next `put` returns `false`.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
