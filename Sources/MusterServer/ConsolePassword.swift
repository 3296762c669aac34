import HummingbirdBcrypt

/// Console passwords: the rules they must meet, and bcrypt hashing and checking.
public enum ConsolePassword {
    /// bcrypt's work factor: 2^12 rounds. OWASP's floor is 10; 12 costs about a quarter of a second per check on
    /// one of our two cores in a release build, which a person signing in does not notice and which holds an
    /// offline guesser with a stolen store to a few guesses a second per core. Raise it as machines get faster:
    /// old hashes keep their own cost and still verify.
    public static let cost: UInt8 = 12

    /// The shortest password accepted. Length does more than character classes for a password a person types.
    public static let minimumLength = 12

    /// bcrypt reads only the first 72 bytes: a longer password would silently match any password sharing them.
    public static let maximumBytes = 72

    /// Why `password` cannot be used, or `nil` when it can.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength {
            return "A console password needs at least \(minimumLength) characters (this one has \(password.count)); a few ordinary words make a good one."
        }
        if password.utf8.count > maximumBytes {
            return "A console password may be at most \(maximumBytes) bytes (bcrypt ignores the rest); this one has \(password.utf8.count)."
        }
        return nil
    }

    /// The bcrypt hash of `password`, with a new random salt. Slow on purpose: call it off the event loop.
    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`. With no hash (an unknown name) it checks against a hash of nothing anyone
    /// knows, so a wrong name takes as long as a wrong password and names cannot be found by timing.
    /// Slow on purpose: call it off the event loop.
    static func verify(_ password: String, against hash: String?) -> Bool {
        let matches = Bcrypt.verify(password, hash: hash ?? unknownUserHash)
        return hash != nil && matches
    }

    /// A hash at the same cost of a random string thrown away: made once, on the first unknown name.
    private static let unknownUserHash = Bcrypt.hash(SessionToken.random(), cost: cost)
}
