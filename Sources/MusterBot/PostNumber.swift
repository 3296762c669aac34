/// Reads a reference to a numbered item in the last answer: "post 3", "3", "#3", "the second one", "the last one".
enum PostNumber {
    private static let ordinals = ["first": 1, "top": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                                   "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10]

    /// The number referred to; `last` is what "the last one" means.
    static func parse(_ text: String, last: Int?) -> Int? {
        if let digits = text.split(whereSeparator: { !$0.isNumber }).last, let number = Int(digits) { return number }
        let words = text.split(separator: " ")
        if words.contains("last") { return last }
        return words.lazy.compactMap { ordinals[String($0)] }.first
    }
}
