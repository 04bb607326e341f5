"""Explorers of a case's events in time: filter them on a timeline, or pick a date and set what had
been warned of against what had been done by then."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers import charts
from helpers.charts.theme import CATEGORY_ORDER
from helpers.dates import check_parameter, iso
from helpers.frames import in_window, require_table, select_case
from helpers.widgets.live import LiveView, date_slider


def main_window(events: pd.DataFrame, case: str, data_dir: Any = None) -> tuple[str | None, str | None]:
    """The window an explorer opens on when it is given none: the months of the case's events from a
    year before its onset to a year after its end (``data/cases.csv``; for a case with no end date,
    three years after the onset). A case with no onset in ``cases.csv`` (the Convention) keeps its
    whole record: ``(None, None)``."""
    from helpers.data.loading import load

    rows = load("cases", data_dir)
    rows = rows[rows["case"] == case]
    if rows.empty or not isinstance(rows.iloc[0]["onset"], str) or not rows.iloc[0]["onset"]:
        return None, None
    onset = check_parameter(rows.iloc[0]["onset"], f"cases.csv onset of {case}").first
    ending = rows.iloc[0]["end_date"]
    if isinstance(ending, str) and ending:
        last = check_parameter(ending, f"cases.csv end_date of {case}").last + pd.DateOffset(years=1)
    else:
        last = onset + pd.DateOffset(years=3)
    first = onset - pd.DateOffset(years=1)
    mine = select_case(require_table(events, "events", ["case", "start", "date_last"]), case)
    inside = mine[(mine["date_last"] >= first) & (mine["start"] <= last)]
    if inside.empty:
        return None, None
    return iso(max(inside["start"].min(), first))[:7], iso(min(inside["date_last"].max(), last))[:7]


def event_explorer(
    events: pd.DataFrame,
    case: str = "rwanda",
    start: str | None = None,
    end: str | None = None,
    categories: Sequence[str] | None = None,
) -> LiveView:
    """Filter a case's events by category and actor; see them on a timeline."""
    import ipywidgets as w

    _cases.check_case(case)
    if start is None and end is None:
        start, end = main_window(events, case)
    frame = in_window(
        select_case(require_table(events, "events", ["case", "category", "actor", "start"]), case),
        start,
        end,
    )
    present = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    chosen = list(categories) if categories is not None else present
    unknown = [c for c in chosen if c not in present]
    if unknown:
        raise ValueError(f"categories {unknown} not among this case's events (expected some of {', '.join(present)})")
    actors = ["All actors", *sorted(frame["actor"].dropna().unique())]
    controls = {
        "categories": w.SelectMultiple(
            options=present, value=tuple(chosen), description="Categories", rows=min(8, len(present))
        ),
        "actor": w.Dropdown(options=actors, value="All actors", description="Actor"),
    }

    def view(categories: Sequence[str], actor: str) -> Any:
        shown = frame[frame["category"].isin(categories)]
        if actor != "All actors":
            shown = shown[shown["actor"] == actor]
        return charts.timeline(shown, slider=False)  # no event left: the figure says so

    return LiveView(controls, view, f"Explore the events: {_cases.names()[case]}")


def warned_and_done(
    events: pd.DataFrame,
    case: str = "rwanda",
    date: str | None = None,
    warned: Sequence[str] = ("warning",),
    acted: Sequence[str] = ("decision", "deployment"),
    start: str | None = None,
    end: str | None = None,
) -> LiveView:
    """Pick a date: what had been warned of, against what had been done, by then.

    The slider and the chart run from ``start`` to ``end`` (give the chapter's window, so that
    every day is wide enough to pick with a mouse); by default over the case's main window
    (:func:`main_window`).
    """
    _cases.check_case(case)
    if start is None and end is None:
        start, end = main_window(events, case)
    slider = date_slider(events, case, date, start, end)
    frame = in_window(select_case(events, case), start, end)

    def view(by: pd.Timestamp) -> alt.Chart:
        return charts.warned_and_done(frame, by, warned=warned, acted=acted)

    return LiveView({"by": slider}, view, f"Warned of, and done: {_cases.names()[case]}")
