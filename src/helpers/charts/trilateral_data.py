"""The trilateral readings as rows: the article's three factors and the links between them, read case by
case from ``readings.csv`` (``frame=trilateral``; see :mod:`helpers.charts.trilateral`, which draws them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers import vocabulary
from helpers.dates import label
from helpers.frames import require_table, with_display_columns

__all__ = ["NO_READING", "WHOSE", "factors", "interaction_label", "interactions", "trilateral_table"]


def _words() -> vocabulary.Frame:
    return vocabulary.frame("trilateral")


def factors() -> dict[str, str]:
    """The three factors (``deficiencies``, ``sovereignty``, ``interest``) and their names, in order."""
    words = _words()
    return {t: v["label"] for t, v in words.topics.items() if "-on-" not in t}


def interactions() -> list[str]:
    """The links between factors the book reads (``interest-on-sovereignty``...), in the chart's order."""
    return [t for t in _words().topics if "-on-" in t]


WHOSE = {"article": "the article's reading", "book": "the book's reading", "source": "the source's own words"}
NO_READING = "no reading"


def interaction_label(topic: str) -> str:
    """``interest-on-sovereignty`` as the chart heads its column: ``interest → sovereignty``."""
    return _words().topics[topic]["label"]


def _check_topic(row: pd.Series) -> str:
    topic = row["topic"]
    if topic in factors():
        return "factor"
    if topic in interactions():
        return "interaction"
    raise ValueError(
        f"readings row {row['id']!r}: unknown trilateral topic {topic!r} "
        f"(expected one of {', '.join(factors())}, or an interaction such as interest-on-sovereignty)"
    )


def trilateral_table(
    readings: pd.DataFrame, events: pd.DataFrame | None = None, cases: Sequence[str] | None = None, kind: str = "factor"
) -> pd.DataFrame:
    """The trilateral readings of ``kind`` ("factor" or "interaction") for ``cases``, one row each, with
    the labels people read: the case, the column, what the position means, whose reading, the citation
    and the titles of the events that bear on it.

    Raises a clear error for an unknown case, topic or position, an event id not in ``events``, or
    no readings at all.
    """
    if kind not in ("factor", "interaction"):
        raise ValueError(f"kind={kind!r} is not a kind of trilateral reading (expected 'factor' or 'interaction')")
    cols = ["id", "case", "frame", "topic", "position", "summary", "events", "reading_by", "source", "locator"]
    require_table(readings, "readings", cols)
    chosen = _cases.check_cases(cases) if cases is not None else list(_cases.studied())
    frame = readings[(readings["frame"] == "trilateral") & readings["case"].isin(chosen)]
    if frame.empty:
        raise ValueError(
            f"no trilateral readings for {', '.join(chosen)} (expected rows in readings.csv with frame=trilateral)"
        )
    kinds = frame.apply(_check_topic, axis=1)
    frame = with_display_columns(frame[kinds == kind])
    if frame.empty:
        raise ValueError(f"no trilateral {kind} readings for {', '.join(chosen)} (expected rows in readings.csv)")
    topics = factors() if kind == "factor" else interactions()
    words = _words()
    scale = {p: words.positions[p]["label"] for p in words.positions_of(next(iter(topics)))}
    bad = frame[~frame["position"].isin(list(scale))]
    if not bad.empty:
        row = bad.iloc[0]
        raise ValueError(
            f"readings row {row['id']!r}: position {row['position']!r} (expected one of {', '.join(scale)} for a trilateral {kind})"
        )
    lookup: dict[str, Any] = {}
    if events is not None:
        require_table(events, "events", ["id", "title", "date"])
        lookup = {r["id"]: r for _, r in events.iterrows()}

    def evidence(ids: Any) -> str:
        if not isinstance(ids, str) or not ids:
            return "none named"
        parts = []
        for event_id in ids.split(";"):
            row = lookup.get(event_id)
            if row is None and events is not None:
                raise ValueError(
                    f"a reading names event {event_id!r}, which is not in the events given (expected an id in events.csv)"
                )
            parts.append(event_id if row is None else f"{label(row['date'])}: {row['title']}")
        return "; ".join(parts)

    frame["evidence"] = frame["events"].map(evidence)
    frame["column"] = frame["topic"].map(lambda t: factors()[t] if kind == "factor" else interaction_label(t))
    frame["position_text"] = frame["position"].map(scale)
    frame["whose"] = frame["reading_by"].map(WHOSE)
    order = {c: i for i, c in enumerate(chosen)}
    columns = list(topics)
    frame["_row"] = frame["case"].map(order)
    frame["_col"] = frame["topic"].map(lambda t: columns.index(t) if t in columns else len(columns))
    return frame.sort_values(["_row", "_col"]).drop(columns=["_row", "_col"]).reset_index(drop=True)
