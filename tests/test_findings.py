"""The 'two investigations, one definition' chart and the several-missions strength chart."""

from __future__ import annotations

import pytest
from test_charts import params, spec_of, units

from conftest import ROOT
from helpers import charts, data


@pytest.fixture(scope="module")
def readings():
    frame = data.load("readings", ROOT / "data")
    return frame[frame["case"] == "darfur"]


def test_findings_spec_has_a_bound_radio_control(readings):
    spec = spec_of(charts.findings(readings))
    control = params(spec)["reading"]
    assert control["bind"]["input"] == "radio"
    assert control["bind"]["options"] == ["in-part", "in-whole"]  # the vocabulary's order
    assert control["bind"]["labels"] == ["a substantial part is enough", "the whole group must be the target"]
    assert control["value"] == "in-part"
    rects = [u for u in units(spec) if u["mark"]["type"] == "rect"]
    assert rects and rects[0]["encoding"]["color"]["field"] == "status"
    assert "not a verdict" in spec["description"]


def test_findings_rows_follow_the_book_s_reading_in_the_data(readings):
    spec = spec_of(charts.findings(readings))
    rows = [r for ds in spec["datasets"].values() for r in ds if r.get("id") == "df-finding-coi-intent"]
    assert {(r["reading"], r["status"]) for r in rows} == {("in-part", "under strain"), ("in-whole", "supported")}
    act = [r for ds in spec["datasets"].values() for r in ds if r.get("id") == "df-finding-us-act"]
    assert {r["status"] for r in act} == {"unaffected"}, "a finding no finding-support row names is unaffected"
    table = spec["usermeta"]["book"]["table"]
    assert len(table["rows"]) == len(readings[readings["frame"] == "finding"])


def test_findings_needs_finding_rows_and_the_books_reading_of_them(readings):
    with pytest.raises(ValueError, match="no rows whose frame is 'finding'"):
        charts.findings(readings[readings["frame"] == "trilateral"])
    with pytest.raises(ValueError, match="no rows of frame 'finding-support'"):
        charts.findings(readings[readings["frame"] != "finding-support"])
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        charts.findings("readings.csv")


def test_strength_draws_several_missions():
    deployments = data.load("deployments", ROOT / "data")
    documents = data.load("documents", ROOT / "data")
    spec = spec_of(
        charts.strength(deployments, ["AMIS", "UNAMID"], documents=documents, start="2005-01", end="2008-12")
    )
    lines = [u for u in units(spec) if u["mark"]["type"] == "line"]
    assert lines[0]["encoding"]["color"]["field"] == "mission"
    assert lines[0]["encoding"]["strokeDash"]["field"] == "series"
    assert "UNAMID authorised 25,987 from 31 July 2007" in spec["description"]
    assert spec["usermeta"]["book"]["table"]["columns"][0] == "Mission"
    with pytest.raises(ValueError, match="unknown mission 'MINURCAT'"):
        charts.strength(deployments, ["AMIS", "MINURCAT"])
    with pytest.raises(ValueError, match="no mission given"):
        charts.strength(deployments, [])
