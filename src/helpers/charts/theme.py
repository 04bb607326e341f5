"""The book's look for every chart: palette, category colours and shapes, type, width.

Importing this module registers and enables the Altair theme ``book``: the
Okabe-Ito colour-blind-safe palette, legible type, a transparent background
(readable in the site's light and dark modes) and a width that follows the page.
"""

from __future__ import annotations

import altair as alt

# Okabe & Ito (2008), colour-blind safe; black swapped for a grey that reads on dark backgrounds too.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"]
GREY = "#888"
# One colour and one shape per event category, the same on every page of the book, so a legend
# means the same thing everywhere. Acts of a body share the blue: decided (square), discussed
# without deciding (triangle-left), declined (cross). Okabe-Ito's yellow is darkened for white pages.
CATEGORY_STYLE = {
    "context": ("#999999", "circle"),
    "information": ("#56B4E9", "triangle-down"),
    "warning": ("#E69F00", "triangle-up"),
    "deliberation": ("#0072B2", "triangle-left"),
    "decision": ("#0072B2", "square"),
    "refusal": ("#0072B2", "cross"),
    "statement": ("#CC79A7", "circle"),
    "violence": ("#D55E00", "diamond"),
    "deployment": ("#009E73", "triangle-right"),
    "investigation": ("#56B4E9", "diamond"),
    "legal": ("#A08C00", "square"),
}
CATEGORY_ORDER = list(CATEGORY_STYLE)
CATEGORY_COLOURS = {c: colour for c, (colour, _) in CATEGORY_STYLE.items()}
CATEGORY_SHAPES = {c: shape for c, (_, shape) in CATEGORY_STYLE.items()}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 660  # charts are drawn this wide and shrink with the page (book.css)
MUTED = "#666"


@alt.theme.register("book", enable=True)
def book_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": "transparent",
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "axis": {
                "labelFontSize": 12, "titleFontSize": 13, "labelColor": MUTED, "titleColor": MUTED,
                "gridColor": "#8884", "domainColor": GREY, "tickColor": GREY,
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": MUTED, "titleColor": MUTED, "orient": "bottom"},
            "title": {"fontSize": 15, "anchor": "start", "color": MUTED, "subtitleColor": MUTED},
            "header": {"labelColor": MUTED, "titleColor": MUTED},
            "text": {"color": MUTED},
        }
    }  # fmt: skip


def category_scales(present: list[str]) -> tuple[alt.Scale, alt.Scale]:
    """Colour and shape scales for the categories ``present``, in the book's fixed style."""
    return (
        alt.Scale(domain=present, range=[CATEGORY_COLOURS.get(c, GREY) for c in present]),
        alt.Scale(domain=present, range=[CATEGORY_SHAPES.get(c, "circle") for c in present]),
    )
