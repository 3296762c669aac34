import Dispatch
import MusterSQL
import NIOCore
import PostgresNIO

/// Rows in `COPY … FROM STDIN`'s text format: a tab between values, a newline after each row, `\N` for NULL, and a
/// backslash before the four bytes that would otherwise end a value or a row.
///
/// `COPY` is how PostgreSQL takes many rows fastest: one statement, no parameters to bind (a multi-row `INSERT`
/// binds each value and stops at 65,535 of them), the rows streamed as they are encoded.
struct PostgresCopyRows {
    private(set) var buffer: ByteBuffer
    private(set) var count = 0

    init(capacity: Int = 64 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Appends one row, its values in the order of the columns copied.
    mutating func append(_ row: some Sequence<SQLValue>) {
        var first = true
        for value in row {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            first = false
            append(value)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        count += 1
    }

    private mutating func append(_ value: SQLValue) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let number): buffer.writeString(String(number))
        case .real(let number): buffer.writeString(Self.text(of: number))
        case .text(let string): appendEscaped(string)
        }
    }

    /// A double as PostgreSQL's `float8` input reads it (Swift writes infinity as "inf").
    static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return String(number)
    }

    private mutating func appendEscaped(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            // Most text has nothing to escape: then it goes in whole.
            guard bytes.contains(where: Self.needsEscape) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }
}

extension PostgresConnections {
    /// Copies `rows` into `table`'s `columns` with one `COPY … FROM STDIN` on `connection`, waiting for it here (the
    /// store's callers are on threads of their own, as for every statement).
    ///
    /// `table` and `columns` are Muster's own names, never a user's: `COPY` takes them as written.
    func copy(_ rows: PostgresCopyRows, into table: String, columns: [String], on connection: PostgresConnection) throws {
        guard rows.count > 0 else { return }
        let data = rows.buffer
        let logger = logger
        let finished = connection.eventLoop.makePromise(of: Void.self)
        // postgres-nio's COPY is async only. Its task runs on an executor of its own, never the cooperative pool:
        // the store's synchronous callers may be holding every thread of that pool while they wait (a test's
        // parallel cases do), and the copy would then never start.
        Task(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
                finished.succeed(())
            } catch {
                finished.fail(error)
            }
        }
        do {
            try finished.futureResult.wait()
        } catch let error as PSQLError {
            throw Self.failure(error)
        }
    }
}

/// Where the tasks of `COPY` run: a serial dispatch queue, whose threads are not the cooperative pool's.
final class CopyExecutor: TaskExecutor {
    static let shared = CopyExecutor()
    private let queue = DispatchQueue(label: "muster.postgres.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
