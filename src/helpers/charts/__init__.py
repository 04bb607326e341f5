"""Altair charts built from the book's data tables, with one accessible look.

Importing the package registers and enables the book's theme
(:mod:`helpers.charts.theme`) and the book's renderer (:mod:`helpers.render`), and makes three of
Altair's hot spots cheap (:mod:`helpers.charts.speed`). Every builder returns an Altair chart whose
``description`` names what it shows and which carries its text alternative,
the rows it was drawn from (:func:`helpers.charts.marks.with_table`); the
book's renderer writes that table, collapsed, under the chart. A builder given
nothing to draw (an empty window) returns a figure that says so.

All interactivity is Vega-Lite's own (params, selections, bound inputs,
tooltips), so it works on the static page with no kernel. The package exposes
the builders and the theme's constants; everything else lives in its modules.
"""

from __future__ import annotations

from helpers.charts.articles import convention_articles
from helpers.charts.compare import compare_cases
from helpers.charts.debate import positions
from helpers.charts.definition import definition_elements
from helpers.charts.findings import findings
from helpers.charts.maps import locator_map
from helpers.charts.ranges import ranges
from helpers.charts.risk import risk_profile
from helpers.charts.speed import install as _speed_up_altair
from helpers.charts.strength import strength
from helpers.charts.theme import (
    CATEGORY_COLOURS,
    CATEGORY_ORDER,
    CATEGORY_SHAPES,
    CATEGORY_STYLE,
    PALETTE,
    WIDTH,
    WORD_COLOURS,
)
from helpers.charts.timeline import timeline
from helpers.charts.trilateral import trilateral, trilateral_interactions
from helpers.charts.warned import warned_and_done
from helpers.render import enable as _enable_renderer

_speed_up_altair()
_enable_renderer()

# The chart builders (tests find them here).
__all__ = [
    "compare_cases",
    "convention_articles",
    "definition_elements",
    "findings",
    "locator_map",
    "positions",
    "ranges",
    "risk_profile",
    "strength",
    "timeline",
    "trilateral",
    "trilateral_interactions",
    "warned_and_done",
]
