import NIOPosix

/// Work that blocks a thread — SQLite waiting for the write lock, bcrypt, an answer over millions of posts — run on
/// NIO's thread pool, so the event loops keep serving `/healthz` and every other request meanwhile.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
