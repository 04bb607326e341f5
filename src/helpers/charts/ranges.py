"""Contested numbers as ranges, one row per estimate, labelled with who made it."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts import annotate as band
from helpers.charts.layout import PADDING, WIDE, chars, two_forms, width_of
from helpers.charts.marks import nothing_to_draw, with_table
from helpers.charts.theme import MIN_TEXT, MUTED, PALETTE
from helpers.frames import records, require_table, with_display_columns

OPEN_END = 1.15  # an open-ended range ("more than 800,000") is drawn to this multiple of the largest number
ROW_HEIGHT = 56
LINE = 16  # pixels per line of a narrow form's labels
BAR_ROOM = 26  # under a narrow form's label: the bar and its marks


def _range_text(low: float, high: float) -> str:
    if pd.isna(high):
        return f"more than {int(low):,}"
    return f"{int(low):,} to {int(high):,}" if low != high else f"{int(low):,}"


@two_forms
def ranges(figures: pd.DataFrame, title: str | None = None, layout: str = WIDE) -> alt.LayerChart:
    """Contested numbers as ranges: a bar from low to high, a dot at the best
    estimate where one is given, and an open arrow where the source gives only
    a floor ("over 800,000"). One row per estimate, labelled with who made it; no estimates draw
    a figure that says so.

    ``layout``: ``"wide"`` (who made each estimate left of its bar), ``"narrow"`` (a phone's column:
    who and the estimate above the bar, the axis from zero across the whole column); by default both
    (:mod:`helpers.charts.layout`)."""
    require_table(figures, "figures", ["id", "low", "high", "best", "counts", "source"], allow_empty=True)
    if figures.empty:
        return nothing_to_draw("No estimates to draw: the book's data hold none of these figures.", layout=layout)
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
    if layout != WIDE:
        return _narrow(frame, data, top, title, layout)
    y = alt.Y("who_lines:N", title=None, sort=list(frame["who_lines"]), axis=alt.Axis(labelExpr=band.LINES))
    x = alt.X("low:Q", title="People", axis=alt.Axis(format="~s"), scale=alt.Scale(domain=[0, top * 1.2]))
    tooltip = _tooltip()
    base = alt.Chart(data)
    layers = [
        base.mark_rule(strokeWidth=8, color=PALETTE[5]).encode(x=x, x2="to:Q", y=y, tooltip=tooltip),
        base.transform_filter("datum.open").mark_point(shape="triangle-right", filled=True, size=140, color=PALETTE[0]).encode(x="to:Q", y=y, tooltip=tooltip),
        base.mark_tick(thickness=3, size=20, color=PALETTE[0]).encode(x=x, y=y, tooltip=tooltip),
        base.transform_filter("isValid(datum.best)").mark_point(filled=True, size=90, color=PALETTE[3]).encode(x="best:Q", y=y, tooltip=tooltip),
        base.mark_text(align="left", dx=6, dy=-14, fontSize=MIN_TEXT, color=MUTED).encode(x=x, y=y, text="range_text:N"),
    ]  # fmt: skip
    chart = alt.layer(*layers).properties(
        width=width_of(layout), height=max(120, ROW_HEIGHT * len(frame)), description=_description(frame, title)
    )
    return _with_table(chart, frame)


def _tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("who:N", title="Who"), alt.Tooltip("range_text:N", title="Estimate"), alt.Tooltip("estimator:N", title="Estimated by"), alt.Tooltip("counts:N", title="What it counts"),
            alt.Tooltip("when:N", title="Period from"), alt.Tooltip("cite:N", title="Source")]  # fmt: skip


def _description(frame: pd.DataFrame, title: str | None) -> str:
    summary = "; ".join(f"{w}: {r}" for w, r in zip(frame["who"], frame["range_text"]))
    return title or f"Estimates as ranges. {summary}."


def _narrow(frame: pd.DataFrame, data: pd.DataFrame, top: float, title: str | None, layout: str) -> alt.LayerChart:
    """A phone's form: each estimate's row starts with who made it and the estimate, above its bar; the
    axis runs from zero across the whole column, so every range is in view."""
    width = width_of(layout) - 2 * PADDING
    wrapped = [
        band.wrap(f"{w}: {r}", chars(width)).split(band.NEWLINE) for w, r in zip(frame["who"], frame["range_text"])
    ]
    tops, height = [], 0
    for lines in wrapped:
        tops.append(height)
        height += LINE * len(lines) + BAR_ROOM + 10
    data = data.assign(
        label_lines=wrapped, label_y=tops, bar_y=[t + LINE * len(w) + BAR_ROOM / 2 for t, w in zip(tops, wrapped)]
    )
    x = alt.X("low:Q", title="People", axis=alt.Axis(format="~s"), scale=alt.Scale(domain=[0, top * 1.2]))
    y = alt.Y("bar_y:Q", scale=None, axis=None)
    tooltip = _tooltip()
    base = alt.Chart(data)
    layers = [
        base.mark_text(align="left", baseline="top", x=0, fontSize=MIN_TEXT, color=MUTED, lineHeight=LINE).encode(
            y=alt.Y("label_y:Q", scale=None, axis=None), text="label_lines:N", tooltip=tooltip),
        base.mark_rule(strokeWidth=8, color=PALETTE[5]).encode(x=x, x2="to:Q", y=y, tooltip=tooltip),
        base.transform_filter("datum.open").mark_point(shape="triangle-right", filled=True, size=140, color=PALETTE[0]).encode(x="to:Q", y=y, tooltip=tooltip),
        base.mark_tick(thickness=3, size=20, color=PALETTE[0]).encode(x=x, y=y, tooltip=tooltip),
        base.transform_filter("isValid(datum.best)").mark_point(filled=True, size=90, color=PALETTE[3]).encode(x="best:Q", y=y, tooltip=tooltip),
    ]  # fmt: skip
    chart = alt.layer(*layers).properties(width=width_of(layout), height=height, description=_description(frame, title))
    return _with_table(chart, frame)


def _with_table(chart: alt.LayerChart, frame: pd.DataFrame) -> alt.LayerChart:
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
