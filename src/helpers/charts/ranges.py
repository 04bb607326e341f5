"""Contested numbers as ranges, one row per estimate, labelled with who made it."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts import annotate as band
from helpers.charts.marks import nothing_to_draw, with_table
from helpers.charts.theme import MIN_TEXT, MUTED, PALETTE, WIDTH
from helpers.frames import records, require_table, with_display_columns

OPEN_END = 1.15  # an open-ended range ("more than 800,000") is drawn to this multiple of the largest number
ROW_HEIGHT = 56


def _range_text(low: float, high: float) -> str:
    if pd.isna(high):
        return f"more than {int(low):,}"
    return f"{int(low):,} to {int(high):,}" if low != high else f"{int(low):,}"


def ranges(figures: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Contested numbers as ranges: a bar from low to high, a dot at the best
    estimate where one is given, and an open arrow where the source gives only
    a floor ("over 800,000"). One row per estimate, labelled with who made it; no estimates draw
    a figure that says so."""
    require_table(figures, "figures", ["id", "low", "high", "best", "counts", "source"], allow_empty=True)
    if figures.empty:
        return nothing_to_draw("No estimates to draw: the book's data hold none of these figures.")
    frame = with_display_columns(figures)
    frame["who"] = frame["cite"]  # who made the estimate: its source, as the data table cites it
    top = float(pd.concat([frame["low"], frame["high"], frame["best"]]).max())
    frame["to"] = frame["high"].fillna(top * OPEN_END)
    frame["open"] = frame["high"].isna()
    frame["range_text"] = [_range_text(lo, hi) for lo, hi in zip(frame["low"], frame["high"])]
    frame["estimator"] = (frame["estimator"] if "estimator" in frame else pd.Series(pd.NA, index=frame.index)).fillna(
        "as the source gives it"
    )
    frame["who_lines"] = frame["who"].map(lambda w: band.wrap(w, 30))  # long names wrap, never cut short
    data = records(
        frame,
        [
            "id",
            "who",
            "who_lines",
            "estimator",
            "counts",
            "when",
            "low",
            "high",
            "best",
            "to",
            "open",
            "range_text",
            "cite",
        ],
    )
    y = alt.Y("who_lines:N", title=None, sort=list(frame["who_lines"]), axis=alt.Axis(labelExpr=band.LINES))
    x = alt.X("low:Q", title="People", axis=alt.Axis(format="~s"), scale=alt.Scale(domain=[0, top * 1.2]))
    tooltip = [alt.Tooltip("who:N", title="Who"), alt.Tooltip("range_text:N", title="Estimate"), alt.Tooltip("estimator:N", title="Estimated by"), alt.Tooltip("counts:N", title="What it counts"),
               alt.Tooltip("when:N", title="Period from"), alt.Tooltip("cite:N", title="Source")]  # fmt: skip
    base = alt.Chart(data)
    layers = [
        base.mark_rule(strokeWidth=8, color=PALETTE[5]).encode(x=x, x2="to:Q", y=y, tooltip=tooltip),
        base.transform_filter("datum.open").mark_point(shape="triangle-right", filled=True, size=140, color=PALETTE[0]).encode(x="to:Q", y=y, tooltip=tooltip),
        base.mark_tick(thickness=3, size=20, color=PALETTE[0]).encode(x=x, y=y, tooltip=tooltip),
        base.transform_filter("isValid(datum.best)").mark_point(filled=True, size=90, color=PALETTE[3]).encode(x="best:Q", y=y, tooltip=tooltip),
        base.mark_text(align="left", dx=6, dy=-14, fontSize=MIN_TEXT, color=MUTED).encode(x=x, y=y, text="range_text:N"),
    ]  # fmt: skip
    summary = "; ".join(f"{w}: {r}" for w, r in zip(frame["who"], frame["range_text"]))
    chart = alt.layer(*layers).properties(
        width=WIDTH, height=max(120, ROW_HEIGHT * len(frame)), description=title or f"Estimates as ranges. {summary}."
    )
    columns = {
        "counts": "Whom it counts",
        "range_text": "Estimate",
        "best": "Best estimate",
        "estimator": "Estimated by",
        "cite": "Source",
    }
    note = (
        "A bar runs from the lowest to the highest figure a source allows; an arrow marks a floor, a figure "
        "with no ceiling; a dot marks a single figure. The table says whom each estimate counts."
    )
    return with_table(chart, frame, columns, "The estimates in this chart", note=note)
