"""Which event meets each milestone, case by case: the days from the onset (day 0) to the first event that
meets a milestone's written definition (:func:`case_gaps`), with the dates as short as their precision allows.
The comparison grid (:mod:`helpers.charts.compare`) draws these rows."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers import cases as _cases
from helpers.charts.day0 import ONSET_VIEWS, day0
from helpers.dates import parse_date
from helpers.frames import require_table, with_display_columns
from helpers.milestones import LATEST, MILESTONES, NEVER, NOT_AVAILABLE, Milestone, check_keys, tag_set

__all__ = ["case_gaps", "unseen"]

PRECISION_NOTE = {
    "month": "known to the month: days counted from its first day",
    "year": "known to the year: days counted from its first day",
}
LATEST_NOTE = "a latest date: the earliest record the book has, so the event itself may be earlier"


def _chosen_cases(cases: pd.DataFrame, which: Sequence[str] | str | None) -> list[str]:
    known = list(cases["case"])
    return known if which is None else _cases.check_cases(which, known)


def _satisfying(events: pd.DataFrame, milestone: Milestone, onset: pd.Timestamp) -> pd.DataFrame:
    """The events that meet the milestone's rule, earliest first.

    With imprecise dates, the event certainly on record soonest comes first: the one whose
    last possible day is earliest (a row dated only "1978" does not beat one of 17 April 1978).
    """
    keep = [
        milestone.matches(r.category, r.actor, r.tags) and (not milestone.after_onset or r.start >= onset)
        for r in events.itertuples()
    ]
    return events[keep].sort_values(["date_last", "start", "id"])


def case_gaps(
    events: pd.DataFrame,
    cases: pd.DataFrame,
    which: Sequence[str] | str | None = None,
    milestones: Sequence[str] | str | None = None,
    onset: str = "article",
) -> pd.DataFrame:
    """One row per case and milestone (in the order given): the first event that meets the milestone's
    definition and its distance in days from the case's onset.

    ``cases`` is the ``cases`` table (one row per case, with its ``onset``); ``which`` names case
    slugs and ``milestones`` milestone keys (default: all, in the book's order). ``onset="alternative"``
    counts from the case's events row tagged ``onset:alternative`` instead (where it has one). A milestone
    with no qualifying event is a row, not a dropped one: its ``status`` is ``NEVER`` ("none found in the
    book's sources"), or ``NOT_AVAILABLE`` where the milestone's institutions did not exist while the
    case's violence lasted. Days are counted from the first day of each date (the onset's and the event's);
    an event row tagged ``date:by`` is a latest date, and says so.
    """
    require_table(events, "events", ["id", "case", "category", "actor", "tags", "start", "title", "date"])
    require_table(cases, "cases", ["case", "name", "onset", "onset_event", "source"])
    chosen = _chosen_cases(cases, which)
    keys = check_keys(milestones)
    rows = []
    for case in chosen:
        info = cases[cases["case"] == case].iloc[0]
        start_day, day0_event = day0(events, info, onset)
        start = parse_date(start_day).first
        end = info.get("end_date") if isinstance(info.get("end_date"), str) and info.get("end_date") else None
        mine = with_display_columns(events[events["case"] == case])
        for key in keys:
            m = MILESTONES[key]
            row = {"id": f"{case}:{key}", "case": case, "case_name": info["name"], "onset": start_day,
                   "onset_view": onset, "onset_event": day0_event,
                   "onset_when": with_display_columns(pd.DataFrame({"date": [start_day]}))["when"].iloc[0],
                   "milestone": key, "label": m.label, "definition": m.definition,
                   "era_note": "" if m.available(end) else m.since_note}  # fmt: skip
            hits = _satisfying(mine, m, start)
            if hits.empty:
                status = NEVER if m.available(end) else NOT_AVAILABLE
                rows.append({**row, "status": status, "event_id": None, "event": None, "actor": None,
                             "when": status, "short": "in its era" if status == NOT_AVAILABLE else "in the sources",
                             "precision": None, "latest": False,
                             "days": None, "cite": None})  # fmt: skip
                continue
            hit = hits.iloc[0]
            latest = LATEST in tag_set(hit["tags"])
            short = _short_date(hit["start"], hit["date_precision"])
            rows.append({**row, "status": "reached", "event_id": hit["id"], "event": hit["title"],
                         "short": f"by {short}" if latest else short, "latest": latest,
                         "actor": hit["actor"], "when": hit["when"], "precision": hit["date_precision"],
                         "days": int((hit["start"] - start).days), "cite": hit["cite"]})  # fmt: skip
    gaps = pd.DataFrame(rows)
    gaps["days"] = gaps["days"].astype("Int64")
    gaps["days_text"] = [_days_text(d, s) for d, s in zip(gaps["days"], gaps["status"])]
    gaps["date_note"] = [
        "; ".join(
            n for n in (PRECISION_NOTE.get(p, "") if isinstance(p, str) else "", LATEST_NOTE if latest else "") if n
        )
        for p, latest in zip(gaps["precision"].astype(object), gaps["latest"])
    ]
    return gaps


def unseen(
    events: pd.DataFrame,
    cases: pd.DataFrame,
    which: Sequence[str] | str | None = None,
    milestones: Sequence[str] | str | None = None,
) -> pd.DataFrame:
    """The rows the clock cannot see that would change a cell: under either day 0 (``ONSET_VIEWS``), every
    row that could meet a milestone's rule on the data author's judgment (:meth:`Milestone.could_meet`) but
    carries no judgment, neither the milestone's tag nor ``not-counted:<key>``, and that falls in the
    milestone's window before the cell's event (anywhere in it, where the cell is empty). One row per such
    row, case, milestone and day 0; an empty table means every such judgment is on record."""
    require_table(events, "events", ["id", "case", "category", "actor", "tags", "start", "date"])
    keys = check_keys(milestones)
    found = []
    for view in ONSET_VIEWS:
        gaps = case_gaps(events, cases, which, keys, onset=view)
        for case in dict.fromkeys(gaps["case"]):
            info = cases[cases["case"] == case].iloc[0]
            start = parse_date(day0(events, info, view)[0]).first
            mine = with_display_columns(events[events["case"] == case])
            for key in keys:
                m = MILESTONES[key]
                cell = gaps[(gaps["case"] == case) & (gaps["milestone"] == key)].iloc[0]
                hit = mine[mine["id"] == cell["event_id"]]
                first = None if hit.empty else (hit["date_last"].iloc[0], hit["start"].iloc[0], cell["event_id"])
                for r in mine.itertuples():
                    if not m.could_meet(r.category, r.actor, r.tags) or (m.after_onset and r.start < start):
                        continue
                    if first is None or (r.date_last, r.start, r.id) < first:
                        found.append({"case": case, "milestone": key, "onset_view": view, "id": r.id,
                                      "date": r.date, "category": r.category, "actor": r.actor,
                                      "cell": cell["event_id"]})  # fmt: skip
    return pd.DataFrame(found, columns=["case", "milestone", "onset_view", "id", "date", "category", "actor", "cell"])


def _days_text(days: object, status: str = NEVER) -> str:
    if days is None or days is pd.NA or (isinstance(days, float) and days != days):
        return "not available" if status == NOT_AVAILABLE else "none found"
    d = int(days)  # type: ignore[call-overload]
    unit = "day" if abs(d) == 1 else "days"
    return "day 0 (onset)" if d == 0 else f"{d:+,} {unit}"


def _short_date(day: pd.Timestamp, precision: str) -> str:
    """A date as short as its precision allows (``5 Dec 2013``, ``Jun 2014``, ``2003``), for the cells."""
    return f"{day.day} {day:%b %Y}" if precision == "day" else (f"{day:%b %Y}" if precision == "month" else f"{day:%Y}")


def _wrap(name: str, width: int = 16) -> str:
    """A case name broken into lines of about ``width`` characters (the column headers)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)
