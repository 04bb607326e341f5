"""What a chart's title, description and axes say matches what it draws and counts."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_charts import example_spec, spec_of, tables, units  # noqa: F401 (the fixture)

from helpers import charts
from helpers.charts.marks import DATE_LABELS
from helpers.charts.warned import NOUNS, TITLE_CHARS
from helpers.milestones import MILESTONES


def _title(spec: dict) -> str:
    text = spec["title"]["text"]
    return " ".join(text) if isinstance(text, list) else text


CALLS = [  # the chapters' calls: case, date, warned, acted
    ("cambodia", "1978-04-21", ("information", "statement"), ("deliberation", "decision", "refusal")),
    ("rwanda", "1994-04-21", ("warning",), ("decision", "deployment")),
    ("darfur", "2004-09-09", ("warning", "investigation"), ("decision", "deployment", "legal")),
    ("car", "2014-01-15", ("warning",), ("decision", "deployment")),
]


@pytest.mark.parametrize("case, by, warned, acted", CALLS)
def test_warned_title_counts_and_names_the_categories_it_was_given(tables, case, by, warned, acted):  # noqa: F811
    events = tables["events"][tables["events"]["case"] == case]
    spec = spec_of(charts.warned_and_done(events, by, warned=warned, acted=acted))
    title = _title(spec)
    assert "(s)" not in title and all(len(line) <= TITLE_CHARS for line in spec["title"]["text"])
    counts = [
        int((events["category"].isin(cats) & (events["date_last"] <= pd.Timestamp(by))).sum())
        for cats in (warned, acted)
    ]
    for n, cats in zip(counts, (warned, acted)):
        words = [NOUNS[c][0 if n == 1 else 1] for c in cats]
        assert f"{n if n else 'no'} {words[0]}" in title, f"{title!r} should count {n} {cats}"
        assert all(w in title for w in words), f"{title!r} should name every category counted: {words}"
    # "warning" only where the conclusion's milestone means it: rows of the category warning.
    warning_rows = set(MILESTONES["warning"].categories)
    if not warning_rows & set(warned):
        assert "warning" not in title.lower(), f"{title!r} calls other categories warnings"
    assert "warning" not in spec["description"].lower() or warning_rows & set(warned)


def test_strength_description_names_only_the_series_drawn(tables):  # noqa: F811
    deployments = tables["deployments"]
    for mission in sorted(deployments["mission"].dropna().unique()):
        spec = spec_of(charts.strength(deployments, mission))
        drawn = set(deployments.loc[deployments["mission"] == mission, "series"])
        assert ("deployed" in spec["description"]) == ("deployed" in drawn), (mission, spec["description"])
        colour = next(u["encoding"]["color"] for u in units(spec) if "color" in u.get("encoding", {}))
        assert set(colour["scale"]["domain"]) == drawn & {"authorised", "deployed"}, mission


def test_time_axes_name_each_tick_once(tables):  # noqa: F811
    """A fixed "%Y" on half-year ticks reads "1975 1975 1976": time axes label each tick by what it marks."""
    events = tables["events"][tables["events"]["case"] == "cambodia"]
    built = [
        charts.warned_and_done(events, "1978-04-21", warned=("information",), acted=("decision",)),
        charts.timeline(events),
        charts.strength(tables["deployments"], "UNAMIR"),
    ]
    for chart in built:
        encodings = [u.get("encoding", {}).get("x", {}) for u in units(spec_of(chart))]
        axes = [x["axis"] for x in encodings if x.get("type") == "temporal" and x.get("axis")]
        assert axes, "expected a time axis"
        for axis in axes:
            assert "format" not in axis and axis.get("labelExpr") == DATE_LABELS and axis.get("labelBound"), axis
    assert re.search(r"'%Y'.*'%b %Y'", DATE_LABELS) and "'%-d %b'" in DATE_LABELS
    # A chart that does not zoom, over years: ticks on years, so each is labelled by its year alone.
    years = charts.warned_and_done(events, "1978-04-21", warned=("information",), acted=("decision",))
    ticks = [
        x["axis"]["tickCount"]
        for u in units(spec_of(years))
        for x in [u.get("encoding", {}).get("x", {})]
        if x.get("axis")
    ]
    assert ticks and all(t["interval"] == "year" and t["step"] >= 1 for t in ticks), ticks


def test_zoomed_timeline_marks_stay_inside_the_plot(tables):  # noqa: F811
    """A brush zoom moves marks past the plot's edges: every event mark of the detail view is clipped to it."""
    events = tables["events"][tables["events"]["case"] == "rwanda"]
    spec = spec_of(charts.timeline(events, start="1993-08", end="1994-07"))
    zoomed = [
        u for u in units(spec) if isinstance(u.get("mark"), dict) and u["encoding"].get("x", {}).get("scale", {}).get("domain")
        == {"param": "zoom"} and u["mark"]["type"] in ("point", "rule") and u["mark"].get("opacity") != 0
    ]  # fmt: skip
    assert zoomed and all(u["mark"].get("clip") for u in zoomed), [u["mark"] for u in zoomed]


@pytest.mark.xdist_group("test_narrow")  # shares test_charts' drawing with test_narrow
def test_articles_chart_keeps_one_padded_domain():
    """Picking one article must not shrink the time axis onto its few events (they piled up at the edge)."""
    spec = example_spec("convention_articles")
    xs = [u["encoding"]["x"] for u in units(spec) if u.get("encoding", {}).get("x", {}).get("field") == "at"]
    domains = [x.get("scale", {}).get("domain") for x in xs]
    assert domains and all(isinstance(d, list) and len(d) == 2 for d in domains), domains
    days = sorted(r["at"] for rows in spec["datasets"].values() for r in rows if r.get("at"))
    assert domains[0][0] < days[0] and domains[0][1] > days[-1], (domains, days[0], days[-1])


@pytest.mark.xdist_group("test_narrow")  # shares test_charts' drawing with test_narrow
def test_articles_legend_sits_right_under_the_events():
    """A Vega legend in the vconcat went under the room kept for an article's text, ~130 px below the marks."""
    spec = example_spec("convention_articles")
    titles = [(part.get("title") or {}) for part in spec["vconcat"]]
    titles = [t.get("text", t) if isinstance(t, dict) else t for t in titles]
    assert titles.index("Kind of event") == titles.index("Events that bear on it, by case") + 1, titles
    assert not any(
        enc.get("legend", False) is not None for u in units(spec) for k, enc in u.get("encoding", {}).items()
        if k in ("color", "shape") and isinstance(enc, dict) and "field" in enc
    ), "no Vega legend: it would be drawn under the article's text"  # fmt: skip


def test_warned_title_wraps_any_choice_of_categories(tables):  # noqa: F811
    """The explorer lets a reader pick many categories: the title still fits beside the menu button."""
    events = tables["events"][tables["events"]["case"] == "rwanda"]
    many = ("warning", "investigation", "statement", "information")
    spec = spec_of(
        charts.warned_and_done(events, "1994-04-21", warned=many, acted=("decision", "deployment", "legal", "refusal"))
    )
    lines = spec["title"]["text"]
    assert len(lines) > 2 and all(len(line) <= TITLE_CHARS for line in lines), lines
