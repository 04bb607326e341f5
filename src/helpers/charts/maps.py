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

from helpers.charts.geo import frame_feature, load_boundaries, mercator_y
from helpers.charts.marks import with_table
from helpers.charts.theme import PALETTE, WIDTH
from helpers.data.loading import load
from helpers.data.package import bibliography_path, find_data_dir
from helpers.sources import short_cite

HIGHLIGHT = PALETTE[0]  # Okabe-Ito blue
NEIGHBOUR = "#c9d3dc"
CONTEXT = "#eceff1"
WATER = "#dcebf5"
BORDER = "#ffffff"
INK = "#222222"
MUTED = "#4a4a4a"
PLACE = PALETTE[3]  # Okabe-Ito vermilion
REGION = "#8a3b00"
LABEL_SIZE = 13
PLACE_SIZE = 12

#: Each case's map: its country (Natural Earth ADM0_A3 code), its labelled neighbours with the
#: label the map gives them and where the label sits (lon, lat), the frame the map is fitted
#: to (west, south, east, north, in degrees) and what the caption must say about borders.
CASES: dict[str, dict[str, Any]] = {
    "rwanda": {
        "country": ("RWA", "Rwanda", (29.7, -2.25)),
        "neighbours": {
            "UGA": ("Uganda", (32.3, 1.0)),
            "TZA": ("Tanzania", (32.9, -3.4)),
            "BDI": ("Burundi", (29.95, -3.55)),
            "COD": ("DR Congo\n(then Zaire)", (27.6, -1.5)),
        },
        "frame": (26.3, -4.9, 34.1, 1.6),
        "borders": "Borders are today's; the Democratic Republic of the Congo was called Zaire in 1994.",
    },
    "cambodia": {
        "country": ("KHM", "Cambodia\n(then Democratic\nKampuchea)", (104.9, 12.9)),
        "neighbours": {
            "THA": ("Thailand", (100.9, 15.4)),
            "LAO": ("Laos", (103.3, 18.0)),
            "VNM": ("Vietnam", (108.3, 14.6)),
        },
        "frame": (99.3, 8.9, 109.8, 19.2),
        "borders": "Borders are today's; under the Khmer Rouge (1975-79) Cambodia was called Democratic Kampuchea.",
    },
    "darfur": {
        "country": ("SDN", "Sudan", (31.0, 17.6)),
        "neighbours": {
            "TCD": ("Chad", (18.6, 16.0)),
            "LBY": ("Libya", (21.5, 21.8)),
            "EGY": ("Egypt", (30.0, 23.3)),
            "SDS": ("South Sudan\n(part of Sudan\nuntil 2011)", (30.4, 7.3)),
            "CAF": ("Central African\nRepublic", (20.6, 6.6)),
        },
        "frame": (14.8, 4.0, 39.0, 24.2),
        "borders": (
            "Borders are today's: South Sudan, drawn as a country, was part of Sudan until it became "
            "independent in 2011. Darfur is marked by a label, not an outline."
        ),
    },
    "car": {
        "country": ("CAF", "Central African\nRepublic", (21.2, 6.9)),
        "neighbours": {
            "TCD": ("Chad", (18.8, 12.6)),
            "CMR": ("Cameroon", (12.2, 6.6)),
            "COD": ("DR Congo", (22.0, 1.0)),
            "COG": ("Republic of\nthe Congo", (15.4, 0.4)),
            "SDS": ("South Sudan", (29.0, 7.4)),
            "SDN": ("Sudan", (27.0, 12.6)),
        },
        "frame": (10.2, -1.3, 31.0, 14.0),
        "borders": "Borders are today's; South Sudan became independent in 2011, before this crisis began.",
    },
}


def wrap(name: str, width: int = 18) -> str:
    """A label on two lines if it is long: before a bracket, or at the space nearest its middle."""
    if len(name) <= width:
        return name
    if " (" in name:
        return name.replace(" (", "\n(", 1)
    spaces = [i for i, c in enumerate(name) if c == " "]
    if not spaces:
        return name
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "\n" + name[cut + 1 :]


def _valid_case(case: Any) -> str:
    if not isinstance(case, str) or case.strip().lower() not in CASES:
        raise ValueError(f"locator_map: unknown case {case!r} (expected one of: {', '.join(CASES)})")
    return case.strip().lower()


def _places(case: str, data_dir: str | Path | None) -> pd.DataFrame:
    places = load("places", data_dir)
    return places[places["case"] == case].reset_index(drop=True)


def _s(value: Any) -> str:
    """A cell as text ('' for a missing value)."""
    return "" if value is None or pd.isna(value) else str(value)


def _cite(source: Any, locator: Any = "", data_dir: str | Path | None = None) -> str:
    """A source as people read it, with its locator: "Natural Earth 2017, 1:10m populated places"."""
    source, locator = _s(source), _s(locator)
    text = short_cite(source, bibliography_path(find_data_dir(data_dir)))
    return f"{text}, {locator}" if locator else text


OUTLINE_NOTE = "Outline from Natural Earth 4.0.0 (1:50m), simplified; today's border."


def map_rows(case: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """What the map shows, one row per country or place: its text alternative."""
    case = _valid_case(case)
    spec = CASES[case]
    code, label, _ = spec["country"]
    outline = _cite("natural-earth", "1:50m admin-0 countries", data_dir)
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
                "cite": _cite(p["source"], p["locator"], data_dir),
            }
        )
    return pd.DataFrame(rows)


def locator_map(case: str, width: int | None = None, data_dir: str | Path | None = None) -> alt.LayerChart:
    """A locator map of ``case``: its country highlighted, neighbours labelled, places marked.

    Raises ``ValueError`` for an unknown case (naming the valid ones) and
    ``FileNotFoundError`` naming the path if the boundaries file is missing.
    """
    case = _valid_case(case)
    spec = CASES[case]
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
    height = round(width * (mercator_y(north) - mercator_y(south)) / math.radians(east - west))

    def role(feature: dict[str, Any]) -> str:
        iso = feature["properties"]["iso_a3"]
        return "case" if iso == code else "neighbour" if iso in neighbours else "context"

    shapes = [{**f, "properties": {**f["properties"], "map_role": role(f)}} for f in features]
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
    text_args = {"lineBreak": "\n", "fontSize": LABEL_SIZE, "align": "center", "baseline": "middle"}
    country_labels = [
        alt.Chart(label_data)
        .transform_filter(alt.datum.role == "case")
        .mark_text(**text_args, fontWeight="bold", color="#ffffff")
        .encode(longitude="lon:Q", latitude="lat:Q", text="text:N"),
        alt.Chart(label_data)
        .transform_filter(alt.datum.role == "neighbour")
        .mark_text(**text_args, color=MUTED)
        .encode(longitude="lon:Q", latitude="lat:Q", text="text:N"),
    ]

    places = rows[rows["lon"].notna()].rename(columns={"what": "kind"})
    places["label"] = places["name"].map(wrap)
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
        .mark_point(filled=True, size=70, color=PLACE, stroke="#ffffff", strokeWidth=1.2, opacity=1)
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
            stroke="#ffffff",
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
            stroke="#ffffff",
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
    return with_table(chart, table, columns, "The countries and places on this map")
