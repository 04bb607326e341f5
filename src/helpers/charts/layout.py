"""Two forms of every chart: ``wide`` for the site's column at 1280 px, ``narrow`` for a phone's.

A builder decorated with :func:`two_forms` takes a ``layout`` argument. Called without one, it draws
both forms and returns the wide chart carrying the narrow one's spec in its ``usermeta``
(``usermeta["book"]["narrow"]``, a full Vega-Lite spec over the same rows): JupyterLab draws the wide
chart, and the site (:func:`helpers.images.chart_html`, ``vega-charts.js``) draws the narrow one in a
column narrower than 600 px, with a static image of each form. ``layout="wide"`` or ``"narrow"`` draws
that form alone.

The narrow form is drawn for :data:`NARROW_WIDTH` pixels (a 390 px phone less the page's margins),
with nothing scrolled sideways and no text under 12 px: lanes stacked, each labelled above its marks,
legends under the plot, long labels wrapped to the column.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import altair as alt

from helpers.charts.speed import Frozen
from helpers.charts.theme import WIDTH
from helpers.images import NARROW_KEY
from helpers.tables import TABLE_KEY

WIDE, NARROW = "wide", "narrow"
LAYOUTS = (WIDE, NARROW)
NARROW_WIDTH = 342  # px, a chart's whole width in a 390 px phone's column (the page's margins off)
PADDING = 8  # the theme's padding, each side

F = TypeVar("F", bound=Callable[..., Any])


def check_layout(layout: Any) -> str:
    """``layout`` if it is one of :data:`LAYOUTS`, else a clear error."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout={layout!r} is not a chart layout (expected one of {', '.join(map(repr, LAYOUTS))})")
    return layout


def width_of(layout: str) -> int:
    """A chart's whole width in ``layout``: the column at 1280 px, or a phone's."""
    return WIDTH if check_layout(layout) == WIDE else NARROW_WIDTH


def chars(pixels: float, px_per_char: float = 7.0) -> int:
    """How many characters of 12-px text fit in ``pixels`` (erring short)."""
    return max(8, math.floor(pixels / px_per_char))


def attach(wide: Any, narrow: Any) -> Any:
    """``wide`` carrying ``narrow``'s spec (without a second copy of the rows' table: the page writes
    the wide chart's)."""
    spec = narrow.to_dict()
    meta = spec.get("usermeta", {})
    book = {k: v for k, v in meta.get(TABLE_KEY, {}).items() if k != "table"}
    rest = {k: v for k, v in meta.items() if k != TABLE_KEY}
    spec.pop("usermeta", None)
    if book or rest:
        spec["usermeta"] = {**rest, **({TABLE_KEY: book} if book else {})}
    own = wide.usermeta if isinstance(getattr(wide, "usermeta", None), dict) else {}  # its table
    usermeta = {**own, TABLE_KEY: {**own.get(TABLE_KEY, {}), NARROW_KEY: Frozen(spec)}}
    return wide.properties(usermeta=usermeta)


def two_forms(builder: F) -> F:
    """Make ``builder(..., layout=...)`` draw both forms when called without a layout (see the module)."""

    @functools.wraps(builder)
    def build(*args: Any, layout: str | None = None, **kwargs: Any) -> Any:
        if layout is not None:
            return builder(*args, layout=check_layout(layout), **kwargs)
        wide = builder(*args, layout=WIDE, **kwargs)
        # Altair names unnamed views and params from running counts: drawing the narrow form must not move
        # them, or every later wide chart would change its names (the wide charts stay exactly as they were).
        counts = alt.Chart._counter, alt.Parameter._counter
        try:
            return attach(wide, builder(*args, layout=NARROW, **kwargs))
        finally:
            alt.Chart._counter, alt.Parameter._counter = counts

    return build  # type: ignore[return-value]


LINE = 16  # pixels per line of a narrow form's 12-px labels


def stack(labels: Sequence[Sequence[str]], body: int | Sequence[int], gap: int = 8) -> tuple[list[int], list[int], int]:
    """Rows stacked down a narrow chart, each a label (its lines, ``LINE`` px each) above a body
    ``body`` pixels tall (one height for every row, or one per row), ``gap`` pixels between rows.

    Returns each label's top, each body's top and the height of them all."""
    bodies = [body] * len(labels) if isinstance(body, int) else list(body)
    label_tops, body_tops, y = [], [], 0
    for lines, height in zip(labels, bodies):
        label_tops.append(y)
        y += LINE * len(lines) + 2 if lines else 0
        body_tops.append(y)
        y += height + gap
    return label_tops, body_tops, max(y - gap, 0)
