"""Labels that never sit on a mark or on each other: annotation bands and wrapped axis labels.

An annotated date (a resolution, a mandate) is drawn as a rule through the plot and a label in a
band *above* the plot, where there are no marks. Labels close in time are staggered over the
band's rows so that no label overlaps another label or crosses another label's rule
(:func:`stagger`). Long category names on an axis are wrapped over lines instead of being cut
short with an ellipsis (:func:`wrap`, :data:`LINES`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
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


def wrap(text: str, width: int = 28, balance: bool = False) -> str:
    """``text`` broken over lines of at most ``width`` characters (words are never cut).

    With ``balance`` (a label placed on a map), a text longer than ``width`` breaks first before a
    bracket ("DR Congo / (then Zaire)"), and otherwise into two lines of about equal length.
    """
    text = str(text)
    if not balance or len(text) <= width:
        return NEWLINE.join(textwrap.wrap(text, width, break_long_words=False)) or text
    if " (" in text:
        head, tail = text.split(" (", 1)
        return wrap(head, width, balance=True) + NEWLINE + wrap("(" + tail, width)
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + NEWLINE + text[cut + 1 :]


def text_px(text: str) -> float:
    """How wide ``text`` is drawn at 12 px, erring wide."""
    return len(str(text)) * CHAR_PX


@dataclass
class Placed:
    row: int  # the label's lowest row; 0 is the row nearest the plot
    x: float  # the rule's position
    left: float  # the label's extent
    right: float
    text: str  # the label as drawn: one line, or two
    lines: int = 1

    @property
    def top(self) -> int:
        return self.row + self.lines - 1


def _clash(a: Placed, b: Placed) -> bool:
    """Whether two labels overlap, or the rule of one crosses the other's text."""
    if a.row <= b.top and b.row <= a.top and a.left < b.right and b.left < a.right:
        return True
    return (a.row > b.top and b.left <= a.x <= b.right) or (b.row > a.top and a.left <= b.x <= a.right)


