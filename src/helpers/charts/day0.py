"""Each case's day 0: the onset the article gives (``cases.csv``) and the alternative the data offer.

An events row tagged ``onset:alternative`` gives its case another day 0, from a source of its own.
:func:`onsets` sets the two side by side (the onset table the conclusion prints), :func:`day0` gives the
day the clock (:func:`helpers.charts.compare.case_gaps`) counts from under either, and :func:`data_end`
the last day the events record, where the clock's window closes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers import cases as _cases
from helpers.dates import parse_date
from helpers.frames import require_table, with_display_columns
from helpers.milestones import ONSET_ALTERNATIVE, tag_set

__all__ = ["ONSET_VIEWS", "data_end", "day0", "onsets"]

ONSET_VIEWS = {"article": "the article's onset", "alternative": "the alternative onset"}


def _alternative(events: pd.DataFrame, case: str) -> pd.Series | None:
    """The case's events row tagged ``onset:alternative``, if it has one (two is an error: which one?)."""
    tagged = pd.Series([ONSET_ALTERNATIVE in tag_set(t) for t in events["tags"]], index=events.index, dtype=bool)
    mine = events[(events["case"] == case) & tagged]
    if len(mine) > 1:
        raise ValueError(
            f"events: rows {', '.join(mine['id'])} are all tagged {ONSET_ALTERNATIVE} for case {case!r} "
            "(expected at most one alternative day 0 per case)"
        )
    return None if mine.empty else mine.iloc[0]


def day0(events: pd.DataFrame, info: pd.Series, onset: str) -> tuple[str, str]:
    """A case's day 0 under ``onset`` ("article" or "alternative"): its ISO date and what happened that day.
    A case without an alternative keeps the article's."""
    if onset not in ONSET_VIEWS:
        raise ValueError(f"unknown onset {onset!r} (expected one of {', '.join(ONSET_VIEWS)})")
    alt_row = _alternative(events, info["case"]) if onset == "alternative" else None
    if alt_row is not None:
        return alt_row["date"], alt_row["title"]
    first = events[events["id"] == info["onset_event"]]
    return info["onset"], (first["title"].iloc[0] if not first.empty else "")


def onsets(events: pd.DataFrame, cases: pd.DataFrame, which: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Each case's day 0 as the article gives it (``cases``) beside the alternative the data offer (an events
    row tagged ``onset:alternative``), with what happened on each and how many days apart they are."""
    require_table(events, "events", ["id", "case", "tags", "title", "date", "source"])
    require_table(cases, "cases", ["case", "name", "onset", "onset_event", "source"])
    shown = with_display_columns(events)
    rows = []
    known = list(cases["case"])
    for case in known if which is None else _cases.check_cases(which, known):
        info = cases[cases["case"] == case].iloc[0]
        first = shown[shown["id"] == info["onset_event"]]
        alt_row = _alternative(shown, case)
        article = with_display_columns(pd.DataFrame({"date": [info["onset"]], "source": [info["source"]],
                                                     "locator": [info.get("locator")]})).iloc[0]  # fmt: skip
        apart = (
            None if alt_row is None else int((parse_date(alt_row["date"]).first - parse_date(info["onset"]).first).days)
        )
        rows.append({
            "id": case, "case": case, "case_name": info["name"],
            "onset_when": article["when"], "onset_event": first["title"].iloc[0] if not first.empty else "",
            "onset_cite": article["cite"], "onset_source": info["source"], "onset_locator": _locator(info),
            "alternative_when": "" if alt_row is None else alt_row["when"],
            "alternative_event": "none in the data" if alt_row is None else alt_row["title"],
            "alternative_cite": "" if alt_row is None else alt_row["cite"],
            "alternative_source": "" if alt_row is None else alt_row["source"],
            "alternative_locator": "" if alt_row is None else _locator(alt_row),
            "apart": "" if apart is None else f"{abs(apart):,} days {'earlier' if apart < 0 else 'later'}",
        })  # fmt: skip
    return pd.DataFrame(rows)


def _locator(row: pd.Series) -> str:
    value = row.get("locator")
    return value if isinstance(value, str) else ""


def data_end(events: pd.DataFrame) -> str:
    """The latest date any events row records, as people read it: where the data, and the clock, stop."""
    require_table(events, "events", ["date"])
    spans = [parse_date(d) for d in events["date"] if isinstance(d, str)]
    last = max((s for s in spans if s), key=lambda s: s.last)
    return {"day": f"{last.first.day} {last.first:%B %Y}", "month": f"{last.first:%B %Y}"}.get(
        last.precision, f"{last.first:%Y}"
    )
