#!/usr/bin/env python3
"""Writes config/northbridge/wards.geojson: the fictional Northbridge's 16 wards as a 4x4 patchwork of
irregular polygons that share their edges (a jittered grid), deterministic so the file never churns."""
import json, random, sys

GRID = [  # (ward number, name) by row, north to south; the River Nor runs along the third row
    [(8, "Northfields"), (2, "Abbey"), (3, "Kingsmead"), (9, "Eastwood")],
    [(10, "Westgate"), (1, "Castlegate"), (6, "St Anne's"), (12, "Oakley")],
    [(11, "Brookhaven"), (4, "Riverside"), (5, "Quayside"), (13, "Harbour")],
    [(14, "Southmoor"), (7, "Hill Top"), (15, "Millbrook"), (16, "Ashworth")],
]
NORTH, WEST, STEP_LAT, STEP_LON = 54.62, -1.62, 0.018, 0.03

rng = random.Random(4)
corner = {}
for r in range(5):
    for c in range(5):
        edge = r in (0, 4) or c in (0, 4)
        jitter_lat = 0 if r in (0, 4) else rng.uniform(-0.3, 0.3) * STEP_LAT
        jitter_lon = 0 if c in (0, 4) else rng.uniform(-0.3, 0.3) * STEP_LON
        corner[r, c] = (round(WEST + c * STEP_LON + jitter_lon, 5), round(NORTH - r * STEP_LAT + jitter_lat, 5))

features = []
for r, row in enumerate(GRID):
    for c, (number, name) in enumerate(row):
        ring = [corner[r, c], corner[r, c + 1], corner[r + 1, c + 1], corner[r + 1, c], corner[r, c]]
        features.append({
            "type": "Feature",
            "properties": {"number": number, "name": name},
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
        })
json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, indent=1)
print()
