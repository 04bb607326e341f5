"""What every chart builder shares: argument checks, the columns people read,
mark positions for imprecise dates, JSON-safe records, and the text
alternative (the chart's rows as a table) that travels with each chart.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.dates import iso, label, window
from helpers.sources import citation


def require_table(frame: Any, name: str, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` if it is a non-empty DataFrame with ``columns``; a clear error otherwise."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (from helpers.data.load), got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} is missing the column(s) {', '.join(missing)} (expected a table loaded with helpers.data.load)"
        )
    if frame.empty:
        raise ValueError(
            f"{name} is empty: there is nothing to draw (expected at least one row; check the case and date window)"
        )
    return frame


def select_case(frame: pd.DataFrame, case: str | Sequence[str] | None) -> pd.DataFrame:
    """The rows of one case (or several); every case is checked, so a typo is an error, not an empty chart."""
    if case is None:
        return frame
    chosen = [case] if isinstance(case, str) else list(case)
    for c in chosen:
        _cases.check_case(c)
    return frame[frame["case"].isin(chosen)]


def in_window(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """The rows whose dates can fall inside the window (an imprecise date that overlaps it counts)."""
    first, last = window(start, end)
    keep = pd.Series(True, index=frame.index)
    if first is not None:
        keep &= frame["date_last"].fillna(frame["start"]) >= first if "date_last" in frame else frame["start"] >= first
    if last is not None:
        keep &= frame["start"] <= last
    return frame[keep]


def labelled(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with the columns charts show people: when, until, cite, case_name."""
    frame = table.copy()
    if "date" in frame:
        frame["when"] = frame["date"].map(label)
    if "end_date" in frame:
        frame["until"] = frame["end_date"].map(lambda d: label(d) if isinstance(d, str) else "")
    if "source" in frame:
        locators = frame["locator"] if "locator" in frame else [None] * len(frame)
        frame["cite"] = [citation(s, loc) for s, loc in zip(frame["source"], locators)]
    if "case" in frame:
        frame["case_name"] = frame["case"].map(_cases.names())
    return frame


def positions(frame: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Where each event's mark goes: ``lo``..``hi`` are the days its date can mean,
    clipped to the window; ``at`` is their middle; ``precise`` says the day is known."""
    frame = frame.copy()
    frame["lo"] = frame["start"].clip(lower=first)
    frame["hi"] = frame["date_last"].clip(upper=last)
    frame["at"] = frame["lo"] + (frame["hi"] - frame["lo"]) / 2
    frame["precise"] = frame["date_precision"] == "day"
    return frame


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return iso(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the columns a chart uses, dates as ISO strings and gaps as None (small, JSON-safe specs)."""
    out = frame[columns].copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    # Element by element: DataFrame.where(..., None) would turn a missing number back into NaN,
    # which is not JSON (kernels reject the message, and Vega-Lite would read it as a number).
    return out.astype(object).map(_json_value)


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


def case_phrase(case: str | Sequence[str] | None) -> str:
    if case is None:
        return ""
    chosen = [case] if isinstance(case, str) else list(case)
    return " in " + " and ".join(_cases.names()[c] for c in chosen)


# --------------------------------------------------------------------------
# The text alternative: every chart carries the rows it was drawn from
# --------------------------------------------------------------------------

TABLE_KEY = "book"  # the chart's usermeta key


def with_table(chart: Any, frame: pd.DataFrame, columns: dict[str, str], summary: str) -> Any:
    """``chart`` carrying its text alternative: the rows it was drawn from, as a table.

    ``columns`` maps columns of ``frame`` (after :func:`labelled`) to the headings
    people read. The table travels in the spec's ``usermeta``; the book's
    renderer writes it, collapsed, under the chart (:mod:`helpers.render`).
    Each row also keeps its ``id``, so that a test can match the table to the
    rows the chart draws.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"with_table: no column(s) {', '.join(missing)} (expected columns of the chart's rows)")
    rows = [[_text(r[c]) for c in columns] for _, r in frame.iterrows()]
    ids = [str(v) for v in frame["id"]] if "id" in frame else []
    table = {"summary": summary, "columns": list(columns.values()), "rows": rows, "ids": ids}
    table["key"] = hashlib.sha1(json.dumps(table, sort_keys=True).encode()).hexdigest()[:12]
    return chart.properties(usermeta={TABLE_KEY: {"table": table}})


def _text(value: Any) -> str:
    value = _json_value(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
