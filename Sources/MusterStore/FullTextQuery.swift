/// Turns a person's words into an FTS5 query that can only ever mean "all of these words".
///
/// Every token is quoted as an FTS5 string, so operators (`AND`, `NEAR`, `*`, `^`, column filters) typed by a user
/// are searched for as words, never obeyed.
enum FullTextQuery {
    static func matching(allWordsOf text: String) -> String? {
        let words = text.split { !($0.isLetter || $0.isNumber || $0 == "'") }
            .map { $0.replacingOccurrences(of: "'", with: "") }
            .filter { !$0.isEmpty }
        guard !words.isEmpty else { return nil }
        return words.map(quoted).joined(separator: " ")
    }

    /// A query for text containing any of `words` (each searched as one quoted word in the post's text).
    static func matching(anyOf words: [String]) -> String? {
        let cleaned = words.map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return nil }
        return "text: (" + cleaned.map(quoted).joined(separator: " OR ") + ")"
    }

    private static func quoted(_ word: String) -> String {
        "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\""
    }
}
