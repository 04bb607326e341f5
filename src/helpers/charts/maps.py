"""Locator maps: where a case happened, drawn offline from Natural Earth outlines.

``locator_map(case)`` draws the case's country highlighted, its neighbours lighter and
labelled, and the places of ``data/places.csv`` for the case (capitals as points, areas
people fled to as italic labels). The outlines come from ``data/boundaries/countries.geojson``
(Natural Earth 4.0.0, public domain; see the README there) and travel inline in the spec,
so the map needs no tile server and no network.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from helpers.cases import check_case
from helpers.charts.annotate import wrap
from helpers.charts.geo import (
    clear_spot,
    frame_feature,
    load_boundaries,
    mercator_y,
    near_frame,
    projector,
    spread_regions,
    text_box,
)
from helpers.charts.layout import NARROW, PADDING, WIDE, two_forms, width_of
from helpers.charts.marks import case_phrase, nothing_to_draw, with_table
from helpers.charts.theme import INK, MUTED, PALETTE, PAPER, WIDTH
from helpers.data.loading import load
from helpers.frames import require_table
from helpers.sources import citation

HIGHLIGHT = PALETTE[0]  # Okabe-Ito blue
NEIGHBOUR = "#c9d3dc"
CONTEXT = "#eceff1"
WATER = "#dcebf5"
BORDER = PAPER
PLACE = PALETTE[3]  # Okabe-Ito vermilion
REGION = "#8a3b00"
LABEL_SIZE = 13
PLACE_SIZE = 12

MAP_COLUMNS = ["id", "case", "iso_a3", "role", "label", "lon", "lat", "west", "south", "east", "north", "borders"]


def _spec(case: Any, data_dir: str | Path | None) -> dict[str, Any]:
    """The case's map from the ``maps`` table: its country (code, label, label position), its
    labelled neighbours, the frame the map is fitted to and what the caption says about borders."""
    rows = require_table(load("maps", data_dir), "maps", MAP_COLUMNS)
    case = check_case(case.strip().lower() if isinstance(case, str) else case)
    mine = rows[rows["case"] == case]
    if mine.empty:
        return {"case": case}
    country = mine[mine["role"] == "country"].iloc[0]

    def placed(row: Any) -> tuple[str, tuple[float, float]]:
        return wrap(row["label"], 16, balance=True), (float(row["lon"]), float(row["lat"]))

    return {
        "case": case,
        "country": (country["iso_a3"], *placed(country)),
        "neighbours": {r["iso_a3"]: placed(r) for _, r in mine[mine["role"] == "neighbour"].iterrows()},
        "frame": tuple(float(country[k]) for k in ("west", "south", "east", "north")),
        "borders": country["borders"],
    }


def _places(case: str, data_dir: str | Path | None) -> pd.DataFrame:
    places = load("places", data_dir)
    return places[places["case"] == case].reset_index(drop=True)


def _s(value: Any) -> str:
    """A cell as text ('' for a missing value)."""
    return "" if value is None or pd.isna(value) else str(value)


OUTLINE_NOTE = "Outline from Natural Earth 4.0.0 (1:50m), simplified; today's border."


def map_rows(case: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """What the map shows, one row per country or place: its text alternative."""
    spec = _spec(case, data_dir)
    case = spec["case"]
    if "country" not in spec:
        raise ValueError(f"locator_map: no map of {case!r} in maps.csv (expected a case with a country row)")
    code, label, _ = spec["country"]
    outline = citation("natural-earth", "1:50m admin-0 countries")
    rows = [
        {
            "id": code.lower(),
            "name": label.replace("\n", " "),
            "what": "the case's country (highlighted)",
            "lon": None,
            "lat": None,
            "note": OUTLINE_NOTE,
            "cite": outline,
        }
    ]
    for ncode, (nlabel, _) in spec["neighbours"].items():
        rows.append(
            {
                "id": ncode.lower(),
                "name": nlabel.replace("\n", " "),
                "what": "neighbouring country",
                "lon": None,
                "lat": None,
                "note": OUTLINE_NOTE,
                "cite": outline,
            }
        )
    for _, p in _places(case, data_dir).iterrows():
        rows.append(
            {
                "id": p["id"],
                "name": p["name"],
                "what": p["kind"],
                "lon": float(p["lon"]),
                "lat": float(p["lat"]),
                "note": _s(p["note"]),
                "cite": citation(p["source"], _s(p["locator"])),
            }
        )
    return pd.DataFrame(rows)


@two_forms
def locator_map(
    case: str, width: int | None = None, data_dir: str | Path | None = None, layout: str = WIDE
) -> alt.LayerChart:
    """A locator map of ``case``: its country highlighted, neighbours labelled, places marked.

    ``width``: the map's width in pixels (default: the column's). ``layout``: ``"wide"``,
    ``"narrow"`` (the same frame, fitted to a phone's column; at most ``width`` wide) or by
    default both (:mod:`helpers.charts.layout`).

    Raises ``ValueError`` for an unknown case (naming the valid ones) and
    ``FileNotFoundError`` naming the path if the boundaries file is missing.
    """
    spec = _spec(case, data_dir)
    case = spec["case"]
    if "country" not in spec:
        return nothing_to_draw(
            f"The book has no map of {case_phrase(case).removeprefix(' in ')}: maps.csv has no rows for it.",
            layout=layout,
        )
    features = load_boundaries(data_dir)
    code, label, label_at = spec["country"]
    neighbours = spec["neighbours"]
    present = {f["properties"]["iso_a3"] for f in features}
    missing = [c for c in [code, *neighbours] if c not in present]
    if missing:
        raise ValueError(
            f"locator_map: the boundaries file lacks {', '.join(missing)} (expected every country the "
            f"{case} map draws; re-derive it with data/boundaries/derive.py)"
        )

    west, south, east, north = spec["frame"]
    if width is not None and (isinstance(width, bool) or not isinstance(width, int | float) or width < 200):
        raise ValueError(f"locator_map: width must be a number of pixels, 200 or more (got {width!r})")
    width = int(width or WIDTH)
    if layout == NARROW:
        width = min(width, width_of(NARROW))
    height = round(width * (mercator_y(north) - mercator_y(south)) / math.radians(east - west))

    def role(feature: dict[str, Any]) -> str:
        iso = feature["properties"]["iso_a3"]
        return "case" if iso == code else "neighbour" if iso in neighbours else "context"

    shapes = [
        {**f, "properties": {**f["properties"], "map_role": role(f)}}
        for f in features
        if role(f) != "context" or near_frame(f, spec["frame"])
    ]
    colour = alt.Color(
        "properties.map_role:N",
        legend=None,
        scale=alt.Scale(domain=["case", "neighbour", "context"], range=[HIGHLIGHT, NEIGHBOUR, CONTEXT]),
    )
    water = (
        alt.Chart(alt.Data(values=[frame_feature(spec["frame"])]))
        .mark_geoshape(fill=WATER, stroke=None, clip=True)
        .project(type="mercator", fit=frame_feature(spec["frame"]))
    )
    countries = (
        alt.Chart(alt.Data(values=shapes))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.8, clip=True)
        .encode(color=colour, tooltip=[alt.Tooltip("properties.name:N", title="Country")])
        .project(type="mercator", fit=frame_feature(spec["frame"]))
    )

    rows = map_rows(case, data_dir)
    at = {code.lower(): label_at, **{c.lower(): a for c, (_, a) in neighbours.items()}}
    label_rows = pd.DataFrame(
        [{"id": code.lower(), "text": label, "role": "case"}]
        + [{"id": c.lower(), "text": t, "role": "neighbour"} for c, (t, _) in neighbours.items()]
    )
    label_rows["lon"] = [at[i][0] for i in label_rows["id"]]
    label_rows["lat"] = [at[i][1] for i in label_rows["id"]]
    label_data = label_rows
    places = rows[rows["lon"].notna()].rename(columns={"what": "kind"})
    places["label"] = places["name"].map(lambda name: wrap(name, 18, balance=True))
    text_args = {"lineBreak": "\n", "fontSize": LABEL_SIZE, "align": "center", "baseline": "middle"}
    nudge, halo = {}, []  # narrow, the country's name moved clear of the places
    if layout == NARROW:
        project = projector(spec["frame"], width - 2 * PADDING, height)
        outline = next(f for f in features if f["properties"]["iso_a3"] == code)
        names = [text_box(*project(*at), t.split("\n"), 7.8, 16.5) for t, at in neighbours.values()]
        places["lat"], taken = spread_regions(places, project, names)
        dx, dy, inside = clear_spot(label, label_at, taken, project, outline)
        nudge = {"dx": dx, "dy": dy}
        if not inside:  # too small a country for its name: dark ink on a halo of paper, over the border
            halo = [{"color": INK}, {"stroke": PAPER, "strokeWidth": 3, "strokeOpacity": 0.85, "color": INK}]
    case_label = alt.Chart(label_data).transform_filter(alt.datum.role == "case")
    country_labels = [
        *(
            case_label.mark_text(**text_args, fontWeight="bold", **nudge, **style).encode(
                longitude="lon:Q", latitude="lat:Q", text="text:N"
            )
            for style in halo[::-1]
        ),
        *(
            []
            if halo
            else [
                case_label.mark_text(**text_args, fontWeight="bold", color=PAPER, **nudge).encode(
                    longitude="lon:Q", latitude="lat:Q", text="text:N"
                )
            ]
        ),
        alt.Chart(label_data)
        .transform_filter(alt.datum.role == "neighbour")
        .mark_text(**text_args, color=MUTED)
        .encode(longitude="lon:Q", latitude="lat:Q", text="text:N"),
    ]

    place_data = places[["id", "name", "label", "kind", "lon", "lat", "note", "cite"]].astype(object)
    tooltip = [
        alt.Tooltip("name:N", title="Place"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    sites = alt.FieldOneOfPredicate(field="kind", oneOf=["capital", "city", "camp"])
    place_layers = [
        alt.Chart(place_data)
        .transform_filter(sites)
        .mark_point(filled=True, size=70, color=PLACE, stroke=PAPER, strokeWidth=1.2, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            shape=alt.Shape(
                "kind:N",
                legend=None,
                scale=alt.Scale(domain=["capital", "city", "camp"], range=["square", "circle", "triangle-up"]),
            ),
            tooltip=tooltip,
        ),
        alt.Chart(place_data)
        .transform_filter(sites)
        .mark_text(
            align="left",
            dx=8,
            dy=-2,
            fontSize=PLACE_SIZE,
            fontWeight="bold",
            color=INK,
            stroke=PAPER,
            strokeWidth=3,
            strokeOpacity=0.85,
        )
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N"),
        alt.Chart(place_data)
        .transform_filter(sites)
        .mark_text(align="left", dx=8, dy=-2, fontSize=PLACE_SIZE, fontWeight="bold", color=INK)
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N", tooltip=tooltip),
        alt.Chart(place_data)
        .transform_filter(alt.datum.kind == "region")
        .mark_text(
            align="center",
            fontSize=PLACE_SIZE,
            fontStyle="italic",
            fontWeight="bold",
            color=REGION,
            lineBreak="\n",
            stroke=PAPER,
            strokeWidth=3,
            strokeOpacity=0.85,
        )
        .encode(longitude="lon:Q", latitude="lat:Q", text="label:N"),
        alt.Chart(place_data)
        .transform_filter(alt.datum.kind == "region")
        .mark_text(
            align="center", fontSize=PLACE_SIZE, fontStyle="italic", fontWeight="bold", color=REGION, lineBreak="\n"
        )
        .encode(longitude="lon:Q", latitude="lat:Q", text="label:N", tooltip=tooltip),
    ]

    country_name = label.replace("\n", " ")
    neighbour_names = [t.replace("\n", " ") for t, _ in neighbours.values()]
    place_names = list(places["name"])
    description = (
        f"Locator map of {country_name}, highlighted, with its neighbours {', '.join(neighbour_names[:-1])} and "
        f"{neighbour_names[-1]}"
        + (f"; marked: {'; '.join(place_names)}" if place_names else "")
        + f". {spec['borders']} Outlines: Natural Earth (public domain)."
    )
    chart = alt.layer(water, countries, *country_labels, *place_layers).properties(
        width=width, height=height, description=description
    )
    table = rows.assign(
        where=[f"{lat:.2f}, {lon:.2f}" if pd.notna(lon) else "" for lon, lat in zip(rows["lon"], rows["lat"])]
    )
    columns = {
        "name": "Country or place",
        "what": "What it is",
        "where": "Latitude, longitude",
        "note": "Note",
        "cite": "Source",
    }
    note = "Borders are today's, drawn from Natural Earth's public-domain outlines, simplified."
    return with_table(chart, table, columns, "The countries and places on this map", note=note)
