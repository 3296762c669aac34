import MusterConfig
import MusterCore

/// Finds the ward a coordinate falls in: a bounding-box check first, then even-odd ray casting over every ring,
/// so holes are honoured. A polygon that crosses the antimeridian (spans over 180° of longitude) is read with
/// longitudes shifted to 0…360, and so is the point tested against it.
public struct AreaLocator: Sendable {
    private struct Shape: Sendable {
        var ward: String
        var polygon: Polygon
        var minLatitude, maxLatitude, minLongitude, maxLongitude: Double
        /// Longitudes are stored (and points are read) in 0…360.
        var wraps: Bool
    }

    private let shapes: [Shape]

    /// Creates a locator over ward boundaries.
    public init(boundaries: [WardBoundary]) {
        shapes = boundaries.flatMap { boundary in
            boundary.polygons.compactMap { polygon -> Shape? in
                guard let outline = polygon.rings.first, !outline.isEmpty else { return nil }
                var polygon = polygon
                let wraps = (outline.map(\.longitude).max()! - outline.map(\.longitude).min()!) > 180
                if wraps {
                    polygon.rings = polygon.rings.map { $0.map { GeoPoint(latitude: $0.latitude, longitude: Self.shifted($0.longitude)) } }
                }
                let latitudes = polygon.rings[0].map(\.latitude)
                let longitudes = polygon.rings[0].map(\.longitude)
                return Shape(
                    ward: boundary.ward, polygon: polygon,
                    minLatitude: latitudes.min()!, maxLatitude: latitudes.max()!,
                    minLongitude: longitudes.min()!, maxLongitude: longitudes.max()!, wraps: wraps
                )
            }
        }
    }

    /// The ward containing `point`, or `nil` when it is outside every ward.
    public func ward(containing point: GeoPoint) -> String? {
        shapes.first { shape in
            let point = shape.wraps ? GeoPoint(latitude: point.latitude, longitude: Self.shifted(point.longitude)) : point
            return point.latitude >= shape.minLatitude && point.latitude <= shape.maxLatitude
                && point.longitude >= shape.minLongitude && point.longitude <= shape.maxLongitude
                && Self.contains(shape.polygon, point)
        }?.ward
    }

    private static func shifted(_ longitude: Double) -> Double {
        longitude < 0 ? longitude + 360 : longitude
    }

    private static func contains(_ polygon: Polygon, _ point: GeoPoint) -> Bool {
        var inside = false
        for ring in polygon.rings where ring.count >= 3 {
            var previous = ring[ring.count - 1]
            for current in ring {
                let crosses = (current.latitude > point.latitude) != (previous.latitude > point.latitude)
                if crosses {
                    let t = (point.latitude - current.latitude) / (previous.latitude - current.latitude)
                    let longitude = current.longitude + t * (previous.longitude - current.longitude)
                    if point.longitude < longitude { inside.toggle() }
                }
                previous = current
            }
        }
        return inside
    }
}
