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


def test_risk_table_lists_the_ten_factors_in_order_with_their_evidence(tables):
    table = risk_table(tables["readings"], tables["events"], case="car")
    assert list(table["number"]) == list(range(1, 11))
    assert set(table["position"]) <= set(charts.risk.positions())
    assert table.loc[table["topic"] == "rf-10", "group"].item() == "genocide"
    assert "Séléka overthrows President Bozizé" in table.loc[table["topic"] == "rf-1", "evidence"].item()


def test_evidence_after_as_of_is_held_back_and_counted(tables):
    early = risk_table(tables["readings"], tables["events"], case="car", as_of="2014-01-15")
    rf10 = early.loc[early["topic"] == "rf-10", "evidence"].item()
    assert rf10.startswith("none on record by then") and "later" in rf10
    late = risk_table(tables["readings"], tables["events"], case="car", as_of="2015-12-31")
    assert "later" not in late.loc[late["topic"] == "rf-10", "evidence"].item()


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
    assert len(table["rows"]) == 10 and "The book's reading" in table["columns"]


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
                pd.concat([t["readings"], t["readings"].query("topic == 'rf-1'").assign(id="x", topic="rf-11")]),
                case="car",
            ),
            "unknown risk factor(s) rf-11",
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
