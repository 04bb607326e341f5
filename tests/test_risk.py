"""The risk-factor reading (UN Framework of Analysis) and its live reader: specs that validate, clear errors."""

from __future__ import annotations

import pandas as pd
import pytest
from test_charts import spec_of, units

from conftest import ROOT
from helpers import charts, data, widgets
from helpers.charts.risk import risk_table


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name, ROOT / "data") for name in ("events", "readings")}


def test_risk_table_lists_the_fourteen_factors_in_order_with_their_evidence(tables):
    table = risk_table(tables["readings"], tables["events"], case="car", as_of="2014-01-15")
    assert list(table["number"]) == list(range(1, 15)), "all fourteen factors, not only the genocide ones"
    assert set(table["position"]) <= set(charts.risk.positions())
    groups = dict(zip(table["number"], table["group"]))
    assert (groups[10], groups[11], groups[14]) == ("genocide", "crimes-against-humanity", "war-crimes")
    assert "Séléka overthrows President Bozizé" in table.loc[table["topic"] == "rf-1", "evidence"].item()


def test_a_dated_reading_lists_only_the_evidence_on_record_by_its_date(tables):
    """A January reading is never made with December's knowledge: each reading's evidence stops at its own
    date, and as_of keeps only the readings made by then."""
    both = risk_table(tables["readings"], tables["events"], case="car")
    assert list(dict.fromkeys(both["reader"])) == ["The book, Jan 2014", "The book, Dec 2014"]
    events = tables["events"].set_index("id")
    for _, row in both.iterrows():
        for event_id in row["events"].split(";"):
            listed = events.loc[event_id, "title"] in row["evidence"]
            assert listed == (events.loc[event_id, "date_last"] <= row["reading_date"]), (row["id"], event_id)
    early = risk_table(tables["readings"], tables["events"], case="car", as_of="2014-06-30")
    assert set(early["reader"]) == {"The book, Jan 2014"}


def test_evidence_after_as_of_is_held_back_and_counted(tables):
    readings = tables["readings"].copy()
    readings.loc[readings["id"] == "car-risk-2014-12-rf-10", ["date", "start", "date_last"]] = [pd.NA, pd.NaT, pd.NaT]
    undated = risk_table(readings, tables["events"], case="car", as_of="2014-01-15")
    rf10 = undated.loc[undated["id"] == "car-risk-2014-12-rf-10", "evidence"].item()
    assert rf10.startswith("none on record by then") and "later" in rf10
    late = risk_table(readings, tables["events"], case="car", as_of="2015-12-31")
    assert "later" not in late.loc[late["id"] == "car-risk-2014-12-rf-10", "evidence"].item()


def test_an_as_of_before_every_reading_is_a_clear_error(tables):
    with pytest.raises(ValueError, match=r"no risk readings for case 'car' made by 1 June 2013"):
        risk_table(tables["readings"], tables["events"], case="car", as_of="2013-06-01")


def test_risk_profile_spec_with_a_readers_marks(tables):
    chart = charts.risk_profile(
        tables["readings"], tables["events"], case="car", as_of="2014-06-30",
        compare={"rf-1": "present", "rf-10": ("absent", "no proof of intent yet")},
    )  # fmt: skip
    spec = spec_of(chart)
    assert "factor_group" in {p["name"] for p in spec.get("params", [])}, "the group menu is Altair's own"
    rows = [r for ds in spec["datasets"].values() for r in ds]
    mine = [r for r in rows if r["reader"] == "Your reading"]
    assert {r["position"] for r in mine} == {"present", "absent", "not marked"}
    assert any(r["summary"] == "no proof of intent yet" for r in mine)
    assert all(r["id"] is None for r in mine), "a reader's marks are not rows of the data"
    assert any(u["mark"]["type"] == "text" for u in units(spec)), "each cell prints its reading, not colour alone"
    assert "1 present" in spec["description"]
    table = spec["usermeta"]["book"]["table"]
    assert len(table["rows"]) == 14 and "Whose reading" in table["columns"]
    menu = next(p for p in spec["params"] if p["name"] == "factor_group")["bind"]
    assert menu["labels"][0] == "all 14" and "war crimes (13-14)" in menu["labels"]


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda t: charts.risk_profile(t["events"]), "readings is missing the column(s)"),
        (lambda t: charts.risk_profile(t["readings"], case="bosnia"), "unknown case 'bosnia'"),
        (lambda t: charts.risk_profile(t["readings"], case="cambodia"), "no risk readings for case 'cambodia'"),
        (lambda t: charts.risk_profile(t["readings"], case="car", compare={"rf-99": "present"}), "unknown risk factor"),
        (
            lambda t: charts.risk_profile(t["readings"], case="car", compare={"rf-1": "likely"}),
            "expected one of present",
        ),
        (lambda t: charts.risk_profile(t["readings"], case="car", as_of="2014-02-30"), "not a real calendar date"),
        (
            lambda t: risk_table(
                pd.concat([t["readings"], t["readings"].query("topic == 'rf-1'").assign(id="x", topic="rf-15")]),
                case="car",
            ),
            "unknown risk factor(s) rf-15",
        ),
    ],
)
def test_bad_arguments_raise_clear_errors(tables, call, message):
    with pytest.raises((ValueError, TypeError)) as info:
        call(tables)
    assert message in str(info.value)


def test_risk_reader_is_a_live_view_with_a_static_rendering(tables):
    live = widgets.risk_reader(
        tables["readings"], tables["events"], "car", as_of="2014-01-15", start="2013-01", end="2015-12"
    )
    assert isinstance(live, widgets.LiveView)
    html = live.static_html()
    assert "Read the risk like the UN" in html and "vega-chart" in html and "Binder" in html
    live.controls["rf-4"].value = "absent"
    spec = live.view(**live.values()).to_dict()
    rows = [r for ds in spec["datasets"].values() for r in ds]
    assert any(r["reader"] == "Your reading" and r["position"] == "absent" for r in rows)


def test_the_readers_slider_before_the_books_first_reading_shows_that_reading(tables):
    live = widgets.risk_reader(
        tables["readings"], tables["events"], "car", as_of="2013-06-01", start="2013-01", end="2015-12"
    )
    spec = live.view(**live.values()).to_dict()
    readers = {r["reader"] for ds in spec["datasets"].values() for r in ds}
    assert readers == {"The book, Jan 2014"}, readers
    assert len(live.controls) == 15, "a slider and one menu per factor, not one per reading"
