"""charts.strength with several missions: one chart, one colour per mission, one table."""

from __future__ import annotations

import pytest
from test_charts import spec_of, units

from conftest import ROOT
from helpers import charts, data


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name, ROOT / "data") for name in ("deployments", "documents")}


def test_several_missions_share_one_chart_with_one_table(tables):
    missions = ["MISCA", "Sangaris", "MINUSCA"]
    spec = spec_of(
        charts.strength(tables["deployments"], missions, documents=tables["documents"], start="2013-01", end="2015-12")
    )
    lines = [u for u in units(spec) if u["mark"]["type"] == "line"]
    assert lines and lines[0]["encoding"]["color"]["field"] == "mission"
    assert lines[0]["encoding"]["color"]["scale"]["domain"] == missions, "one colour per mission"
    assert lines[0]["encoding"]["strokeDash"]["field"] == "series", "authorised and deployed told apart by the dash"
    table = spec["usermeta"]["book"]["table"]
    assert table["columns"][0] == "Mission" and {row[0] for row in table["rows"]} == set(missions)
    labels = {row.get("label") for ds in spec["datasets"].values() for row in ds}
    assert {"S/RES/2149 (2014)", "S/RES/2212 (2015)"} <= labels
    # The table names documents as the tooltips do, by symbol, never by the data's ids.
    column = table["columns"].index("Document")
    named = {row[column] for row in table["rows"] if row[column]}
    ids = set(tables["documents"]["id"])
    assert "S/RES/2149 (2014)" in named and not named & ids, named
    for m in missions:
        assert f"{m} authorised" in spec["description"] or f"{m} deployed" in spec["description"]


def test_one_mission_still_draws_as_before(tables):
    spec = spec_of(charts.strength(tables["deployments"], "MINUSCA", documents=tables["documents"]))
    assert "vconcat" not in spec and "MINUSCA strength" in spec["description"]
    lines = [u for u in units(spec) if u["mark"]["type"] == "line"]
    assert lines[0]["encoding"]["color"]["field"] == "series"


@pytest.mark.parametrize(
    "missions,message",
    [(["MISCA", "MONUC"], "unknown mission 'MONUC'"), ([], "no mission given")],
)
def test_bad_missions_raise_clear_errors(tables, missions, message):
    with pytest.raises(ValueError, match=message):
        charts.strength(tables["deployments"], missions)
