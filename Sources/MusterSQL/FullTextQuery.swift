/// Turns a person's words into a full-text query that can only ever mean "all of these words" (or "any of them").
///
/// Every word is quoted, as an FTS5 string or a `tsquery` lexeme, so operators typed by a user (`AND`, `NEAR`, `*`,
/// `^`, column filters, `&`, `|`, `!`, `:*`) are searched for as words, never obeyed.
enum FullTextQuery {
    /// FTS5: the quoted words side by side, which FTS5 reads as all of them.
    static func fts5(allWordsOf text: String) -> String? {
        let words = self.words(of: text)
        guard !words.isEmpty else { return nil }
        return words.map(fts5Quoted).joined(separator: " ")
    }

    /// FTS5: any of `words` in the `text` column.
    static func fts5(anyOf words: [String]) -> String? {
        let cleaned = self.cleaned(words)
        guard !cleaned.isEmpty else { return nil }
        return "text: (" + cleaned.map(fts5Quoted).joined(separator: " OR ") + ")"
    }

    /// PostgreSQL: every word as a quoted lexeme, joined by `&`.
    static func tsquery(allWordsOf text: String) -> String? {
        let words = self.words(of: text)
        guard !words.isEmpty else { return nil }
        return words.map { tsqueryQuoted($0) }.joined(separator: " & ")
    }

    /// PostgreSQL: any of `words`, each limited to weight A, which the schema gives the post's text alone.
    static func tsquery(anyOf words: [String]) -> String? {
        let cleaned = self.cleaned(words)
        guard !cleaned.isEmpty else { return nil }
        return cleaned.map { tsqueryQuoted($0) + ":A" }.joined(separator: " | ")
    }

    /// The words of `text`: runs of letters and digits, an apostrophe inside one dropped ("council's" → "councils").
    private static func words(of text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'") }
            .map { $0.replacingOccurrences(of: "'", with: "") }
            .filter { !$0.isEmpty }
    }

    private static func cleaned(_ words: [String]) -> [String] {
        words.map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
    }

    private static func fts5Quoted(_ word: String) -> String {
        "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// Words hold only letters and digits here, so quoting is all a lexeme needs; the doubling is for safety.
    private static func tsqueryQuoted(_ word: String) -> String {
        "'\(word.replacingOccurrences(of: "'", with: "''"))'"
    }
}
