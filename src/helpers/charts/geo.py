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


def _points(coordinates: Any):
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates
    else:
        for part in coordinates:
            yield from _points(part)


def near_frame(feature: dict[str, Any], frame: tuple[float, float, float, float], margin: float = 0.1) -> bool:
    """Whether ``feature``'s bounding box meets ``frame`` (west, south, east, north) widened by ``margin`` of
    its size on every side. A map clipped to its frame draws nothing of a country that does not: leaving
    such countries out of the spec draws the same map with a fraction of the data (the Rwanda map's spec
    carried Viet Nam's and Thailand's outlines)."""
    west, south, east, north = frame
    dx, dy = (east - west) * margin, (north - south) * margin
    points = list(_points(feature["geometry"]["coordinates"]))
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons) <= east + dx and max(lons) >= west - dx and min(lats) <= north + dy and max(lats) >= south - dy


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
    pixels (centred, as d3's ``fitSize`` fits the frame's rectangle); its ``latitude(y)`` is the
    latitude at pixel row ``y``."""
    west, south, east, north = frame
    x0, x1, y0, y1 = math.radians(west), math.radians(east), mercator_y(south), mercator_y(north)
    k = min(width / (x1 - x0), height / (y1 - y0))
    ox, oy = (width - k * (x1 - x0)) / 2, (height - k * (y1 - y0)) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ox + k * (math.radians(lon) - x0), oy + k * (y1 - mercator_y(lat))

    project.latitude = lambda y: math.degrees(2 * math.atan(math.exp(y1 - (y - oy) / k)) - math.pi / 2)
    return project


def text_box(x: float, y: float, lines: list[str], px: float, line: float, align: str = "center", middle: bool = True):
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


def _meets(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def spread_regions(places: Any, project: Any, fixed: list[tuple] = ()) -> tuple[list[float], list[tuple]]:
    """The ``places`` (rows with ``kind``, ``name``, ``label``, ``lon``, ``lat``) placed on a small map:
    each area's label (``kind`` region) moved up or down, the least that keeps it clear of the boxes
    ``fixed`` (other labels), the points, their names and the areas' labels placed before it (on a
    phone's map two areas' labels ran into each other). Returns every place's latitude, moved or not,
    and the boxes they take (pixels)."""
    taken, regions = list(fixed), []
    for p in places.itertuples():
        x, y = project(p.lon, p.lat)
        if p.kind == "region":
            regions.append(p)
        else:  # the point, and its name to its right (dx 8, dy -2)
            taken += [(x - 6, y - 6, x + 6, y + 6), text_box(x + 8, y - 2, [p.name], 7.6, 15.5, "left")]
    taken = [(a - 2, b - 2, c + 2, d + 2) for a, b, c, d in taken]  # kept a little apart
    moved = {}
    for p in regions:
        x, y = project(p.lon, p.lat)
        for dy in sorted(range(-40, 41, 2), key=lambda d: (abs(d), d)):
            a, b, c, d = text_box(x, y + dy, p.label.split("\n"), 8.0, 15.5, middle=False)  # bold italic 12 px
            box = (a - 2, b - 2, c + 2, d + 2)
            if not any(_meets(box, o) for o in taken) or dy == 40:
                taken.append(box)
                moved[p.Index] = project.latitude(y + dy)
                break
    return [moved.get(p.Index, p.lat) for p in places.itertuples()], taken


def clear_spot(label: str, at: tuple[float, float], taken: list[tuple], project: Any, country: dict[str, Any]):
    """Where to move a country's ``label`` from ``at`` (dx, dy in pixels), the least that keeps it clear
    of the boxes ``taken`` (the places and their names, :func:`spread_regions`) and, where it fits,
    inside the ``country``'s outline (on a phone's smaller map a capital's name sat on it, or the name
    ran over the border); and whether it is inside. ``project`` is a map's :func:`projector`."""
    outline = rings(country, project)
    x, y = project(*at)
    moves = sorted(((dx, dy) for dx in range(-32, 33, 2) for dy in range(-48, 49, 2)), key=lambda m: math.hypot(*m))
    clear = None
    for dx, dy in moves:
        left, top, right, bottom = box = text_box(
            x + dx, y + dy, label.split("\n"), 9.4, 16.5
        )  # bold 13 px, erring wide
        if any(_meets(box, o) for o in taken):
            continue
        clear = clear or (dx, dy)
        left, top, right, bottom = left - 2, top - 1, right + 2, bottom + 1  # a little paper round it
        corners = [(left, top), (right, top), (left, bottom), (right, bottom), ((left + right) / 2, top),
                   ((left + right) / 2, bottom)]  # fmt: skip
        if all(inside(cx, cy, outline) for cx, cy in corners):
            return float(dx), float(dy), True
    dx, dy = clear or (0, 0)
    return float(dx), float(dy), False
