"""Country outlines for the locator maps: where they live, loading them, fitting a map to a frame, and
finding a spot for a country's name clear of the places marked on it.

The outlines are ``data/boundaries/countries.geojson``: Natural Earth 4.0.0 country
polygons (public domain), simplified to stay small; ``data/boundaries/README.md`` says
how they were derived.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers.datapackage import find_data_dir

BOUNDARIES = Path("boundaries") / "countries.geojson"  # inside the data folder


def boundaries_path(data_dir: str | Path | None = None) -> Path:
    """Where the outlines live: ``data/boundaries/countries.geojson``."""
    return find_data_dir(data_dir) / BOUNDARIES


@lru_cache(maxsize=4)
def _features(path: str, stamp: float) -> tuple[dict[str, Any], ...]:
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(collection["features"])


def load_boundaries(data_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """The country outlines as GeoJSON features, with a clear error if the file is missing."""
    path = boundaries_path(data_dir)
    if not path.is_file():
        raise FileNotFoundError(
            f"locator_map: no boundaries file at {path} (expected the Natural Earth outlines described in "
            f"data/boundaries/README.md)"
        )
    return list(_features(str(path), path.stat().st_mtime))


def mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def frame_feature(frame: tuple[float, float, float, float]) -> dict[str, Any]:
    """The frame as a GeoJSON polygon (dense edges, so that it stays a rectangle when projected)."""
    west, south, east, north = frame
    steps = 8
    ring = (
        [[west + (east - west) * i / steps, south] for i in range(steps)]
        + [[east, south + (north - south) * i / steps] for i in range(steps)]
        + [[east - (east - west) * i / steps, north] for i in range(steps)]
        + [[west, north - (north - south) * i / steps] for i in range(steps)]
        + [[west, south]]
    )
    ring.reverse()  # clockwise, as d3-geo wants the exterior ring of a small polygon
    return {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def projector(frame: tuple[float, float, float, float], width: float, height: float):
    """Where a point (lon, lat) falls on a Mercator map of ``frame`` fitted into ``width`` x ``height``
    pixels (centred, as d3's ``fitSize`` fits the frame's rectangle)."""
    west, south, east, north = frame
    x0, x1, y0, y1 = math.radians(west), math.radians(east), mercator_y(south), mercator_y(north)
    k = min(width / (x1 - x0), height / (y1 - y0))
    ox, oy = (width - k * (x1 - x0)) / 2, (height - k * (y1 - y0)) / 2
    return lambda lon, lat: (ox + k * (math.radians(lon) - x0), oy + k * (y1 - mercator_y(lat)))


def _box(x: float, y: float, lines: list[str], px: float, line: float, align: str = "center", middle: bool = True):
    """The box (left, top, right, bottom) of text ``lines`` anchored at (x, y). Vega sets a text's first
    line at the anchor (its middle, or its baseline) and the others under it."""
    wide = max(len(t) for t in lines) * px
    left = x - wide / 2 if align == "center" else x
    top = y - line / 2 if middle else y - 0.8 * line
    return left, top, left + wide, top + line * len(lines)


def inside(x: float, y: float, outline: list[list[tuple[float, float]]]) -> bool:
    """Whether the point (x, y) lies inside the polygon ``outline``, its rings in pixel coordinates
    (even-odd rule)."""
    found = False
    for ring in outline:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                found = not found
    return found


def rings(feature: dict[str, Any], project: Any) -> list[list[tuple[float, float]]]:
    """A country's outline (a GeoJSON feature) in pixels, every ring of every polygon."""
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[project(lon, lat) for lon, lat in ring] for polygon in polygons for ring in polygon]


def clear_spot(
    label: str, at: tuple[float, float], places: Any, project: Any, country: dict[str, Any]
) -> tuple[float, float, bool]:
    """Where to move a country's ``label`` from ``at`` (dx, dy in pixels), the least that keeps it clear
    of the ``places`` (rows with ``kind``, ``name``, ``label``, ``lon``, ``lat``) and their names and,
    where it fits, inside the ``country``'s outline (on a phone's smaller map a capital's name sat on
    it, or the name ran over the border); and whether it is inside. ``project`` is a map's
    :func:`projector`."""
    obstacles = []
    for p in places.itertuples():
        x, y = project(p.lon, p.lat)
        if p.kind == "region":
            obstacles.append(_box(x, y, p.label.split("\n"), 7.6, 15.5, middle=False))
        else:  # the point, and its name to its right (dx 8, dy -2)
            obstacles += [(x - 6, y - 6, x + 6, y + 6), _box(x + 8, y - 2, [p.name], 7.6, 15.5, "left")]
    obstacles = [(a - 2, b - 2, c + 2, d + 2) for a, b, c, d in obstacles]  # kept a little apart
    outline = rings(country, project)
    x, y = project(*at)
    moves = sorted(((dx, dy) for dx in range(-32, 33, 2) for dy in range(-48, 49, 2)), key=lambda m: math.hypot(*m))
    clear = None
    for dx, dy in moves:
        left, top, right, bottom = b = _box(x + dx, y + dy, label.split("\n"), 9.4, 16.5)  # bold 13 px, erring wide
        if any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in obstacles):
            continue
        clear = clear or (dx, dy)
        left, top, right, bottom = left - 2, top - 1, right + 2, bottom + 1  # a little paper round it
        corners = [(left, top), (right, top), (left, bottom), (right, bottom), ((left + right) / 2, top),
                   ((left + right) / 2, bottom)]  # fmt: skip
        if all(inside(cx, cy, outline) for cx, cy in corners):
            return float(dx), float(dy), True
    dx, dy = clear or (0, 0)
    return float(dx), float(dy), False
