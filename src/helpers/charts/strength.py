"""Authorised versus deployed strength of a mission, as step lines."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from helpers.charts.marks import labelled, records, require_table, with_table
from helpers.charts.theme import GREY, PALETTE, WIDTH
from helpers.dates import label, window

SERIES = ["authorised", "deployed"]
LABEL_ROWS, LABEL_ROW_STEP = 3, 14  # document labels adopted close together are staggered


def _in_force(frame: pd.DataFrame, first: pd.Timestamp | None, last: pd.Timestamp) -> pd.DataFrame:
    """The figures that hold inside the window: each series' value already in force when the
    window opens (moved to its first day, with its own date kept for people), then those set inside it."""
    inside = frame[(frame["start"] <= last) & ((frame["start"] >= first) if first is not None else True)].copy()
    inside["carried"] = False
    if first is None:
        return inside
    before = frame[frame["start"] < first].groupby("series", as_index=False).tail(1).copy()
    before["start"], before["carried"] = first, True
    before["when"] = before["when"].map(lambda w: f"{w} (in force when the window opens)")
    return pd.concat([before, inside], ignore_index=True).sort_values("start", kind="stable")


def strength(
    deployments: pd.DataFrame,
    mission: str | Sequence[str],
    documents: pd.DataFrame | None = None,
    start: str | None = None,
    end: str | None = None,
    title: str | None = None,
) -> alt.TopLevelMixin:
    """Authorised versus deployed strength of a mission, as step lines.

    Each value holds until the next one; the lines run on to ``end`` (or the
    last date in the table), and a value already in force when the window
    opens is drawn from its first day. Documents that set an authorised
    strength are marked with a labelled rule (their symbol, when
    ``documents`` is given).

    ``mission`` may also be a list of missions: they are drawn one panel
    each, stacked on a shared time axis, so that forces deployed side by side
    (an African Union force, a national operation, a UN mission) can be read
    together. A mission with no figures in the window is an error, as for one.
    """
    require_table(deployments, "deployments", ["id", "mission", "series", "strength", "start", "date"])
    missions = sorted(deployments["mission"].dropna().unique())
    chosen = [mission] if isinstance(mission, str) else list(mission)
    if not chosen:
        raise ValueError("no mission given (expected a mission name, or a list of them)")
    for m in chosen:
        if m not in missions:
            raise ValueError(f"unknown mission {m!r} (expected one of {', '.join(missions)})")
    first, last = window(start, end)
    if last is None:
        last = labelled(deployments[deployments["mission"].isin(chosen)])["date_last"].max()
    if isinstance(mission, str):
        chart, frame, description = _one(deployments, mission, documents, first, last, start, end)
        chart = chart.properties(description=title or description)
        return with_table(chart, frame, _columns(frame), f"The {mission} strength figures in this chart")
    panels, frames, descriptions = [], [], []
    domain = [
        label_free(
            first if first is not None else labelled(deployments[deployments["mission"].isin(chosen)])["start"].min()
        ),
        label_free(last),
    ]
    for m in chosen:
        chart, frame, description = _one(deployments, m, documents, first, last, start, end, domain=domain)
        panels.append(chart.properties(title=m, height=PANEL_HEIGHT))
        frames.append(frame)
        descriptions.append(description)
    combined = pd.concat(frames, ignore_index=True)
    chart = alt.vconcat(*panels, spacing=18).resolve_scale(x="shared", color="shared", strokeDash="shared")
    chart = chart.properties(description=title or " ".join(d + "." for d in descriptions))
    columns = {"mission": "Force", **_columns(combined)}
    return with_table(chart, combined, columns, f"The {', '.join(chosen)} strength figures in this chart")


PANEL_HEIGHT = 170


def label_free(day: pd.Timestamp) -> str:
    """An ISO day for a scale domain."""
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def _columns(frame: pd.DataFrame) -> dict[str, str]:
    columns = {"when": "From", "series": "Series", "strength": "Personnel", "document": "Document", "cite": "Source"}
    if "document" not in frame:
        columns.pop("document")
    return columns


def _one(
    deployments: pd.DataFrame,
    mission: str,
    documents: pd.DataFrame | None,
    first: pd.Timestamp | None,
    last: pd.Timestamp,
    start: str | None,
    end: str | None,
    domain: list[str] | None = None,
) -> tuple[alt.LayerChart, pd.DataFrame, str]:
    """One mission's layered chart, the rows it draws, and its description."""
    frame = labelled(deployments[deployments["mission"] == mission]).sort_values("start")
    frame = _in_force(frame, first, last)
    if frame.empty:
        raise ValueError(
            f"no {mission} strength figures between {start} and {end} (expected a window that holds at least one)"
        )
    # Carry each series' last value on to the end of the window, so the step reads to the right edge.
    tails = frame.groupby("series", as_index=False).tail(1).copy()
    tails["start"], tails["when"], tails["is_tail"] = last, "(carried forward)", True
    frame["is_tail"] = False
    lines = pd.concat([frame, tails], ignore_index=True)
    data = records(lines, ["id", "start", "when", "series", "strength", "cite", "is_tail", "mission"])
    scale = alt.Scale(domain=domain) if domain else alt.Undefined
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True), scale=scale)
    y = alt.Y("strength:Q", title="Personnel")
    colour = alt.Color("series:N", title="Strength", scale=alt.Scale(domain=SERIES, range=[PALETTE[0], PALETTE[3]]))
    dash = alt.StrokeDash("series:N", legend=None, scale=alt.Scale(domain=SERIES, range=[[1, 0], [6, 3]]))
    tooltip = [alt.Tooltip("mission:N", title="Force"), alt.Tooltip("series:N", title="Series"),
               alt.Tooltip("strength:Q", title="Personnel", format=","),
               alt.Tooltip("when:N", title="From"), alt.Tooltip("cite:N", title="Source")]  # fmt: skip
    base = alt.Chart(data)
    layers = [
        base.mark_line(interpolate="step-after", strokeWidth=2.5).encode(x=x, y=y, color=colour, strokeDash=dash),
        base.transform_filter("!datum.is_tail")
        .mark_point(filled=True, size=70)
        .encode(x=x, y=y, color=colour, tooltip=tooltip),
    ]
    # Documents adopted inside the window (one that set a value carried in was adopted before it).
    mandates = frame[frame["document"].notna() & ~frame["carried"]] if "document" in frame else frame.iloc[0:0]
    if not mandates.empty:
        symbols = dict(zip(documents["id"], documents["symbol"])) if documents is not None else {}
        marks = mandates.drop_duplicates("document").assign(
            label=lambda f: f["document"].map(lambda d: symbols.get(d, d))
        )
        marks["row"] = [LABEL_ROW_STEP * (i % LABEL_ROWS) for i in range(len(marks))]
        mdata = records(marks, ["start", "label", "when", "row"])
        rule_tip = [alt.Tooltip("label:N", title="Document"), alt.Tooltip("when:N", title="Adopted")]
        layers.append(alt.Chart(mdata).mark_rule(strokeDash=[3, 3], color=GREY).encode(x=x, tooltip=rule_tip))
        layers.append(
            alt.Chart(mdata).mark_text(align="left", dx=4, baseline="top", fontSize=11, color=GREY)
            .encode(x=x, y=alt.Y("row:Q", scale=None), text="label:N")
        )  # fmt: skip
    points = frame[frame["series"].isin(SERIES)]
    description = (
        f"{mission} strength, authorised versus deployed, from {label(frame['start'].iloc[0])} to {label(last)}: "
        + "; ".join(f"{r.series} {int(r.strength):,} from {r.when}" for r in points.itertuples())
    )
    chart = alt.layer(*layers).properties(width=WIDTH, height=260)
    return chart, frame, description
