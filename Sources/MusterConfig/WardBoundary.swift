import MusterCore

/// A ward's shape: one or more polygons, each an outer ring and optional holes.
public struct WardBoundary: Sendable, Hashable {
    /// The ward's name, as in `Ward.name`.
    public var ward: String
    /// The polygons that make up the ward.
    public var polygons: [Polygon]

    /// Creates a boundary.
    public init(ward: String, polygons: [Polygon]) {
        self.ward = ward
        self.polygons = polygons
    }
}

/// A polygon: the first ring is the outline, the rest are holes.
public struct Polygon: Sendable, Hashable {
    /// Closed rings of points.
    public var rings: [[GeoPoint]]

    /// Creates a polygon.
    public init(rings: [[GeoPoint]]) {
        self.rings = rings
    }
}
