"""Locator maps: valid Vega-Lite, drawn offline, every country and place present; clear errors."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
import vl_convert
from test_charts import VEGALITE

from conftest import ROOT, once_per_process
from helpers import charts, data, sources
from helpers.charts import annotate, maps

MAX_BOUNDARIES_BYTES = 300_000  # every map carries the outlines inline: keep the file small

# The cases with a map, read from the table at collection (every xdist worker collects: no validation here;
# test_data validates the table).
with open(ROOT / "data" / "maps.csv", newline="", encoding="utf-8") as _rows:
    CASES = list(dict.fromkeys(row["case"] for row in csv.DictReader(_rows)))


def spec_of(chart) -> dict:
    spec = chart.to_dict()
    VEGALITE.validate(spec)
    json.dumps(spec, allow_nan=False)
    return spec


def layers(spec: dict):
    yield spec
    for sub in spec.get("layer", []):
        yield from layers(sub)


@once_per_process
def map_spec(case: str) -> dict:
    """The case's locator map spec, validated (test_narrow reads it too)."""
    return spec_of(charts.locator_map(case))


@pytest.fixture(scope="module", params=CASES)
def drawn(request):
    case = request.param
    spec = map_spec(case)
    return case, spec, vl_convert.vegalite_to_svg(spec)


def test_every_case_is_exported_and_known():
    assert "locator_map" in charts.__all__
    assert set(CASES) == {"rwanda", "cambodia", "darfur", "car"}


def test_map_validates_draws_and_shows_country_and_neighbours(drawn):
    case, spec, svg = drawn
    assert "<path" in svg  # the outlines are drawn
    country = maps._spec(case, None)["country"]
    neighbours = maps._spec(case, None)["neighbours"]
    shapes = [d for d in (layer.get("data", {}).get("values") for layer in layers(spec)) if d and "geometry" in d[0]]
    codes = {f["properties"].get("iso_a3") for values in shapes for f in values}
    assert {country[0], *neighbours} <= codes
    for label in [country[1], *(label for label, _ in neighbours.values())]:
        assert label.split("\n")[0] in svg, f"{case}: label {label!r} not drawn"
    assert spec["description"].startswith("Locator map of ")


def test_a_map_carries_only_the_countries_near_its_frame(drawn):
    """The map is clipped to its frame: a country far from it would add data and draw nothing."""
    from helpers.charts.geo import load_boundaries, near_frame

    case, spec, _svg = drawn
    frame = maps._spec(case, None)["frame"]
    shapes = [d for d in (layer.get("data", {}).get("values") for layer in layers(spec)) if d and "geometry" in d[0]]
    carried = {f["properties"]["iso_a3"] for values in shapes for f in values if "iso_a3" in f["properties"]}
    near = {f["properties"]["iso_a3"] for f in load_boundaries() if near_frame(f, frame)}
    assert carried == near | {maps._spec(case, None)["country"][0]}, sorted(carried ^ near)
    assert len(carried) < len(load_boundaries()) / 2, f"{case}: {len(carried)} countries carried"


def test_near_frame_tells_a_country_in_the_frame_from_one_beyond_it():
    from helpers.charts.geo import near_frame

    square = {"geometry": {"type": "Polygon", "coordinates": [[[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]]]}}
    assert near_frame(square, (11, 11, 20, 20))  # overlaps
    assert near_frame(square, (12.5, 0, 20, 20))  # just beyond, within the margin (a tenth of 7.5 degrees)
    assert not near_frame(square, (14, 0, 20, 20))  # 2 degrees east of it
    assert not near_frame(square, (0, 30, 20, 40))  # north of it


def test_every_place_of_the_case_is_drawn_with_its_label(drawn):
    case, _spec, svg = drawn
    places = data.load("places", ROOT / "data")
    mine = places[places["case"] == case]
    assert len(mine) >= 1
    west, south, east, north = maps._spec(case, None)["frame"]
    for _, row in mine.iterrows():
        assert west < row["lon"] < east and south < row["lat"] < north, f"{row['id']} lies outside the map"
        assert annotate.wrap(row["name"], 18, balance=True).split("\n")[0] in svg, f"{row['id']} not drawn"


def test_map_is_offline_and_readable(drawn):
    case, spec, _svg = drawn
    text = json.dumps(spec)
    assert '"url"' not in text and "http" not in text.replace("https://vega.github.io/schema", "")
    assert spec["layer"][0]["projection"]["type"] == "mercator"
    for layer in layers(spec):
        mark = layer.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            assert mark.get("fontSize", 0) >= 12, f"{case}: a label under 12 px"


def test_borders_of_today_are_said_where_they_matter():
    for case in ("darfur", "car"):
        assert "South Sudan" in charts.locator_map(case).to_dict()["description"]
    assert "Zaire" in charts.locator_map("rwanda").to_dict()["description"]


def test_map_carries_its_text_alternative():
    rows = maps.map_rows("rwanda")
    assert {"Rwanda", "Kigali"} <= set(rows["name"])
    assert rows["cite"].str.len().gt(0).all()


def test_unknown_case_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown case 'kosovo'.*cambodia, rwanda, darfur, car"):
        charts.locator_map("kosovo")
    assert "no map of The Convention" in charts.locator_map("convention").to_dict()["description"]
    with pytest.raises(ValueError, match="expected one of"):
        charts.locator_map(None)


def test_bad_width_is_refused():
    with pytest.raises(ValueError, match="width must be a number of pixels"):
        charts.locator_map("car", width=50)
    assert charts.locator_map("car", width=400).to_dict()["width"] == 400


def test_missing_boundaries_file_is_named(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("boundaries"))
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    with pytest.raises(FileNotFoundError, match=r"boundaries[/\\]countries\.geojson"):
        charts.locator_map("rwanda", data_dir=folder)


def test_boundaries_file_is_small_and_public_domain():
    path = ROOT / "data" / "boundaries" / "countries.geojson"
    assert path.stat().st_size < MAX_BOUNDARIES_BYTES
    readme = (ROOT / "data" / "boundaries" / "README.md").read_text(encoding="utf-8")
    assert "public domain" in readme and "Natural Earth" in readme
    assert "natural-earth" in sources.keys(ROOT / "references.bib")
