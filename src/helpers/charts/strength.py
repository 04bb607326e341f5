"""Authorised versus deployed strength of a mission, as step lines."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from helpers.charts import annotate as band
from helpers.charts.layout import WIDE, two_forms, width_of
from helpers.charts.marks import axis_for, nothing_to_draw, with_table
from helpers.charts.theme import PALETTE
from helpers.dates import label, window
from helpers.frames import records, require_table, window_phrase, with_display_columns

SERIES = ["authorised", "deployed"]
HEIGHT = 260
AXIS_ROOM = 16 + 50  # the chart's padding and the Personnel axis: the plot is about this much narrower than WIDTH


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


@two_forms
def strength(
    deployments: pd.DataFrame,
    mission: str | Sequence[str] | None = None,
    documents: pd.DataFrame | None = None,
    start: str | None = None,
    end: str | None = None,
    title: str | None = None,
    layout: str = WIDE,
) -> alt.LayerChart:
    """Authorised versus deployed strength of a mission (or of several), as step lines.

    Each value holds until the next one; the lines run on to ``end`` (or the
    last date in the table), and a value already in force when the window
    opens is drawn from its first day. Documents that set an authorised
    strength are marked with a labelled rule (their symbol, when
    ``documents`` is given).

    ``mission`` is one mission's name, or a list of names: several missions
    (a force and the one that took it over) share the chart, one colour per
    mission, with the series (authorised, deployed) told apart by the dash. By default, every
    mission in ``deployments``. A mission with no figure in force in the window is left out, and a
    window (or a table) with none at all draws a figure that says so.

    ``layout``: drawn for the column at 1280 px (``"wide"``) or a phone's (``"narrow"``: the legends
    list their entries one under another); by default both (:mod:`helpers.charts.layout`).
    """
    width = width_of(layout)
    require_table(
        deployments, "deployments", ["id", "mission", "series", "strength", "start", "date"], allow_empty=True
    )
    if mission is None:
        mission = list(dict.fromkeys(deployments.sort_values("start", kind="stable")["mission"].dropna()))
        if not mission:
            return nothing_to_draw(
                "No mission strength figures: the book's data hold none for this case yet.", layout=layout
            )
    chosen = [mission] if isinstance(mission, str) else list(mission)
    if not chosen:
        raise ValueError("no mission given (expected a mission's name, or a list of names)")
    missions = sorted(deployments["mission"].dropna().unique())
    for name in chosen:
        if name not in missions:
            raise ValueError(f"unknown mission {name!r} (expected one of {', '.join(missions)})")
    every = with_display_columns(deployments[deployments["mission"].isin(chosen)]).sort_values("start", kind="stable")
    first, last = window(start, end)
    last = last if last is not None else every["date_last"].max()
    frame = pd.concat(
        [_in_force(every[every["mission"] == name], first, last) for name in chosen], ignore_index=True
    ).sort_values("start", kind="stable")
    if frame.empty:
        return nothing_to_draw(
            f"No {' or '.join(chosen)} strength figures in force in this window ({window_phrase(start, end)}).",
            layout=layout,
        )
    chosen = [name for name in chosen if name in set(frame["mission"])]  # only the missions drawn
    named = " and ".join(chosen)
    # Carry each series' last value on to the end of the window, so the step reads to the right edge.
    tails = frame.groupby(["mission", "series"], as_index=False).tail(1).copy()
    tails["start"], tails["when"], tails["is_tail"] = last, "(carried forward)", True
    frame["is_tail"] = False
    lines = pd.concat([frame, tails], ignore_index=True)
    data = records(lines, ["id", "start", "when", "series", "strength", "cite", "is_tail", "mission"])
    x = alt.X("start:T", title=None, axis=axis_for())
    y = alt.Y("strength:Q", title="Personnel")
    tooltip = [alt.Tooltip("series:N", title="Series"), alt.Tooltip("strength:Q", title="Personnel", format=","),
               alt.Tooltip("when:N", title="From"), alt.Tooltip("cite:N", title="Source")]  # fmt: skip
    drawn = [name for name in SERIES if name in set(frame["series"])] or SERIES  # name only what is drawn
    if len(chosen) == 1:
        hues = dict(zip(SERIES, [PALETTE[0], PALETTE[3]]))
        colour = alt.Color("series:N", title="Strength", scale=alt.Scale(domain=drawn, range=[hues[n] for n in drawn]))
        dash = alt.StrokeDash("series:N", legend=None, scale=alt.Scale(domain=SERIES, range=[[1, 0], [6, 3]]))
    else:
        # Narrow, each legend lists its entries one under another: side by side, the two fit the column.
        legend = {} if layout == WIDE else {"legend": alt.Legend(direction="vertical")}
        colour = alt.Color(
            "mission:N", title="Mission", scale=alt.Scale(domain=chosen, range=PALETTE[: len(chosen)]), **legend
        )
        dash = alt.StrokeDash(
            "series:N", title="Strength", scale=alt.Scale(domain=SERIES, range=[[1, 0], [6, 3]]), **legend
        )
        tooltip.insert(0, alt.Tooltip("mission:N", title="Mission"))
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
        marks = band.place(marks, "start", lines["start"].min(), lines["start"].max(), width - AXIS_ROOM, 40)
        mdata = records(marks, ["start", "label", "drawn", "when", "top_row", "right"])
        rule_tip = [alt.Tooltip("label:N", title="Document"), alt.Tooltip("when:N", title="Adopted")]
        layers += band.annotation_layers(mdata, x, HEIGHT, rule_tip)[0]  # labels in a band above the lines
    points = frame[frame["series"].isin(SERIES)]
    prefix = (lambda r: "") if len(chosen) == 1 else (lambda r: f"{r.mission} ")
    what = "authorised versus deployed" if len(drawn) == 2 else f"as {drawn[0]} (no other series drawn)"
    description = title or (
        f"{named} strength, {what}, from {label(frame['start'].iloc[0])} to {label(last)}: "
        + "; ".join(f"{prefix(r)}{r.series} {int(r.strength):,} from {r.when}" for r in points.itertuples())
    )
    chart = alt.layer(*layers).properties(width=width, height=HEIGHT, description=description)
    columns = {"when": "From", "series": "Series", "strength": "Personnel", "document": "Document", "cite": "Source"}
    if len(chosen) > 1:
        columns = {"mission": "Mission", **columns}
    if "document" not in frame:
        columns.pop("document")
    elif documents is not None:  # the table names each document by its symbol (S/RES/912), as the tooltip does
        symbols = dict(zip(documents["id"], documents["symbol"]))
        frame = frame.assign(document=frame["document"].map(lambda d: symbols.get(d, d) if isinstance(d, str) else d))
    note = (
        "A solid line is the strength authorised; a dashed line the strength a source reports on the ground. "
        "Each value holds until the next. A thin grey rule marks each document that set a ceiling."
    )
    return with_table(chart, frame, columns, f"The {named} strength figures in this chart", note=note)
