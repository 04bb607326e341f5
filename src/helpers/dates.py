"""Dates as the sources give them: a year, a month or a day, never an invented day.

The book's tables write dates in ISO 8601 at the precision the source gives
(``1994``, ``1994-04``, ``1994-04-21``). :func:`parse_date` turns one into a
:class:`DateSpan`, the first and last day it can mean. :func:`label` writes a
date for people at its own precision; :func:`window` reads a date window;
:func:`check_parameter` checks a chapter parameter and names it in its error.
"""

from __future__ import annotations

import calendar
import re
from typing import Any, NamedTuple

import pandas as pd

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# How datapackage.json marks a field as an ISO date at any precision.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EXPECTED = "a date in quotes: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', a real calendar date such as '1994-04-21'"
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


class DateSpan(NamedTuple):
    """What a date can mean: its precision and its first and last day."""

    precision: str  # "year", "month" or "day"
    first: pd.Timestamp
    last: pd.Timestamp


def parse_date(value: Any) -> DateSpan | None:
    """The :class:`DateSpan` of an ISO date at any precision, or None if it is not one."""
    match = DATE_RE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return DateSpan("year", pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31))
    if not 1 <= month <= 12:
        return None
    days_in_month = calendar.monthrange(year, month)[1]
    if day is None:
        return DateSpan("month", pd.Timestamp(year, month, 1), pd.Timestamp(year, month, days_in_month))
    if not 1 <= day <= days_in_month:
        return None
    return DateSpan("day", pd.Timestamp(year, month, day), pd.Timestamp(year, month, day))


def label(date: Any) -> str:
    """A date for people, at its own precision: 1994, April 1994, 21 April 1994.

    Takes an ISO string or a timestamp (a timestamp is a day); ``undated`` for
    a blank.
    """
    if isinstance(date, pd.Timestamp):
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    if not isinstance(date, str) or not date:
        return "undated"
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def iso(day: pd.Timestamp) -> str:
    return day.strftime("%Y-%m-%d")


def check_parameter(value: Any, name: str) -> DateSpan:
    """The :class:`DateSpan` of a date parameter; a ValueError naming ``name`` otherwise.

    Catches what a reader is likely to type: a date without quotes (Python
    reads ``1994-04`` as the number 1990), ``None``, or a day that does not exist.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{name} is {value!r}: expected {EXPECTED}")
    if isinstance(value, (int, float)):
        raise ValueError(
            f"{name} is the number {value!r}, not a date: put the date in quotes "
            f"(without them Python reads 1994-04 as 1994 minus 4). Expected {EXPECTED}"
        )
    if not isinstance(value, str):
        raise ValueError(f"{name} is a {type(value).__name__}, not a date: expected {EXPECTED}")
    span = parse_date(value.strip())
    if span is None:
        what = "not a real calendar date" if DATE_RE.match(value.strip()) else "not a date"
        raise ValueError(f"{name} {value!r} is {what}: expected {EXPECTED}")
    return span


def window(
    start: Any, end: Any, names: tuple[str, str] = ("start", "end")
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The first day of ``start`` and the last day of ``end`` (either may be None: no limit).

    A bad date, or an end before the start, is a ValueError naming the parameter.
    """
    first = None if start is None else check_parameter(start, names[0]).first
    last = None if end is None else check_parameter(end, names[1]).last
    if first is not None and last is not None and last < first:
        raise ValueError(f"the date window ends ({end}) before it starts ({start}) (expected {names[0]} <= {names[1]})")
    return first, last
