/// Draws a series as block characters, lowest to highest: ▁▂▃▄▅▆▇█.
public enum Sparkline {
    private static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The series as one block per value, scaled to the largest; zero is always the lowest block.
    public static func render(_ values: [Int]) -> String {
        guard let top = values.max(), top > 0 else { return String(repeating: blocks[0], count: values.count) }
        return String(values.map { value in
            value == 0 ? blocks[0] : blocks[max(1, Int((Double(value) / Double(top) * Double(blocks.count - 1)).rounded()))]
        })
    }
}
