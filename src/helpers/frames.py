"""Working with the book's tables as pandas frames: checks, filters, the columns people read,
JSON-safe records, and a checked comma-separated parameter.

Charts, explorers and the chapter preamble all use these; none of them draws anything, so a
chapter or an explorer that filters a table does not load the chart package.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers.dates import iso, label, window
from helpers.sources import citation


def require_table(frame: Any, name: str, columns: Iterable[str], allow_empty: bool = False) -> pd.DataFrame:
    """``frame`` if it is a DataFrame with ``columns`` (and, unless ``allow_empty``, a row); a clear error otherwise."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (from helpers.data.load), got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} is missing the column(s) {', '.join(missing)} (expected a table loaded with helpers.data.load)"
        )
    if frame.empty and not allow_empty:
        raise ValueError(
            f"{name} is empty: there is nothing to draw (expected at least one row; check the case and date window)"
        )
    return frame


def select_case(frame: pd.DataFrame, case: str | Sequence[str] | None) -> pd.DataFrame:
    """The rows of one case (or several); every case is checked, so a typo is an error, not an empty chart."""
    if case is None:
        return frame
    chosen = _cases.check_cases(case)
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


def window_phrase(start: str | None, end: str | None) -> str:
    """A window as its parameters give it: ``1994-08 to 1994-09``, ``the beginning to 1994``."""
    return f"{start or 'the beginning'} to {end or 'the end'}"


def citations(frame: pd.DataFrame) -> list[str]:
    """Each row's source and locator as people read them (``Maddox 2015, n. 81``)."""
    locators = frame["locator"] if "locator" in frame else [None] * len(frame)
    return [citation(s, loc) for s, loc in zip(frame["source"], locators)]


def with_display_columns(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with the columns charts show people: ``when`` and ``until`` (dates at their precision),
    ``cite`` (the short citation) and ``case_name``."""
    frame = table.copy()
    if "date" in frame:
        frame["when"] = frame["date"].map(label)
    if "end_date" in frame:
        frame["until"] = frame["end_date"].map(lambda d: label(d) if isinstance(d, str) else "")
    if "source" in frame:
        frame["cite"] = citations(frame)
    if "case" in frame:
        frame["case_name"] = frame["case"].map(_cases.names())
    return frame


def json_value(value: Any) -> Any:
    """A cell as JSON has it: gaps as None, timestamps as ISO dates, numpy scalars as Python's."""
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
    return out.astype(object).map(json_value)


def choose(value: str | Sequence[str], allowed: Iterable[str], name: str) -> list[str]:
    """A parameter given as ``"a,b,c"`` (or a list) checked against ``allowed``; order kept, repeats dropped.

    Raises a clear error naming the parameter, the bad value and what is allowed.
    """
    allowed = list(allowed)
    if isinstance(value, str):
        items = [v.strip() for v in value.split(",") if v.strip()]
    elif isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value]
    else:
        raise TypeError(f"{name} must be a comma-separated string such as {','.join(allowed[:2])!r}, got {value!r}")
    if not items:
        raise ValueError(f"{name} is empty (expected a comma-separated list of: {', '.join(allowed)})")
    unknown = [v for v in items if v not in allowed]
    if unknown:
        raise ValueError(
            f"{name}: unknown value(s) {', '.join(map(repr, unknown))} (expected a comma-separated list of: {', '.join(allowed)})"
        )
    return list(dict.fromkeys(items))
