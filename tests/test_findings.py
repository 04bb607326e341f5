"""The 'two investigations, one definition' chart and the several-missions strength chart."""

from __future__ import annotations

import pytest
from test_charts import params, spec_of, units

from conftest import ROOT
from helpers import charts, data

SUPPORT = {
    "in part": {"df-finding-us-intent": "supported", "df-finding-coi-intent": "under strain"},
    "in whole": {"df-finding-us-intent": "under strain", "df-finding-coi-intent": "supported"},
}


@pytest.fixture(scope="module")
def readings():
    frame = data.load("readings", ROOT / "data")
    return frame[frame["case"] == "darfur"]


def test_findings_spec_has_a_bound_radio_control(readings):
    spec = spec_of(charts.findings(readings, SUPPORT, {"in part": "a part is enough", "in whole": "the whole group"}))
    control = params(spec)["reading"]
    assert control["bind"]["input"] == "radio"
    assert control["bind"]["options"] == ["in part", "in whole"]
    assert control["bind"]["labels"] == ["a part is enough", "the whole group"]
    assert control["value"] == "in part"
    rects = [u for u in units(spec) if u["mark"]["type"] == "rect"]
    assert rects and rects[0]["encoding"]["color"]["field"] == "status"
    assert "not a verdict" in spec["description"]


def test_findings_rows_follow_the_chosen_reading(readings):
    spec = spec_of(charts.findings(readings, SUPPORT))
    rows = [r for ds in spec["datasets"].values() for r in ds if r.get("id") == "df-finding-coi-intent"]
    assert {(r["reading"], r["status"]) for r in rows} == {("in part", "under strain"), ("in whole", "supported")}
    act = [r for ds in spec["datasets"].values() for r in ds if r.get("id") == "df-finding-us-act"]
    assert {r["status"] for r in act} == {"unaffected"}, "a finding the support map does not name is unaffected"
    table = spec["usermeta"]["book"]["table"]
    assert len(table["rows"]) == len(readings[readings["frame"] == "finding"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"support": {}}, "support must map each reading"),
        ({"support": {"in part": {"no-such-row": "supported"}}}, "not findings in the table: no-such-row"),
        ({"support": {"in part": {"df-finding-us-act": "proven"}}}, "unknown status(es) 'proven'"),
        ({"support": SUPPORT, "readings_labels": {"halfway": "x"}}, "readings_labels names reading(s) halfway"),
    ],
)
def test_findings_bad_arguments_raise_clear_errors(readings, kwargs, message):
    with pytest.raises(ValueError) as info:
        charts.findings(readings, **kwargs)
    assert message in str(info.value)


def test_findings_needs_finding_rows(readings):
    with pytest.raises(ValueError, match="no rows whose frame is 'finding'"):
        charts.findings(readings[readings["frame"] == "trilateral"], SUPPORT)
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        charts.findings("readings.csv", SUPPORT)


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
