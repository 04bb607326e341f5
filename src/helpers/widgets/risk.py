"""Read the risk like the UN: mark each risk factor of the Framework of Analysis yourself and see your
profile beside the book's, with the evidence on record by a date."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers.charts.risk import NOT_MARKED, positions, risk_profile, risk_table
from helpers.dates import iso
from helpers.widgets.live import LiveView, date_slider


def risk_reader(
    readings: pd.DataFrame,
    events: pd.DataFrame,
    case: str,
    as_of: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> LiveView:
    """Read the risk like the UN: mark each risk factor of the Framework of Analysis
    (present, unclear or absent, with a note of your own) and see your profile
    beside the book's, with the evidence on record by the date on the slider.

    On the static page it shows the book's readings made by ``as_of`` (nothing is
    marked yet); in a kernel every mark and note redraws the grid. A date on the
    slider before the book's first reading shows that first reading. Raises a
    clear error for an unknown case or a case with no risk readings.
    """
    import ipywidgets as w

    _cases.check_case(case)
    every = risk_table(readings, events, case)  # checks the readings before any control is built
    first = every["reading_date"].min()
    book = every.drop_duplicates("topic")
    slider = date_slider(events, case, as_of, start, end)
    marks = {
        topic: w.Dropdown(
            options=[NOT_MARKED, *positions()], value=NOT_MARKED,
            description=f"Factor {number}", layout=w.Layout(width="230px"),
        )
        for topic, number in zip(book["topic"], book["number"])
    }  # fmt: skip
    notes = {topic: w.Text(placeholder="your evidence or reason", layout=w.Layout(width="360px")) for topic in marks}

    def view(by: pd.Timestamp, **marked: str) -> Any:
        mine = {t: (marked[t], notes[t].value) for t in marks if marked[t] != NOT_MARKED}
        shown = by if pd.isna(first) else max(by, first)
        return risk_profile(readings, events, case, as_of=iso(shown), compare=mine or None)

    live = LiveView({"by": slider, **marks}, view, f"Read the risk like the UN: {_cases.names()[case]}")
    rows = [
        w.HBox([marks[t], notes[t], w.HTML(f"<small>{html.escape(name)}</small>")])
        for t, name in zip(book["topic"], book["factor"])
    ]
    live.widget = w.VBox([w.HTML(f"<strong>{html.escape(live.title)}</strong>"), slider, *rows, live.output])
    for note in notes.values():
        note.observe(lambda _change: live.refresh(), names="value")
    return live
