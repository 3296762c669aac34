/// Muster's two Teams icons, drawn in code so the repository holds no binary files: a speech bubble with three
/// dots. Teams wants a 192 × 192 full-colour icon and a 32 × 32 outline that is white on transparent only.
public enum TeamsIcons {
    /// The colour icon's background, the web console's header blue; the manifest's `accentColor` is the same.
    public static let accent = PNGImage.Pixel(red: 0x1D, green: 0x35, blue: 0x57)

    /// The 192 × 192 colour icon: a white bubble on the accent colour, its dots in the accent colour.
    public static func color(size: Int = 192) -> PNGImage {
        let white = PNGImage.Pixel(red: 255, green: 255, blue: 255)
        let bubble = RoundedRectangle(minX: 0.16, minY: 0.2, maxX: 0.84, maxY: 0.68, radius: 0.12)
        let tail = Triangle(0.26, 0.64, 0.46, 0.64, 0.22, 0.84)
        let dots = [0.34, 0.5, 0.66].map { Circle(x: $0, y: 0.44, radius: 0.055) }
        return draw(size: size) { x, y in
            if dots.contains(where: { $0.contains(x, y) }) { return accent }
            return bubble.contains(x, y) || tail.contains(x, y) ? white : accent
        }
    }

    /// The 32 × 32 outline icon: the bubble's edge and its dots in white, the rest transparent. Every pixel is
    /// white (RGB 255, 255, 255); only alpha varies, at the anti-aliased edges.
    public static func outline(size: Int = 32) -> PNGImage {
        let stroke = 2.0 / 32
        let outer = RoundedRectangle(minX: 0.09, minY: 0.14, maxX: 0.91, maxY: 0.72, radius: 0.16)
        let inner = RoundedRectangle(
            minX: outer.minX + stroke, minY: outer.minY + stroke, maxX: outer.maxX - stroke, maxY: outer.maxY - stroke,
            radius: outer.radius - stroke
        )
        let tail = Triangle(0.22, 0.7, 0.44, 0.7, 0.16, 0.92)
        let dots = [0.3, 0.5, 0.7].map { Circle(x: $0, y: 0.43, radius: 0.075) }
        let white = PNGImage.Pixel(red: 255, green: 255, blue: 255)
        let clear = PNGImage.Pixel(red: 255, green: 255, blue: 255, alpha: 0)
        return draw(size: size) { x, y in
            let edge = outer.contains(x, y) && !inner.contains(x, y)
            return edge || tail.contains(x, y) || dots.contains(where: { $0.contains(x, y) }) ? white : clear
        }
    }

    /// Paints a square image by sampling `paint` (in coordinates from 0 to 1, y downwards) 4 × 4 times a pixel
    /// and averaging, which smooths the edges.
    private static func draw(size: Int, paint: (Double, Double) -> PNGImage.Pixel) -> PNGImage {
        var image = PNGImage(width: size, height: size)
        let samples = 4
        for row in 0..<size {
            for column in 0..<size {
                var sum = (red: 0, green: 0, blue: 0, alpha: 0)
                for i in 0..<samples {
                    for j in 0..<samples {
                        let x = (Double(column) + (Double(i) + 0.5) / Double(samples)) / Double(size)
                        let y = (Double(row) + (Double(j) + 0.5) / Double(samples)) / Double(size)
                        let pixel = paint(x, y)
                        sum.red += Int(pixel.red)
                        sum.green += Int(pixel.green)
                        sum.blue += Int(pixel.blue)
                        sum.alpha += Int(pixel.alpha)
                    }
                }
                let count = samples * samples
                image[column, row] = PNGImage.Pixel(
                    red: UInt8((sum.red + count / 2) / count), green: UInt8((sum.green + count / 2) / count),
                    blue: UInt8((sum.blue + count / 2) / count), alpha: UInt8((sum.alpha + count / 2) / count)
                )
            }
        }
        return image
    }
}

extension TeamsIcons {
    private struct RoundedRectangle {
        var minX, minY, maxX, maxY, radius: Double

        func contains(_ x: Double, _ y: Double) -> Bool {
            guard x >= minX, x <= maxX, y >= minY, y <= maxY else { return false }
            // Inside the rectangle; near a corner, inside that corner's circle too.
            let cornerX = min(max(x, minX + radius), maxX - radius)
            let cornerY = min(max(y, minY + radius), maxY - radius)
            return (x - cornerX) * (x - cornerX) + (y - cornerY) * (y - cornerY) <= radius * radius
        }
    }

    private struct Circle {
        var x, y, radius: Double

        func contains(_ px: Double, _ py: Double) -> Bool {
            (px - x) * (px - x) + (py - y) * (py - y) <= radius * radius
        }
    }

    private struct Triangle {
        var ax, ay, bx, by, cx, cy: Double

        init(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) {
            (self.ax, self.ay, self.bx, self.by, self.cx, self.cy) = (ax, ay, bx, by, cx, cy)
        }

        func contains(_ x: Double, _ y: Double) -> Bool {
            // The point is inside when it lies on the same side of all three edges.
            func side(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
                (x - x2) * (y1 - y2) - (x1 - x2) * (y - y2)
            }
            let d1 = side(ax, ay, bx, by), d2 = side(bx, by, cx, cy), d3 = side(cx, cy, ax, ay)
            return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
        }
    }
}
