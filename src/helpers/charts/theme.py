"""The book's look for every chart: palette, category colours and shapes, type, width.

Importing this module registers and enables the Altair theme ``book``: the
Okabe-Ito colour-blind-safe palette (its light colours darkened until every mark has 3:1
contrast on the chart's paper), text of 12 px or more with 4.5:1 contrast, and a white paper
background: each chart is a light card in the site's light and dark modes alike, so one palette
and one legend mean the same thing on every page. Charts are drawn at their own size, at most
``WIDTH`` pixels wide in all (the text column of the site at 1280 px): a narrower screen scrolls
a chart inside its own box (book.css) and never shrinks its text.
"""

from __future__ import annotations

import altair as alt

# Okabe & Ito (2008), colour-blind safe, on white paper: orange, sky blue, reddish purple, yellow
# and grey darkened (same hues) to reach 3:1 against white (WCAG 1.4.11); black swapped for grey.
PALETTE = ["#0072B2", "#C17A00", "#009E73", "#D55E00", "#C0699A", "#3D8AC4", "#A08C00", "#888888"]
PAPER = "#ffffff"  # every chart's own background, in light and dark mode
GREY = "#767676"  # rules, ticks and quiet text: 4.5:1 on PAPER
INK = "#222222"  # text on light fills
MUTED = "#595959"  # chart text: 7:1 on PAPER
MIN_TEXT = 12  # px: no chart text is smaller
# One colour and one shape per event category, the same on every page of the book, so a legend
# means the same thing everywhere. Acts of a body share the blue: decided (square), discussed
# without deciding (triangle-left), declined (cross). Okabe-Ito's yellow is darkened for white pages.
CATEGORY_STYLE = {
    "context": ("#888888", "circle"),
    "information": ("#3D8AC4", "triangle-down"),
    "warning": ("#C17A00", "triangle-up"),
    "deliberation": ("#0072B2", "triangle-left"),
    "decision": ("#0072B2", "square"),
    "refusal": ("#0072B2", "cross"),
    "statement": ("#C0699A", "circle"),
    "violence": ("#D55E00", "diamond"),
    "deployment": ("#009E73", "triangle-right"),
    "investigation": ("#3D8AC4", "diamond"),
    "legal": ("#A08C00", "square"),
}
CATEGORY_ORDER = list(CATEGORY_STYLE)
CATEGORY_COLOURS = {c: colour for c, (colour, _) in CATEGORY_STYLE.items()}
CATEGORY_SHAPES = {c: shape for c, (_, shape) in CATEGORY_STYLE.items()}
# How a statement treated the word genocide (the events' ``word:`` tags): vermilion for used, the
# darkened orange for hedged, blue for avoided.
WORD_COLOURS = {"used": "#D55E00", "hedged": "#C17A00", "avoided": "#0072B2"}
# Fixed colours for the values of a column a chart may colour by (timeline(colour=...)).
VALUE_COLOURS = {"word": WORD_COLOURS}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 630  # px, a chart's whole width (axes, legend and padding included): the site's column at 1280 px


@alt.theme.register("book", enable=True)
def book_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": PAPER,
            "padding": 8,
            # A single or layered chart fits its whole width (labels included) into WIDTH;
            # concatenated charts set their parts' widths themselves (helpers.charts.marks.padded).
            "autosize": {"type": "fit-x", "contains": "padding"},
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "axis": {
                "labelFontSize": MIN_TEXT, "titleFontSize": 13, "labelColor": MUTED, "titleColor": MUTED,
                "gridColor": "#8884", "domainColor": GREY, "tickColor": GREY, "labelLimit": 0,
            },
            "legend": {"labelFontSize": MIN_TEXT, "titleFontSize": 13, "labelColor": MUTED, "titleColor": MUTED,
                       "orient": "bottom", "labelLimit": 0, "titleLimit": 0},
            "title": {"fontSize": 15, "subtitleFontSize": 13, "anchor": "start", "color": MUTED, "subtitleColor": MUTED},
            "header": {"labelColor": MUTED, "titleColor": MUTED, "labelFontSize": MIN_TEXT, "titleFontSize": 13},
            "text": {"color": MUTED, "fontSize": MIN_TEXT},
            # Points in full colour (Vega-Lite draws them at 0.7 opacity, below 3:1 for most colours).
            "point": {"opacity": 1}, "circle": {"opacity": 1}, "square": {"opacity": 1},
            # The same colours whatever theme the page asks Vega for (vega-embed's "dark" theme included).
            "style": {"guide-label": {"fill": MUTED}, "guide-title": {"fill": MUTED}, "group-title": {"fill": MUTED},
                      "group-subtitle": {"fill": MUTED}},
        }
    }  # fmt: skip


def category_scales(present: list[str]) -> tuple[alt.Scale, alt.Scale]:
    """Colour and shape scales for the categories ``present``, in the book's fixed style."""
    return (
        alt.Scale(domain=present, range=[CATEGORY_COLOURS.get(c, GREY) for c in present]),
        alt.Scale(domain=present, range=[CATEGORY_SHAPES.get(c, "circle") for c in present]),
    )
