"""Derive data/boundaries/countries.geojson from Natural Earth (public domain).

A one-off script, kept so that the derivation can be checked and repeated; the book
never runs it. It needs shapely (not a requirement of the book) and the Natural Earth
file `ne_50m_admin_0_countries_lakes.json` (version 4.0.0) as published in GeoJSON by
the repository martynafford/natural-earth-geojson (file
`50m/cultural/ne_50m_admin_0_countries_lakes.7z`, commit 0b9a6ceb0a70; unpack it first).

    python3 data/boundaries/derive.py /path/to/ne_50m_admin_0_countries_lakes.json

What it does, in order: keep the countries the four locator maps draw (each case's
country, its labelled neighbours, and the other countries that fall inside a map's frame,
drawn as unlabelled context); simplify each outline with the Douglas-Peucker algorithm
(tolerance 0.01 degrees for the labelled countries, 0.05 for context countries, about 1 and
5 km); clip context countries to the frames they fall in (the labelled countries' bounding
box plus 2 degrees); drop islands smaller than 0.05 square degrees; round coordinates to 2 decimals
(about 1 km); keep three properties (`iso_a3`, `name`, `role`). The borders are those of
Natural Earth 4.0.0 (2017), that is, today's borders, not those of the period a chapter
covers: South Sudan (independent in 2011) is drawn as a country.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely.geometry import Polygon, box, mapping, shape
from shapely.ops import unary_union

OUT = Path(__file__).with_name("countries.geojson")

#: Countries each map labels (its own country first), as Natural Earth's ADM0_A3 codes.
LABELLED = {
    "rwanda": ["RWA", "UGA", "TZA", "BDI", "COD"],
    "cambodia": ["KHM", "VNM", "THA", "LAO"],
    "darfur": ["SDN", "TCD", "LBY", "EGY", "SDS", "CAF"],
    "car": ["CAF", "TCD", "CMR", "COD", "COG", "SDS", "SDN"],
}
#: Degrees added around a map's labelled countries: other countries inside that frame are
#: kept as unlabelled context, clipped to the frame.
PAD = 2.0

LABEL_TOLERANCE = 0.01
CONTEXT_TOLERANCE = 0.05
MIN_AREA = 0.05
DIGITS = 2


def _rounded(coords) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in coords:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def simplify(geometry: dict, tolerance: float) -> dict | None:
    geom = shape(geometry).simplify(tolerance, preserve_topology=True)
    polygons = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon)]
    kept = [p for p in polygons if isinstance(p, Polygon) and p.area >= MIN_AREA]
    if not kept:  # a small country: keep its largest piece whatever its size
        kept = [max(polygons, key=lambda p: p.area)]
    rings = []
    for poly in kept:
        exterior = _rounded(poly.exterior.coords)
        holes = [_rounded(r.coords) for r in poly.interiors if Polygon(r).area >= MIN_AREA]
        if len(exterior) >= 4:
            rings.append([exterior, *[h for h in holes if len(h) >= 4]])
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def frames(features: list[dict]) -> list:
    """Each map's frame: the bounding box of its labelled countries, padded."""
    shapes = {f["properties"]["ADM0_A3"]: shape(f["geometry"]) for f in features}
    boxes = []
    for codes in LABELLED.values():
        x0, y0, x1, y1 = unary_union([shapes[c] for c in codes]).bounds
        boxes.append(box(x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD))
    return boxes


def main(source: str) -> None:
    features = json.loads(Path(source).read_text(encoding="utf-8"))["features"]
    labelled = {code for codes in LABELLED.values() for code in codes}
    area = unary_union(frames(features))
    out = []
    for feature in features:
        props = feature["properties"]
        code = props["ADM0_A3"]
        if code in labelled:
            role, geometry = "labelled", simplify(feature["geometry"], LABEL_TOLERANCE)
        else:
            clipped = shape(feature["geometry"]).intersection(area)
            if clipped.is_empty or clipped.area < MIN_AREA:
                continue
            role, geometry = "context", simplify(mapping(clipped), CONTEXT_TOLERANCE)
        out.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": code, "name": props["NAME_LONG"], "role": role},
                "geometry": geometry,
            }
        )
    out.sort(key=lambda f: f["properties"]["iso_a3"])
    missing = labelled - {f["properties"]["iso_a3"] for f in out}
    if missing:
        raise SystemExit(f"not in the source: {sorted(missing)}")
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 4.0.0, 1:50m admin-0 countries (lakes cut out); public domain",
        "features": out,
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(out)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
