"""The trilateral frame: the case-by-factor matrix, the interactions between factors, the parameter check."""

from __future__ import annotations

import pandas as pd
import pytest
from test_charts import spec_of

from helpers import charts
from helpers.charts.trilateral import interactions, trilateral_table
from helpers.frames import choose


def rows_of(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_matrix_has_one_cell_per_case_and_factor_with_its_evidence(readings, events):
    spec = spec_of(charts.trilateral(readings, events, ["cambodia", "rwanda", "darfur", "car"]))
    cells = {(r["case_name"], r["column"]): r for r in rows_of(spec)}
    assert len(cells) == 12, sorted(cells)
    rwanda = cells[("Rwanda", "Political interest")]
    assert rwanda["position_text"] == "weighed heavily" and rwanda["cite"] == "Maddox 2015, n. 88"
    assert "Resolution 912" in rwanda["evidence"], "the evidence names the events' titles, not only their ids"
    # The CAR's interest row is read under the one vocabulary (topic 'interest').
    assert ("Central African Republic", "Political interest") in cells
    # Whose reading travels with the cell: Cambodia's rows are the book's, declared as such.
    assert cells[("Cambodia", "State sovereignty")]["whose"] == "the book's reading"
    tips = {t["field"] for u in spec["layer"] for t in u["encoding"].get("tooltip", [])}
    assert {"summary", "whose", "cite", "evidence"} <= tips
    assert spec["params"][0]["bind"]["input"] == "select"


def test_every_line_of_cell_text_fits_its_cell(readings, events):
    spec = spec_of(charts.trilateral(readings, events))
    width = spec["width"] // 3
    for row in rows_of(spec):
        for line in (row["head"] + "\n" + row["body"]).split("\n"):
            assert 7 * len(line) <= width - 14, f"a line wider than its cell: {line!r}"
    texts = [u for u in spec["layer"] if u["mark"]["type"] == "text"]
    assert texts and all(u["mark"]["fontSize"] >= 12 for u in texts)


def test_cases_parameter_narrows_and_orders_the_rows(readings, events):
    spec = spec_of(charts.trilateral(readings, events, ["darfur", "rwanda"]))
    names = list(dict.fromkeys(r["case_name"] for r in rows_of(spec)))
    assert names == ["Darfur", "Rwanda"]


def test_interactions_show_unread_links_as_no_reading(readings, events):
    spec = spec_of(charts.trilateral_interactions(readings, events))
    cells = {(r["case_name"], r["column"]): r for r in rows_of(spec)}
    assert len(cells) == 4 * len(interactions())
    assert cells[("Darfur", "interest → sovereignty")]["position"] == "shown"
    assert cells[("Rwanda", "sovereignty → deficiencies")]["position"] == "no reading"
    assert cells[("Rwanda", "interest → sovereignty")]["whose"] == "the book's reading"


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda r, e: charts.trilateral(r, e, ["bosnia"]), "unknown case 'bosnia'"),
        (lambda r, e: charts.trilateral(r.iloc[0:0], e), "readings is empty"),
        (lambda r, e: charts.trilateral("readings.csv", e), "must be a pandas DataFrame"),
        (lambda r, e: charts.trilateral(r[r["frame"] == "risk"], e), "no trilateral readings"),
        (
            lambda r, e: charts.trilateral(r.assign(topic=r["topic"].replace("interest", "politics")), e),
            "unknown trilateral topic 'politics'",
        ),
        (
            lambda r, e: charts.trilateral(r.assign(position=r["position"].replace("high", "huge")), e),
            "position 'huge' (expected one of high, low, unclear",
        ),
        (lambda r, e: charts.trilateral(r, e[e["case"] != "rwanda"]), "which is not in the events given"),
        (lambda r, e: trilateral_table(r, e, kind="triangle"), "kind='triangle'"),
    ],
)
def test_bad_input_raises_a_clear_error(readings, events, call, message):
    with pytest.raises((ValueError, TypeError)) as info:
        call(readings, events)
    assert message in str(info.value)


def test_choose_checks_a_comma_separated_parameter():
    assert choose("rwanda, darfur,rwanda", ["cambodia", "rwanda", "darfur"], "cases") == ["rwanda", "darfur"]
    with pytest.raises(ValueError, match=r"cases: unknown value\(s\) 'bosnia' \(expected a comma-separated list of: "):
        choose("rwanda,bosnia", ["rwanda", "darfur"], "cases")
    with pytest.raises(ValueError, match="milestones is empty"):
        choose(" , ", ["warning"], "milestones")
    with pytest.raises(TypeError, match="must be a comma-separated string"):
        choose(3, ["warning"], "milestones")


def test_table_rows_match_the_readings(readings, events):
    table = trilateral_table(readings, events, ["darfur"], "interaction")
    expected = readings[(readings["case"] == "darfur") & readings["topic"].str.contains("-on-")]
    assert set(table["id"]) == set(expected["id"]) and not table.empty
    assert isinstance(table, pd.DataFrame)
