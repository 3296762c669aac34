import Foundation
import MusterCore

/// Reads ward boundaries from a GeoJSON FeatureCollection of Polygon and MultiPolygon features.
enum GeoJSONReader {
    /// Each feature's ward name comes from the first of `nameProperties` it has.
    static func boundaries(in data: Data, file: String, nameProperties: [String]) throws -> [WardBoundary] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]]
        else {
            throw MusterError("\(file): not a GeoJSON FeatureCollection", hint: "Expected {\"type\": \"FeatureCollection\", \"features\": [...]}.")
        }
        return try features.enumerated().map { index, feature in
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let name = nameProperties.lazy.compactMap({ properties[$0] as? String }).first else {
                throw MusterError("\(file): feature \(index + 1) has none of the name properties \(nameProperties)")
            }
            guard let geometry = feature["geometry"] as? [String: Any],
                  let type = geometry["type"] as? String,
                  let coordinates = geometry["coordinates"]
            else {
                throw MusterError("\(file): feature \(index + 1) (\(name)) has no geometry")
            }
            switch type {
            case "Polygon":
                return WardBoundary(ward: name, polygons: [try polygon(coordinates, file: file, name: name)])
            case "MultiPolygon":
                guard let parts = coordinates as? [Any] else { throw invalid(file, name) }
                return WardBoundary(ward: name, polygons: try parts.map { try polygon($0, file: file, name: name) })
            default:
                throw MusterError("\(file): feature \(name) is a \(type); only Polygon and MultiPolygon are supported")
            }
        }
    }

    private static func polygon(_ value: Any, file: String, name: String) throws -> Polygon {
        guard let rings = value as? [[[Double]]], !rings.isEmpty else { throw invalid(file, name) }
        return Polygon(rings: try rings.map { ring in
            try ring.map { pair in
                guard pair.count >= 2 else { throw invalid(file, name) }
                return GeoPoint(latitude: pair[1], longitude: pair[0])
            }
        })
    }

    private static func invalid(_ file: String, _ name: String) -> MusterError {
        MusterError("\(file): feature \(name) has malformed coordinates")
    }
}
