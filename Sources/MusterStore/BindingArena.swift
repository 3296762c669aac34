/// Memory that holds one row's text while SQLite reads it.
///
/// Text bound as `SQLITE_TRANSIENT` is copied by SQLite into a buffer it mallocs and frees, each under its
/// memory mutex: a dozen times a row on ingest's hot path. Copied here instead, it is bound as `SQLITE_STATIC`;
/// the arena is reset for the next row once the statement has run.
final class BindingArena {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0

    init(capacity: Int = 64 << 10) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Starts a new row with room for at least `bytes`. Pointers handed out for the previous row become invalid,
    /// so call it only after that row's statement has run.
    func reset(reserving bytes: Int) {
        used = 0
        guard bytes > capacity else { return }
        storage.deallocate()
        capacity = max(bytes, capacity * 2)
        storage = .allocate(capacity: capacity)
    }

    /// A copy of `text`'s UTF-8 bytes that stays put until the next `reset`, or `nil` when the room reserved is used up.
    func copy(_ text: String) -> UnsafePointer<UInt8>? {
        var text = text
        return text.withUTF8 { bytes -> UnsafePointer<UInt8>? in
            guard used + bytes.count <= capacity else { return nil }
            let target = storage + used
            if let base = bytes.baseAddress { target.update(from: base, count: bytes.count) }
            used += bytes.count
            return UnsafePointer(target)
        }
    }
}
