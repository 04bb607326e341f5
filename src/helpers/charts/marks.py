"""What every chart builder shares: mark positions for imprecise dates, time axes, the event
tooltip, the figure that says there is nothing to draw, and the text alternative (the chart's rows
as a table) that travels with each chart. Checking and filtering tables is :mod:`helpers.frames`.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.charts.layout import PADDING, WIDE, chars, width_of
from helpers.charts.speed import Frozen
from helpers.charts.theme import MUTED, WIDTH
from helpers.frames import json_value
from helpers.tables import TABLE_KEY


def positions(frame: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Where each event's mark goes: ``lo``..``hi`` are the days its date can mean,
    clipped to the window; ``at`` is their middle; ``precise`` says the day is known."""
    frame = frame.copy()
    frame["lo"] = frame["start"].clip(lower=first)
    frame["hi"] = frame["date_last"].clip(upper=last)
    frame["at"] = frame["lo"] + (frame["hi"] - frame["lo"]) / 2
    frame["precise"] = frame["date_precision"] == "day"
    return frame


# Each tick says what it marks: a year's first day "1994", a month's "May 1994", any other day "21 Apr".
# Vega picks the ticks (years, half-years, months, weeks, days) for the span shown, a zoom included, so a
# fixed format repeats itself ("1975 1975 1976" on half-year ticks); this one never names two ticks alike.
DATE_LABELS = (
    "date(datum.value) !== 1 ? timeFormat(datum.value, '%-d %b')"
    " : month(datum.value) === 0 ? timeFormat(datum.value, '%Y') : timeFormat(datum.value, '%b %Y')"
)


def axis_for(first: pd.Timestamp | None = None, last: pd.Timestamp | None = None) -> alt.Axis:
    """A time axis whose ticks never share a label. Given the span of a chart that does not zoom
    (``first`` to ``last``) over three years long, its ticks fall on years, at most about ten of them.

    Labels that would run past the axis's ends are hidden, not cut by the chart's edge."""
    extra = {}
    if first is not None and last is not None and (last - first).days > 3 * 365:
        years = (last - first).days / 365.25
        step = next((s for s in (1, 2, 5, 10, 20, 50) if years / s <= 10), 100)
        extra["tickCount"] = {"interval": "year", "step": step}
    return alt.Axis(labelExpr=DATE_LABELS, labelOverlap=True, labelSeparation=8, labelBound=True, **extra)


def event_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("until:N", title="Until"),
        alt.Tooltip("actor:N", title="Actor"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("cite:N", title="Source"),
    ]


def nothing_to_draw(message: str, height: int = 60, layout: str = WIDE) -> alt.Chart:
    """A figure that says, in its own words, why there is nothing to draw (an empty window, a case
    without such rows), so that a chapter needs no if/else around a builder. Narrow, the message is
    wrapped to the phone's column."""
    if layout == WIDE:
        chart = alt.Chart(alt.Data(values=[{"text": message}])).mark_text(
            align="left", baseline="middle", fontSize=13, color=MUTED, fontStyle="italic", x=0
        )
        return chart.encode(text="text:N").properties(width=WIDTH, height=height, description=message)
    width = width_of(layout)
    lines = textwrap.wrap(message, chars(width - 2 * PADDING, 7.5)) or [message]
    chart = alt.Chart(alt.Data(values=[{"text": lines}])).mark_text(
        align="left", baseline="top", fontSize=13, color=MUTED, fontStyle="italic", x=0, y=4, lineHeight=17
    )
    return chart.encode(text="text:N").properties(
        width=width, height=max(height, 17 * len(lines) + 8), description=message
    )


def case_phrase(case: str | Sequence[str] | None) -> str:
    if case is None:
        return ""
    chosen = [case] if isinstance(case, str) else list(case)
    return " in " + " and ".join(_cases.names()[c] for c in chosen)


# --------------------------------------------------------------------------
# The text alternative: every chart carries the rows it was drawn from
# --------------------------------------------------------------------------


def with_table(chart: Any, frame: pd.DataFrame, columns: dict[str, str], summary: str, note: str = "") -> Any:
    """``chart`` carrying its text alternative: the rows it was drawn from, as a table.

    ``columns`` maps columns of ``frame`` (after :func:`helpers.frames.with_display_columns`) to the headings
    people read. The table travels in the spec's ``usermeta``; the book's
    renderer writes it, collapsed, under the chart (:mod:`helpers.render`).
    Each row also keeps its ``id``, so that a test can match the table to the
    rows the chart draws. ``note`` says how to read the chart (its marks, colours and controls): it
    opens the table and ends the chart's description, so that a figure's caption can say its point.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"with_table: no column(s) {', '.join(missing)} (expected columns of the chart's rows)")
    rows = [[_text(r[c]) for c in columns] for _, r in frame.iterrows()]
    ids = [str(v) for v in frame["id"]] if "id" in frame else []
    table = {"summary": summary, "columns": list(columns.values()), "rows": rows, "ids": ids}
    if note:
        table["note"] = note
        described = getattr(chart, "description", None)
        chart = chart.properties(description=f"{described} {note}" if isinstance(described, str) else note)
    table["key"] = hashlib.sha1(json.dumps(table, sort_keys=True).encode()).hexdigest()[:12]
    return chart.properties(usermeta={TABLE_KEY: {"table": Frozen(table)}})  # copied and walked by Altair: no


def _text(value: Any) -> str:
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
