import Foundation
import MusterSQL

/// Connections for reading, handed out one per caller, so answers running at once (and the parts of one answer)
/// do not queue on a single connection's lock. WAL lets every reader run beside the writer and see each commit.
final class ReaderPool: @unchecked Sendable {
    private let path: String
    private let limit: Int
    private let condition = NSCondition()
    private var idle: [Database] = []
    private var opened = 0

    /// A pool of up to `limit` connections to the database at `path`, opened as they are first needed.
    init(path: String, limit: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)) {
        self.path = path
        self.limit = limit
    }

    /// Runs `body` with a connection no other caller holds meanwhile.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let database = try checkOut()
        defer { checkIn(database) }
        return try body(database)
    }

    private func checkOut() throws -> Database {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty && opened >= limit { condition.wait() }
        if let database = idle.popLast() { return database }
        opened += 1
        do {
            return try Database(path: path)
        } catch {
            opened -= 1
            throw error
        }
    }

    private func checkIn(_ database: Database) {
        condition.lock()
        idle.append(database)
        condition.signal()
        condition.unlock()
    }
}
