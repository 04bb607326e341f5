"""The debate chart (charts.positions) and the statement explorer (widgets.statement_explorer)."""

from __future__ import annotations

import pandas as pd
import pytest
from test_charts import params, spec_of, units

from helpers import charts, widgets
from helpers.charts.debate import debate_rows


def test_positions_spec_validates_with_a_bloc_menu_and_tooltips(readings):
    spec = spec_of(charts.positions(readings, case="cambodia"))
    assert "book's reading" in spec["description"]
    menus = [p for p in params(spec).values() if p.get("bind", {}).get("input") == "select"]
    assert menus and menus[0]["select"]["fields"] == ["bloc"], "a bloc menu bound to a selection"
    titles = {t["title"] for unit in units(spec) for t in unit.get("encoding", {}).get("tooltip", [])}
    assert {"In their words", "Source", "Coded by"} <= titles


def test_every_debate_row_is_drawn_once(readings):
    rows = debate_rows(readings, "cambodia")
    expected = readings[(readings["case"] == "cambodia") & (readings["frame"] == "debate")]
    assert sorted(rows["id"]) == sorted(expected["id"])
    assert rows["who"].is_unique


def test_positions_rejects_a_table_without_the_columns():
    with pytest.raises(ValueError, match="readings"):
        charts.positions(pd.DataFrame({"id": ["x"]}))


def test_positions_rejects_a_case_without_debate_rows(readings):
    with pytest.raises(ValueError, match="frame=debate"):
        charts.positions(readings, case="darfur")


def test_positions_rejects_an_unknown_position(readings):
    bad = readings.copy()
    bad.loc[bad["frame"] == "debate", "position"] = "neutral"
    with pytest.raises(ValueError, match="expected one of sovereignty"):
        charts.positions(bad, case="cambodia")


def test_statement_explorer_is_a_live_view_with_a_static_table(readings):
    view = widgets.statement_explorer(readings, case="cambodia")
    assert isinstance(view, widgets.LiveView)
    html = view.static_html()
    assert "Portugal" in html and "Open this page in Binder" in html
    view.controls["speaker"].value = "Portugal"
    shown = view.view(**view.values())
    assert "China" not in shown._repr_html_()


def test_statement_explorer_rejects_an_unknown_case(readings):
    with pytest.raises(ValueError):
        widgets.statement_explorer(readings, case="atlantis")