def _shapes(text: str, max_lines: int) -> list[tuple[str, int]]:
    """The ways to break a label: on one line, on two, and (given ``max_lines`` over 2) over up to that
    many lines of about equal length, fewer lines first."""
    shapes = [(text, 1)]
    halves = textwrap.wrap(text, max(len(text) // 2 + 1, 8), break_long_words=False)
    if len(halves) == 2:
        shapes.append((NEWLINE.join(halves), 2))
    for lines in range(2, max_lines + 1) if max_lines > 2 else ():
        for chars in range(max(len(text) // lines, 6), len(text) + 1):
            broken = textwrap.wrap(text, chars, break_long_words=False)
            if len(broken) <= lines:
                if len(broken) == lines and (NEWLINE.join(broken), lines) not in shapes:
                    shapes.append((NEWLINE.join(broken), lines))
                break
    return shapes


def _candidates(
    x: float, text: str, plot_width: float, left_room: float, rows: int, max_lines: int = 2
) -> list[Placed]:
    """Every way to place one label within ``rows`` rows, the most natural first: one line before
    two (or more, up to ``max_lines``), rightwards before leftwards, low rows before high ones."""
    out = []
    for drawn, lines in _shapes(text, max_lines):
        width = max(text_px(line) for line in drawn.split(NEWLINE)) + GAP_PX
        sides = []
        if x + width <= plot_width:
            sides.append((x + GAP_PX, x + width))
        if x - width >= -left_room:
            sides.append((x - width, x - GAP_PX))
        for row in range(rows - lines + 1):
            out += [Placed(row, x, left, right, drawn, lines) for left, right in sides]
    return out


def stagger(
    xs: list[float], texts: list[str], plot_width: float, left_room: float = 0, max_lines: int = 2
) -> list[Placed]:
    """Where labels at pixel positions ``xs`` go in a band above a plot ``plot_width`` wide.

    A label runs rightwards or leftwards from its rule (into at most ``left_room`` pixels left of
    the plot: the band above the axis is empty), on one line or broken over two. No label
    overlaps another, and no rule, which runs from its label down to the plot, crosses a label
    below it. The band with the fewest rows that allows this is chosen. A phone's column may allow
    ``max_lines`` over 2: a long label then breaks over up to that many lines.
    """
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    for rows in range(1, MAX_ROWS + 1):
        options = {i: _candidates(xs[i], texts[i], plot_width, left_room, rows, max_lines) for i in order}
        found = _search(order, options, {}, [0])
        if found:
            return [found[i] for i in range(len(xs))]
    # No clean layout (labels far too long for the plot): one label per row, as a last resort.
    return [Placed(r, xs[i], xs[i] + GAP_PX, xs[i] + text_px(texts[i]), texts[i]) for r, i in enumerate(order)]


def _search(order, options, placed, budget) -> dict[int, Placed] | None:
    if len(placed) == len(order):
        return dict(placed)
    budget[0] += 1
    if budget[0] > 20_000:
        return None
    i = order[len(placed)]
    for option in options[i]:
        if not any(_clash(option, q) for q in placed.values()):
            placed[i] = option
            found = _search(order, options, placed, budget)
            if found:
                return found
            del placed[i]
    return None


def room_in_zoom(zoom: str, field: str, plot_width: float) -> str:
    """A filter: in a zoom, a label is drawn only where it fits between its rule and the plot's edge
    it runs towards (``plot_width`` pixels wide; ``datum.px`` is the label's width); unzoomed, always."""
    lo, hi, at = f"time({zoom}.{field}[0])", f"time({zoom}.{field}[1])", f"time(toDate(datum.{field}))"
    room = f"(datum.right ? {at} - {lo} : {hi} - {at}) / ({hi} - {lo}) * {plot_width}"
    return f"!isValid({zoom}.{field}) || {room} >= datum.px + {GAP_PX}"


def annotation_layers(
    marks: pd.DataFrame,
    x: alt.X,
    height: int,
    tooltip: list,
    within: Any = None,
    plot_width: float | None = None,
    spans: Sequence[tuple[float, float]] | None = None,
) -> tuple[list, int]:
    """Rules and labels for ``marks`` (columns ``label``, ``row``, ``right``, and the field of ``x``).

    Each rule runs from its label's row down through the plot (``height`` pixels); the labels sit
    above the plot. ``within``: a zoom (interval selection) outside which no label is drawn, nor one
    that would run past the plot's edge (``plot_width`` pixels) in it. ``spans``: the only stretches
    of the plot (top and bottom, in pixels) a rule runs through, leaving out the labels between them
    (a phone's lanes, named above their marks); by default the whole plot.
    Returns the layers and the number of rows used.
    """
    rows = int(marks["top_row"].max()) + 1 if len(marks) else 0
    frame = marks.assign(
        top=[-(r + 1) * ROW_PX for r in marks["top_row"]],
        rule_top=[-(r + 1) * ROW_PX + 2 for r in marks["top_row"]],
        px=[max(text_px(line) for line in str(t).split(NEWLINE)) for t in marks["drawn"]],
    )
    base = alt.Chart(frame) if within is None else alt.Chart(frame).transform_filter(within)
    labelled = base
    if within is not None and plot_width is not None:
        labelled = base.transform_filter(room_in_zoom(within.name, x.shorthand.split(":")[0], plot_width))
    if spans is None:
        rules = base.mark_rule(strokeDash=[4, 3], color=GREY, clip=False).encode(
            x=x, y=alt.Y("rule_top:Q", scale=None), y2=alt.value(height), tooltip=tooltip
        )
    else:  # from the label down to the plot, then through each span
        pieces = [frame.assign(y0=frame["rule_top"], y1=0), *(frame.assign(y0=a, y1=b) for a, b in spans)]
        cut = alt.Chart(pd.concat(pieces, ignore_index=True))
        rules = (
            (cut if within is None else cut.transform_filter(within))
            .mark_rule(strokeDash=[4, 3], color=GREY, clip=False)
            .encode(x=x, y=alt.Y("y0:Q", scale=None), y2="y1:Q", tooltip=tooltip)
        )
    layers = [rules]
    for right in (False, True):
        layers.append(
            labelled.transform_filter("datum.right" if right else "!datum.right")
            .mark_text(
                align="right" if right else "left", dx=-GAP_PX if right else GAP_PX, baseline="top",
                fontSize=MIN_TEXT, color=MUTED, clip=False, lineBreak=NEWLINE, lineHeight=ROW_PX,
            )
            .encode(x=x, y=alt.Y("top:Q", scale=None), text="drawn:N", tooltip=tooltip)
        )  # fmt: skip
    return layers, rows


def place(
    marks: pd.DataFrame,
    at: str,
    first: pd.Timestamp,
    last: pd.Timestamp,
    plot_width: float,
    left_room: float = 0,
    max_lines: int = 2,
):
    """``marks`` (a ``label`` per row, dated by column ``at``) with where each label goes on a time
    axis from ``first`` to ``last``: ``top_row``, ``right`` (it runs leftwards from its rule) and
    ``drawn`` (the label as drawn, maybe over two lines)."""
    span = max((last - first).total_seconds(), 1.0)
    xs = [(t - first).total_seconds() / span * plot_width for t in marks[at]]
    placed = stagger(xs, list(marks["label"]), plot_width, left_room, max_lines)
    return marks.assign(
        top_row=[p.top for p in placed], right=[p.right <= p.x for p in placed], drawn=[p.text for p in placed]
    )
