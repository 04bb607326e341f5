"""Every date control shows a date, not a day count: the live explorers' slider and the charts' Known-by menu."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import charts
from helpers.widgets.live import date_slider

DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")


def test_the_explorers_slider_reads_as_dates(events):
    slider = date_slider(events, "rwanda", "1994-04-21", start="1994-04", end="1994-06")
    labels = list(slider._options_labels)
    assert labels[0] == "1 April 1994" and labels[-1] == "30 June 1994"
    assert all(DATE.fullmatch(label) for label in labels)
    assert slider.label == "21 April 1994"
    with pytest.raises(ValueError, match="outside the slider's span"):
        date_slider(events, "rwanda", "1995-01-01", start="1994-04", end="1994-06")


def test_the_known_by_menu_offers_labelled_dates_in_order(events):
    spec = charts.timeline(events, case="cambodia").to_dict()
    known = next(p for p in spec["params"] if p["name"] == "known_by")["bind"]
    assert known["input"] == "select" and known["name"].strip() == "Known by"
    assert known["options"] == sorted(set(known["options"])) and all(DATE.fullmatch(x) for x in known["labels"])
    assert not any("day" in x for x in known["labels"])


@pytest.mark.parametrize("make", ["warned_and_done", "event_explorer"])
def test_explorers_without_a_window_open_on_the_cases_main_window(events, make):
    """Given no window (Make your own chart's default), an explorer shows the years around the case's
    violence (cases.csv: onset and end), not its whole record, where a few far-off events (1933, 2014)
    would crush the rest into a tenth of the axis."""
    from helpers import data, widgets

    cases = data.load("cases").set_index("case")
    first, last = widgets.main_window(events, "rwanda")
    onset = pd.Timestamp(cases.loc["rwanda", "onset"])
    assert first is not None and pd.Timestamp(first) <= onset <= pd.Timestamp(last) + pd.offsets.MonthEnd(0)
    view = getattr(widgets, make)(events, "rwanda")
    spec = view.view(**view.values()).to_dict()
    days = [pd.Timestamp(r["at"]) for ds in spec["datasets"].values() for r in ds if r.get("at")]  # where marks sit
    assert days, "the static view draws no dated marks"
    record = events[events["case"] == "rwanda"]
    whole = (record["date_last"].max() - record["start"].min()).days
    shown = (max(days) - min(days)).days
    assert shown < whole / 10, f"{make}: the default view spans {shown} days of the record's {whole}"
    assert min(days) >= pd.Timestamp(first) and max(days) <= pd.Timestamp(last) + pd.offsets.MonthEnd(0)
    for value in view.values().values():  # the "By" date is drawn as a rule: it must be inside too
        if isinstance(value, pd.Timestamp):
            assert pd.Timestamp(first) <= value <= pd.Timestamp(last) + pd.offsets.MonthEnd(0), value
    # A window given explicitly is kept; a case with no onset keeps its whole record.
    assert widgets.main_window(events, "convention") == (None, None)
    if make == "warned_and_done":
        return
    wide = getattr(widgets, make)(events, "rwanda", start="1933", end="2014")
    wide_spec = wide.view(**wide.values()).to_dict()
    wide_days = [pd.Timestamp(r["at"]) for ds in wide_spec["datasets"].values() for r in ds if r.get("at")]
    assert (max(wide_days) - min(wide_days)).days > shown


def test_a_live_views_heading_names_its_settings_in_words(events, readings):
    """The static heading gives the controls' settings as a reader would say them: no internal
    control ids, no "not marked" factors, no filters left at "All"."""
    from helpers import widgets

    risk = widgets.risk_reader(readings, events, "car", as_of="2014-01-15", start="2013-01", end="2015-12")
    heading = risk.static_html().split("</p>", 1)[0]
    assert "(by 15 January 2014)" in heading, heading
    assert not re.search(r"rf-\d|not marked|by: ", heading), heading
    first = next(iter(c for name, c in risk.controls.items() if name != "by"))
    first.value = "absent"
    assert "factor 1: absent" in risk.settings().lower(), risk.settings()
    explorer = widgets.event_explorer(events, "rwanda")
    heading = explorer.static_html().split("</p>", 1)[0]
    assert heading.endswith("Explore the events: Rwanda</strong>"), heading
    explorer.controls["actor"].value = explorer.controls["actor"].options[1]
    assert f"actor: {explorer.controls['actor'].options[1]}" in explorer.settings()
