import MusterConfig
import MusterCore

/// A second point-in-polygon computation, written apart from `AreaLocator` and by another method (winding numbers,
/// holes tested one by one, instead of even-odd ray casting over every ring), so that the two can be compared.
struct IndependentPlacement {
    private let polygons: [(ward: String, polygon: Polygon, latitudes: ClosedRange<Double>, longitudes: ClosedRange<Double>)]

    init(boundaries: [WardBoundary]) {
        polygons = boundaries.flatMap { boundary in
            boundary.polygons.compactMap { polygon in
                guard let outer = polygon.rings.first, !outer.isEmpty else { return nil }
                let latitudes = outer.map(\.latitude), longitudes = outer.map(\.longitude)
                return (boundary.ward, polygon, latitudes.min()!...latitudes.max()!, longitudes.min()!...longitudes.max()!)
            }
        }
    }

    /// The ward whose polygon winds around `point` and none of whose holes do.
    func ward(containing point: GeoPoint) -> String? {
        for entry in polygons where entry.latitudes.contains(point.latitude) && entry.longitudes.contains(point.longitude) {
            guard let outer = entry.polygon.rings.first, Self.winding(outer, point) != 0 else { continue }
            if entry.polygon.rings.dropFirst().allSatisfy({ Self.winding($0, point) == 0 }) { return entry.ward }
        }
        return nil
    }

    /// A point inside the ward's first polygon: the middle of the first span a horizontal line through the
    /// polygon's middle latitude spends inside it.
    static func interiorPoint(of boundary: WardBoundary) -> GeoPoint? {
        guard let polygon = boundary.polygons.first, let outer = polygon.rings.first, !outer.isEmpty else { return nil }
        let latitudes = outer.map(\.latitude)
        // Nudged off the middle so the line does not run exactly through a vertex.
        let latitude = (latitudes.min()! + latitudes.max()!) / 2 + 1e-9
        var crossings: [Double] = []
        for ring in polygon.rings where ring.count >= 3 {
            for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) where (a.latitude > latitude) != (b.latitude > latitude) {
                crossings.append(a.longitude + (latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude))
            }
        }
        crossings.sort()
        guard crossings.count >= 2 else { return nil }
        return GeoPoint(latitude: latitude, longitude: (crossings[0] + crossings[1]) / 2)
    }

    /// How many times `ring` winds around `point` (Sunday's crossing-number-free method).
    private static func winding(_ ring: [GeoPoint], _ point: GeoPoint) -> Int {
        guard ring.count >= 3 else { return 0 }
        var number = 0
        for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) {
            let side = (b.longitude - a.longitude) * (point.latitude - a.latitude) - (point.longitude - a.longitude) * (b.latitude - a.latitude)
            if a.latitude <= point.latitude {
                if b.latitude > point.latitude && side > 0 { number += 1 }
            } else if b.latitude <= point.latitude && side < 0 {
                number -= 1
            }
        }
        return number
    }
}
