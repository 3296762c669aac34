/// Reads a post or rumour slot — `post 3`, `rumour 2`, `the last one`, as the intents give them (ordinals and
/// number words are read there, from `intents/things.yaml`) — as the number of an item in the last answer.
enum PostNumber {
    /// The number referred to; `last` is what "the last one" means.
    static func parse(_ text: String, last: Int?) -> Int? {
        if let digits = text.split(whereSeparator: { !$0.isNumber }).last, let number = Int(digits) { return number }
        return text.split(separator: " ").contains("last") ? last : nil
    }
}
