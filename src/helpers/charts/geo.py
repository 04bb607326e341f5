"""Country outlines for the locator maps: where they live, loading them, and fitting a map to a frame.

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
