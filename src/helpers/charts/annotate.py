"""Labels that never sit on a mark or on each other: annotation bands and wrapped axis labels.

An annotated date (a resolution, a mandate) is drawn as a rule through the plot and a label in a
band *above* the plot, where there are no marks. Labels close in time are staggered over the
band's rows so that no label overlaps another label or crosses another label's rule
(:func:`stagger`). Long category names on an axis are wrapped over lines instead of being cut
short with an ellipsis (:func:`wrap`, :data:`LINES`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from helpers.charts.theme import GREY, MIN_TEXT, MUTED

CHAR_PX = 7.0  # a generous width of one character at 12 px in the book's sans-serif
ROW_PX = 17  # pixels between rows of the annotation band
GAP_PX = 4  # between a rule and its label
MAX_ROWS = 8
NEWLINE = "\n"
#: An axis ``labelExpr`` that draws a label wrapped by :func:`wrap` over several lines.
LINES = f"split(datum.label, '{NEWLINE.encode('unicode_escape').decode()}')"


def wrap(text: str, width: int = 28) -> str:
    """``text`` broken over lines of at most ``width`` characters (words are never cut)."""
    return NEWLINE.join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def text_px(text: str) -> float:
    """How wide ``text`` is drawn at 12 px, erring wide."""
    return len(str(text)) * CHAR_PX


@dataclass
class Placed:
    row: int  # 0 is the row nearest the plot
    x: float  # the rule's position
    left: float  # the label's extent
    right: float


def stagger(xs: list[float], texts: list[str], plot_width: float, left_room: float = 0) -> list[Placed]:
    """Rows for labels at pixel positions ``xs`` in a band above a plot ``plot_width`` wide.

    A label runs rightwards from its rule, or leftwards where it would run past the plot's right
    edge (into at most ``left_room`` pixels left of the plot: the band above the axis is empty).
    Each label takes the lowest row where it overlaps no label in its row, its text crosses no
    rule coming down from a higher label, and its own rule (from its row down to the plot)
    crosses no label in a lower row. Labels are placed from the right (earlier labels climb
    over later ones) or, if that leaves a label without a free row, from the left.
    """
    best: list[Placed] = []
    best_failures = len(xs) + 1
    for backwards in (True, False):
        placed, failures = _place(xs, texts, plot_width, left_room, backwards)
        if failures < best_failures:
            best, best_failures = placed, failures
        if not failures:
            break
    return best


def _place(xs, texts, plot_width, left_room, backwards) -> tuple[list[Placed], int]:
    placed: dict[int, Placed] = {}
    failures = 0
    for i in sorted(range(len(xs)), key=lambda i: xs[i], reverse=backwards):
        x, width = xs[i], text_px(texts[i]) + GAP_PX
        rightwards = x + width <= plot_width or (x - width < -left_room and plot_width - x >= x + left_room)
        left, right = (x + GAP_PX, x + width) if rightwards else (x - width, x - GAP_PX)
        for row in range(MAX_ROWS):
            if all(
                not (q.row == row and left < q.right and q.left < right)
                and not (q.row > row and left <= q.x <= right)
                and not (q.row < row and q.left <= x <= q.right)
                for q in placed.values()
            ):
                break
        else:
            failures += 1
        placed[i] = Placed(row, x, left, right)
    return [placed[i] for i in range(len(xs))], failures


def band_height(rows: int) -> int:
    """The pixels a band of ``rows`` rows takes above the plot."""
    return rows * ROW_PX + (GAP_PX if rows else 0)


def annotation_layers(
    marks: pd.DataFrame, x: alt.X, height: int, tooltip: list, within: Any = None
) -> tuple[list, int]:
    """Rules and labels for ``marks`` (columns ``label``, ``row``, ``right``, and the field of ``x``).

    Each rule runs from its label's row down through the plot (``height`` pixels); the labels sit
    above the plot. ``within``: a zoom (interval selection) outside which no label is drawn.
    Returns the layers and the number of rows used.
    """
    rows = int(marks["row"].max()) + 1 if len(marks) else 0
    frame = marks.assign(
        top=[-(r + 1) * ROW_PX for r in marks["row"]],
        rule_top=[-(r + 1) * ROW_PX + 2 for r in marks["row"]],
    )
    base = alt.Chart(frame) if within is None else alt.Chart(frame).transform_filter(within)
    rules = base.mark_rule(strokeDash=[4, 3], color=GREY, clip=False).encode(
        x=x, y=alt.Y("rule_top:Q", scale=None), y2=alt.value(height), tooltip=tooltip
    )
    layers = [rules]
    for right in (False, True):
        layers.append(
            base.transform_filter("datum.right" if right else "!datum.right")
            .mark_text(
                align="right" if right else "left", dx=-GAP_PX if right else GAP_PX, baseline="top",
                fontSize=MIN_TEXT, color=MUTED, clip=False,
            )
            .encode(x=x, y=alt.Y("top:Q", scale=None), text="label:N", tooltip=tooltip)
        )  # fmt: skip
    return layers, rows


def placed_rows(at, first: pd.Timestamp, last: pd.Timestamp, labels, plot_width: float, left_room: float = 0):
    """(row, runs-leftwards) for labels of dates ``at`` on a time axis from ``first`` to ``last``."""
    span = max((last - first).total_seconds(), 1.0)
    xs = [(t - first).total_seconds() / span * plot_width for t in at]
    placed = stagger(xs, list(labels), plot_width, left_room)
    return [p.row for p in placed], [p.right <= p.x for p in placed]
