import Foundation
import MusterStore

extension Fixture {
    /// What is wrong with a store after a crash, an edit or a deletion: SQLite's own integrity check, FTS5's check of
    /// the search index against the posts' text, and topic rows left behind by a post that is gone. Empty when sound.
    public static func problems(in store: SQLitePostStore) throws -> [String] {
        var problems = try store.database.rows("PRAGMA integrity_check") { $0.string(0) }.filter { $0 != "ok" }
        do {
            try store.database.run("INSERT INTO post_fts (post_fts) VALUES ('integrity-check')")
        } catch {
            problems.append("search index: \(error)")
        }
        let orphans = try store.database.scalar("SELECT count(*) FROM post_topic WHERE post_id NOT IN (SELECT id FROM post)") ?? 0
        if orphans > 0 { problems.append("\(orphans) topic rows of posts that are gone") }
        return problems
    }

    /// How many posts a search for `word` finds, as "show posts about …" would.
    public static func searchCount(_ word: String, in store: SQLitePostStore) throws -> Int {
        try store.database.scalar("SELECT count(*) FROM post_fts WHERE post_fts MATCH \(word)") ?? 0
    }
}
