"""A chapter's preamble: one call that checks its parameters and gives it its data.

::

    ch = chapter.open("rwanda", start, end, as_of)
    charts.timeline(ch.shown, start=ch.start, end=ch.end)

A bad parameter stops the chapter at once with a message that names it and
says what was expected (and, in Jupyter, without the toolkit's traceback).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers import text
from helpers.data.loading import load, tagged
from helpers.dates import check_parameter, window
from helpers.frames import in_window


class ParameterError(ValueError):
    """A chapter parameter a reader set wrongly; shown in Jupyter as its message alone."""

    def _render_traceback_(self) -> list[str]:
        return [f"ParameterError: {self}", "Change the value in the chapter's parameters cell and run all cells again."]


@dataclass
class Chapter:
    """What a chapter works with: its case, its window and its case's tables."""

    case: str
    start: str | None
    end: str | None
    as_of: str | None
    first: pd.Timestamp | None
    last: pd.Timestamp | None
    as_of_day: pd.Timestamp | None
    data_dir: Any = None
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return _cases.names(self.data_dir)[self.case]

    def table(self, name: str) -> pd.DataFrame:
        """This case's rows of a table (all dates)."""
        if name not in self._tables:
            frame = load(name, self.data_dir)
            self._tables[name] = frame[frame["case"] == self.case] if "case" in frame else frame
        return self._tables[name].copy()

    @property
    def events(self) -> pd.DataFrame:
        """This case's events, all dates."""
        return self.table("events")

    @property
    def shown(self) -> pd.DataFrame:
        """This case's events inside the window."""
        return in_window(self.events, self.start, self.end)

    @property
    def marked(self) -> list[str]:
        """The ids of the events this chapter's timeline marks (tagged ``marked:<case>`` in events.csv), of any case."""
        every = tagged(load("events", self.data_dir), "marked")
        return list(every.loc[every["marked"] == self.case, "id"])

    def rows(self, name: str, **where: Any) -> pd.DataFrame:
        """This case's rows of a table whose columns hold the values given: ``ch.rows("figures", set="tolls")``."""
        frame = self.table(name)
        for column, value in where.items():
            if column not in frame:
                raise KeyError(f"{name} has no column {column!r} (expected one of {', '.join(frame.columns)})")
            frame = frame[frame[column] == value]
        return frame

    def in_window(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` whose dates can fall inside the window."""
        return in_window(frame, self.start, self.end)

    def quote(self, quote_id: str) -> Any:
        return text.quote(quote_id, self.data_dir)


def open(case: Any, start: Any = None, end: Any = None, as_of: Any = None, data_dir: Any = None) -> Chapter:  # noqa: A001
    """Check a chapter's parameters and give it its window and its case's tables.

    ``start`` and ``end`` bound the window (ISO dates at any precision, in
    quotes); ``as_of``, if given, must fall inside it. Every mistake is a
    :class:`ParameterError` naming the parameter and what was expected.
    """
    try:
        _cases.check_case(case)
        first, last = window(start, end)
        as_of_day = None
        if as_of is not None:
            as_of_day = check_parameter(as_of, "as_of").last
            if (first is not None and as_of_day < first) or (last is not None and as_of_day > last):
                raise ValueError(
                    f"as_of={as_of!r} lies outside the window {start} to {end} (expected a date inside it)"
                )
    except ValueError as exc:
        raise ParameterError(str(exc)) from None
    return Chapter(case, start, end, as_of, first, last, as_of_day, data_dir)
