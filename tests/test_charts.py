"""The chart and widget toolkit: valid Vega-Lite with the promised encodings and params; clear errors."""

from __future__ import annotations

import json
import re

import altair as alt
import jsonschema
import pandas as pd
import pytest

from conftest import ROOT, once_per_process
from helpers import charts, data, frames, milestones, text, widgets
from helpers.charts.compare import case_gaps
from helpers.charts.marks import with_table

SCHEMA = alt.vegalite.v5.schema.core.load_schema()
# Validate specs against Vega-Lite's own JSON schema (draft 7). The schema itself is not re-checked: with
# jupyterlab's format validators installed, jsonschema rejects its definition names as URI references.
VEGALITE = jsonschema.Draft7Validator(SCHEMA)


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name, ROOT / "data") for name in ("events", "deployments", "documents", "cases")}


def spec_of(chart) -> dict:
    spec = chart.to_dict()
    VEGALITE.validate(spec)  # against Vega-Lite's own JSON schema
    json.dumps(spec, allow_nan=False)  # strict JSON: a NaN would break the kernel message and the page
    return spec


def units(spec: dict):
    """Every unit (single-view) spec inside a composition."""
    if "mark" in spec:
        yield spec
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from units(sub)


def params(spec: dict) -> dict:
    """Every param of a spec and of each of its parts (top level, layers and concatenations), by name."""
    found = {p["name"]: p for p in spec.get("params", [])}
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            found.update(params(sub))
    return found


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` (or ``#rgb``) colours, from 1 to 21."""

    def luminance(colour: str) -> float:
        if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})", colour):
            raise ValueError(f"contrast: {colour!r} is not a colour (expected #rrggbb or #rgb)")
        digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_theme_is_registered_and_colour_blind_safe():
    assert alt.theme.active == "book"
    config = alt.theme.get()()["config"]
    category = config["range"]["category"]
    assert len(category) >= 8 and len(set(category)) == len(category), "eight distinct colours for categorical data"
    # Every chart is a card of white paper in the site's light and dark modes alike.
    assert config["background"] == charts.theme.PAPER
    # WCAG 1.4.11: every palette and category colour has 3:1 against the paper; chart text 4.5:1.
    for colour in [*category, *charts.CATEGORY_COLOURS.values(), *charts.WORD_COLOURS.values(), charts.theme.GREY]:
        assert contrast(colour, charts.theme.PAPER) >= 3, colour
    for ink in (config["axis"]["labelColor"], config["legend"]["labelColor"], config["title"]["color"]):
        assert contrast(ink, charts.theme.PAPER) >= 4.5, ink
    sizes = [config["axis"]["labelFontSize"], config["legend"]["labelFontSize"], config["text"]["fontSize"],
             config["title"]["subtitleFontSize"], config["header"]["labelFontSize"]]  # fmt: skip
    assert min(sizes) >= 12
    # Distinct shapes for categories that share a colour, so colour is never the only cue.
    by_colour = {}
    for colour, shape in charts.CATEGORY_STYLE.values():
        by_colour.setdefault(colour, []).append(shape)
    assert all(len(shapes) == len(set(shapes)) for shapes in by_colour.values())


def test_contrast_ratio():
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert contrast("#fff", "#ffffff") == 1.0
    assert 4.5 < contrast("#767676", "#fff") < 4.6  # the WCAG AA grey
    with pytest.raises(ValueError, match="not a colour"):
        contrast("red", "#fff")


def test_timeline_spec(tables):
    chart = charts.timeline(
        tables["events"], case="rwanda", start="1993-08", end="1994-07", annotate=["rw-1994-04-21-res-912"]
    )
    spec = spec_of(chart)
    assert spec["description"].startswith("Timeline of ") and "Rwanda" in spec["description"]
    found = params(spec)
    assert found["zoom"]["select"]["type"] == "interval"
    assert found["pick"]["bind"]["input"] == "select"
    # The Known-by menu offers dates (each day something became known), labelled as people write them.
    known = found["known_by"]
    assert known["bind"]["input"] == "select"
    assert known["value"] == known["bind"]["options"][-1] == "1994-07-31"
    assert known["bind"]["options"] == sorted(known["bind"]["options"])
    assert "7 April 1994" in known["bind"]["labels"] and "days" not in known["bind"]["name"]
    marks = [u for u in units(spec) if u["mark"]["type"] == "point" and "tooltip" in u.get("encoding", {})]
    assert marks, "no event marks with tooltips"
    tips = [t["field"] for t in marks[0]["encoding"]["tooltip"]]
    assert {"title", "when", "actor", "description", "cite"} <= set(tips)
    dataset = next(iter(spec["datasets"].values()))
    # Marks sit inside the window; a date known only to the year spans the days it can mean, clipped to it.
    assert all("1993-08-01" <= row["lo"] <= row["at"] <= row["hi"] <= "1994-07-31" for row in dataset if "title" in row)
    imprecise = {row["id"]: (row["precise"], row["lo"], row["hi"]) for row in dataset if "id" in row}
    assert imprecise["rw-1993-08-arusha-accords"] == (False, "1993-08-01", "1993-08-31")
    assert imprecise["rw-1994-04-21-res-912"][0] is True
    whens = {row["id"]: row["when"] for row in dataset if "id" in row}
    assert whens["rw-1994-04-21-res-912"] == "21 April 1994"
    assert whens["rw-1993-08-arusha-accords"] == "August 1993"  # precision kept, no invented day


def test_timeline_without_slider_and_by_actor(tables):
    spec = spec_of(charts.timeline(tables["events"], case="rwanda", lanes="actor", slider=False))
    assert "known_by" not in params(spec)
    lanes = [u["encoding"]["y"] for u in units(spec) if u.get("encoding", {}).get("y", {}).get("field") == "lane"]
    assert lanes and lanes[0]["axis"]["labelExpr"] == charts.annotate.LINES  # long actor names wrap, never cut
    rows = [r for r in next(iter(spec["datasets"].values())) if "actor" in r]
    assert all(r["lane"] == charts.annotate.wrap(r["actor"], 24) for r in rows)


def test_strength_spec(tables):
    chart = charts.strength(tables["deployments"], "UNAMIR", documents=tables["documents"], end="1994-07-31")
    spec = spec_of(chart)
    lines = [u for u in units(spec) if u["mark"]["type"] == "line"]
    assert lines and lines[0]["mark"]["interpolate"] == "step-after"
    assert lines[0]["encoding"]["color"]["field"] == "series"
    labels = {row.get("label") for ds in spec["datasets"].values() for row in ds}
    assert {"S/RES/872 (1993)", "S/RES/912 (1994)", "S/RES/918 (1994)"} <= labels
    assert "authorised 270 from 21 April 1994" in spec["description"]


def test_compare_cases(tables):
    gaps = case_gaps(tables["events"], tables["cases"], ["rwanda"])
    assert list(gaps["milestone"]) == list(milestones.MILESTONES)
    warning = gaps[gaps["milestone"] == "warning"].iloc[0]
    assert warning["days"] < 0, "Rwanda was warned before the genocide began"
    spec = spec_of(charts.compare_cases(tables["events"], tables["cases"], ["rwanda"]))
    assert "Cases aligned on their onset" in spec["description"]
    assert any(u.get("encoding", {}).get("text", {}).get("field") == "days_text" for u in units(spec))


def test_warned_and_done(tables):
    rwanda = tables["events"][tables["events"]["case"] == "rwanda"]
    spec = spec_of(charts.warned_and_done(rwanda, "1994-04-21"))
    rows = next(iter(spec["datasets"].values()))
    done_by = {r["title"]: r["status"] for r in rows}
    assert done_by["Resolution 912 cuts UNAMIR's authorised strength to 270"] == "happened by then"
    assert done_by["Resolution 918 agrees to enlarge UNAMIR"] == "still to come"
    # Dated only "August 1993": it cannot be counted by 20 August, only once August is over.
    august = spec_of(charts.warned_and_done(rwanda, "1993-08-20", acted=("decision", "refusal")))
    status = {r["title"]: r["status"] for r in next(iter(august["datasets"].values()))}
    assert status["Arusha Accords signed"] == "still to come"
    assert done_by["Dallaire learns of an extermination plan"] == "happened by then"


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda t: charts.timeline(t["events"], case="bosnia"), "unknown case 'bosnia'"),
        (
            lambda t: charts.timeline(t["events"], case="rwanda", start="1994-07", end="1994-04"),
            "ends (1994-04) before it starts (1994-07)",
        ),
        (lambda t: charts.timeline(t["events"], case="rwanda", start="1994-02-30"), "is not a real calendar date"),
        (lambda t: charts.timeline(t["events"].iloc[0:0]), "events is empty"),
        (lambda t: charts.timeline(t["events"], lanes="colour"), "lanes='colour' is not a lane choice"),
        (
            lambda t: charts.timeline(t["events"], case="rwanda", annotate=["no-such-event"]),
            "no event with id 'no-such-event'",
        ),
        (lambda t: charts.strength(t["deployments"], "MONUC"), "unknown mission 'MONUC' (expected one of "),
        (lambda t: charts.timeline("events.csv"), "must be a pandas DataFrame"),
        (lambda t: charts.compare_cases(t["events"], t["cases"], ["bosnia"]), "unknown case 'bosnia'"),
        (lambda t: widgets.warned_and_done(t["events"], "rwanda", date="2020-01-01"), "lies outside the slider's span"),
        (
            lambda t: widgets.event_explorer(t["events"], "rwanda", categories=["gossip"]),
            "not among this case's events",
        ),
    ],
)
def test_bad_arguments_raise_clear_errors(tables, call, message):
    with pytest.raises((ValueError, TypeError)) as info:
        call(tables)
    assert message in str(info.value)


# One example call per chart builder: a builder added to charts.__all__ without one fails below.
EXAMPLES = {
    "timeline": lambda t: charts.timeline(t["events"], case="rwanda", start="1993-08", end="1994-07"),
    "strength": lambda t: charts.strength(
        t["deployments"], "UNAMIR", documents=t["documents"], start="1994-04", end="1994-07"
    ),
    "warned_and_done": lambda t: charts.warned_and_done(t["events"][t["events"]["case"] == "rwanda"], "1994-04-21"),
    "compare_cases": lambda t: charts.compare_cases(t["events"], t["cases"]),
    "ranges": lambda t: charts.ranges(data.load("figures", ROOT / "data").head(4)),
    "positions": lambda t: charts.positions(data.load("readings", ROOT / "data"), case="cambodia"),
    "convention_articles": lambda t: charts.convention_articles(
        data.load("provisions", ROOT / "data"), t["events"], data.load("links", ROOT / "data")
    ),
    "definition_elements": lambda t: charts.definition_elements(data.load("readings", ROOT / "data")),
    "locator_map": lambda t: charts.locator_map("rwanda"),
    "findings": lambda t: charts.findings(data.load("readings", ROOT / "data").query("case == 'darfur'")),
    "trilateral": lambda t: charts.trilateral(data.load("readings", ROOT / "data"), t["events"]),
    "trilateral_interactions": lambda t: charts.trilateral_interactions(
        data.load("readings", ROOT / "data"), t["events"], ["cambodia", "rwanda"]
    ),
    "risk_profile": lambda t: charts.risk_profile(
        data.load("readings", ROOT / "data"), t["events"], case="car", as_of="2014-06-30"
    ),
}


@once_per_process
def example_spec(name: str) -> dict:
    """EXAMPLES[name]'s spec (the wide chart carrying its narrow form), validated: test_narrow, test_chart_words
    and the tests here share it."""
    tables = {table: data.load(table, ROOT / "data") for table in ("events", "deployments", "documents", "cases")}
    return spec_of(EXAMPLES[name](tables))


def drawn_ids(spec: dict) -> set[str]:
    """The ids of the table rows a chart draws (every dataset row that carries an id)."""
    return {str(row["id"]) for rows in spec.get("datasets", {}).values() for row in rows if row.get("id") is not None}


def test_every_builder_has_an_example():
    assert set(charts.__all__) == set(EXAMPLES), "give each chart builder an example call in EXAMPLES"


@pytest.mark.xdist_group("test_narrow")  # with test_narrow, which reads the same drawings
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_chart_carries_its_data_table(name):
    spec = example_spec(name)
    table = spec["usermeta"]["book"]["table"]
    assert table["summary"] and table["columns"] and table["rows"]
    assert all(len(row) == len(table["columns"]) for row in table["rows"])
    assert len(table["rows"]) == len(drawn_ids(spec)), "one table row per row the chart is drawn from"
    assert set(table["ids"]) == drawn_ids(spec)
    from helpers.tables import table_html

    html = table_html(spec)
    assert html.startswith("<details class='chart-data'") and html.count("<tr>") == len(table["rows"]) + 1


def test_with_table_names_a_missing_column(tables):
    with pytest.raises(ValueError, match="no column"):
        with_table(alt.Chart(), tables["events"], {"colour": "Colour"}, "x")


def test_strength_keeps_the_value_in_force_when_the_window_opens(tables):
    """Cut at April 1994, UNAMIR's authorised 2,548 (October 1993) still holds until Resolution 912."""
    spec = spec_of(
        charts.strength(tables["deployments"], "UNAMIR", documents=tables["documents"], start="1994-04", end="1994-07")
    )
    rows = [r for ds in spec["datasets"].values() for r in ds if r.get("series") == "authorised"]
    opening = [r for r in rows if r["start"] == "1994-04-01"]
    assert [r["strength"] for r in opening] == [2548], rows
    labels = {row.get("label") for ds in spec["datasets"].values() for row in ds}
    assert "S/RES/872 (1993)" not in labels, "a document adopted before the window is not drawn inside it"
    assert "S/RES/912 (1994)" in labels


# Explorers whose static rendering test_narrow reads too (one xdist group: one process renders each once).
EXPLORERS = {
    "event_explorer": lambda events: widgets.event_explorer(events, "rwanda"),
    "warned_and_done": lambda events: widgets.warned_and_done(events, "rwanda", date="1994-04-21"),
}


@once_per_process
def explorer_bundle(name: str) -> dict:
    """The explorer's display bundle (live view and static rendering)."""
    return EXPLORERS[name](data.load("events", ROOT / "data"))._repr_mimebundle_()


@pytest.mark.xdist_group("test_narrow")
@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_widgets_carry_a_static_rendering(name):
    bundle = explorer_bundle(name)
    assert "application/vnd.jupyter.widget-view+json" in bundle, "live in a kernel"
    static = bundle["text/html"]
    assert 'class="vega-chart"' in static and "live-note" in static and "Binder" in static
    assert "Dropdown(" not in static and "Slider(" not in static
    assert "Dropdown(" not in bundle["text/plain"] and "Slider(" not in bundle["text/plain"]
    # The static rendering is the view for the default values: its spec validates too.
    spec = json.loads(static.split('type="application/json"', 1)[1].split(">", 1)[1].split("</script>", 1)[0])
    VEGALITE.validate(spec)


def test_widget_redraws_when_a_control_changes(tables):
    view = widgets.warned_and_done(tables["events"], "rwanda", date="1994-04-21")
    before = view.static_html()
    drawn = []
    original = view.view
    view.view = lambda **values: drawn.append(values) or original(**values)
    first_day = view.controls["by"].options[0][1]
    view.controls["by"].value = first_day
    assert drawn == [{"by": first_day}], "changing the control redraws the view with its new value"
    after = view.static_html()
    assert before != after and "By " in after
    spec = original(by=first_day).to_dict()
    assert " ".join(spec["title"]["text"]).startswith("By ")


def test_ranges_show_floors_as_open_ranges(tables):
    figures = data.load("figures", ROOT / "data")
    tolls = figures[figures["measure"] == "killed"].head(4)
    spec = spec_of(charts.ranges(tolls))
    rows = {r["id"]: r for r in next(iter(spec["datasets"].values()))}
    floor = rows["rw-1994-genocide-killed-maddox"]
    assert floor["open"] is True and floor["range_text"] == "more than 800,000"
    assert floor["who"] == "Maddox 2015, n. 63"
    assert "Estimates as ranges" in spec["description"]


def test_word_thread_is_coloured_by_usage_without_a_category_menu(tables):
    word = data.tagged(tables["events"], "word")
    assert set(word["word"]) == {"used", "hedged", "avoided"}
    spec = spec_of(charts.timeline(word, lanes="actor", colour="word", slider=False))
    assert "pick" not in params(spec)
    assert any(u.get("encoding", {}).get("color", {}).get("field") == "word" for u in units(spec))
    with pytest.raises(ValueError, match="missing the column"):
        charts.timeline(tables["events"], colour="word")


def test_options_on_the_table(tables):
    from helpers.widgets.options import links_of, options_on_record

    provisions = data.load("provisions", ROOT / "data")
    links = pd.DataFrame(
        {
            "provision": ["art-iii-c", "art-iii-c", "art-viii", "art-viii"],
            "event": [
                "rw-1993-08-ndiaye-report",
                "rw-1994-rtlm-not-silenced",
                "rw-1994-05-17-res-918",
                "kh-1978-12-25-vietnamese-invasion",
            ],
        }
    )
    view = widgets.options_on_the_table(provisions, tables["events"], links, "rwanda", date="1994-04-21")
    static = view._repr_mimebundle_()["text/html"]
    assert "Article III(c)" in static and "nothing yet" in static and "Binder" in static
    rwanda = tables["events"][tables["events"]["case"] == "rwanda"]
    assert "kh-1978-12-25-vietnamese-invasion" not in links_of(links, rwanda)["art-viii"], (
        "another case's pair is left out"
    )
    table = options_on_record(provisions, tables["events"], links_of(links, rwanda), pd.Timestamp("1994-05-31"))
    assert [len(r) for r in table["on_record"]] == [2, 1]  # III(c): the report of 1993, RTLM left on air from 7 April
    with pytest.raises(ValueError, match="unknown provisions"):
        options_on_record(provisions, tables["events"], {"art-xx": []}, pd.Timestamp("1994-05-31"))


def test_an_empty_window_draws_a_figure_that_says_so(tables):
    """No traceback and no if/else cell: the builder says what is missing, with the window."""
    chart = charts.timeline(tables["events"], case="rwanda", start="1800", end="1801").to_dict()
    assert chart["description"] == "No events in Rwanda in this window (1800 to 1801)."
    assert chart["mark"]["type"] == "text"
    strength = charts.strength(tables["deployments"], "UNAMIR", start="1800", end="1801").to_dict()
    assert "No UNAMIR strength figures in force in this window (1800 to 1801)" in strength["description"]
    none = charts.warned_and_done(tables["events"].iloc[0:0], "1994-04-21").to_dict()
    assert none["description"].startswith("Nothing to draw: no warnings")


def test_annotate_skips_ids_outside_the_window_and_rejects_unknown_ones(tables):
    spec = charts.timeline(
        tables["events"],
        case="rwanda",
        start="1994-04",
        end="1994-04",
        annotate=["rw-1994-04-21-res-912", "rw-1994-05-17-res-918"],
    ).to_dict()
    labels = [r.get("label") for ds in spec["datasets"].values() for r in ds if "top_row" in r]
    assert labels and all("918" not in label for label in labels)
    # A chapter passes only the rows of its window (ch.shown): an id of the book's events outside them is skipped.
    april = frames.in_window(tables["events"][tables["events"]["case"] == "rwanda"], "1994-04", "1994-04")
    assert "rw-1994-05-17-res-918" not in set(april["id"])
    spec = charts.timeline(april, start="1994-04", end="1994-04", annotate=["rw-1994-05-17-res-918"]).to_dict()
    assert not [r for ds in spec["datasets"].values() for r in ds if "top_row" in r]
    with pytest.raises(ValueError, match="no event with id 'rw-1994-99'"):
        charts.timeline(tables["events"], case="rwanda", annotate=["rw-1994-99"])


def test_quotes_come_from_the_data_with_attribution():
    md = text.quote("rw-hannay-laughing-stock", ROOT / "data").data
    assert "“laughing stock”" in md and "David Hannay" in md and "as quoted in {cite}`maddox2015`, n. 82" in md
    with pytest.raises(KeyError, match=r"no row with id 'nobody' in quotes\.csv"):
        text.quote("nobody", ROOT / "data")


def test_every_event_in_the_window_is_reachable_by_the_slider(tables):
    spec = spec_of(charts.timeline(tables["events"], case="rwanda", start="1993-08", end="1994-07"))
    dates = params(spec)["known_by"]["bind"]["options"]
    rows = [r for r in next(iter(spec["datasets"].values())) if "id" in r]
    hidden = [r["id"] for r in rows if r["by"] > dates[-1]]
    assert not hidden, f"events the Known-by menu can never show: {hidden}"
    # Each date on which something becomes known is on the menu (so each event can be the newest shown).
    assert {r["by"] for r in rows} <= set(dates)
