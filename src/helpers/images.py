"""A chart's static images, made by vl-convert: PNG for notebooks and PDF builds, SVG for the site.

:func:`chart_html` is one chart on the static site: its static SVG at once, in a box of its exact
size, which the page's local Vega bundle replaces with the interactive chart once it has loaded.
"""

from __future__ import annotations

import base64
import html
import json
import re
import uuid
from typing import Any

import altair as alt

from helpers.cache import digest, kept
from helpers.tables import TABLE_KEY

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
NARROW_KEY = "narrow"  # where a chart's narrow form travels: spec["usermeta"]["book"]["narrow"] (helpers.charts.layout)
VL_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # e.g. "5.20"
PNG_SCALE = 1.5  # a printed chart's pixels per point of its spec


def _static(spec: dict[str, Any], kind: str) -> bytes | str | None:
    """The spec drawn by vl-convert as ``png`` or ``svg``, kept in the machine's cache (:mod:`helpers.cache`):
    a course edition, a rebuilt book or a kernel showing the same chart takes the image drawn before.

    If vl-convert cannot draw it, say so (a warning, which the book's build
    treats as an error) and return None: the live chart still works in a
    notebook, but PDF readers and readers without JavaScript would get nothing.
    """
    import warnings

    import vl_convert as vlc

    def draw() -> bytes:
        if kind == "png":
            return vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)
        return vlc.vegalite_to_svg(spec, vl_version=VL_VERSION).encode("utf-8")

    name = digest(spec, kind, PNG_SCALE, VL_VERSION, getattr(vlc, "__version__", "?"))
    try:
        drawn = kept(f"drawings/{name}.{kind}", draw)
    except Exception as exc:
        warnings.warn(
            f"no static {kind.upper()} for the chart {describe(spec)!r}: vl-convert failed: {exc}", stacklevel=3
        )
        return None
    return drawn if kind == "png" else drawn.decode("utf-8")


def png(spec: dict[str, Any]) -> str | None:
    """A base64 PNG of ``spec`` (None, with a warning, if it cannot be drawn)."""
    png = _static(spec, "png")
    return base64.b64encode(png).decode("ascii") if png else None


# vl-convert lays a chart's text out with Arial's metrics (Liberation Sans here, its metric twin), whatever
# the spec's font stack says. The static SVG keeps the spec's stack in its text, so a browser drew it with
# its own system font, wider than the layout allowed: labels ran into each other ("Aug 1993Oct 1993") and
# ran off the image's edge. The static image names the fonts it was measured with instead.
STATIC_FONT = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"
_FONT_ATTR = re.compile(r'font-family="[^"]*"')


def static_svg(spec: dict[str, Any]) -> str | None:
    """An SVG string of ``spec`` (None, with a warning, if it cannot be drawn), its text set in the
    fonts vl-convert measured it with."""
    svg = _static(spec, "svg")
    return _FONT_ATTR.sub(f'font-family="{STATIC_FONT}"', svg) if svg else svg


def describe(spec: dict[str, Any]) -> str:
    """The chart's description (its accessible name), falling back to its title."""
    desc = spec.get("description")
    if desc:
        return str(desc)
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else "Chart"


def _svg_size(svg: str) -> str:
    """The width and height attributes of an SVG's root element ('' if it has none)."""
    root = re.search(r"<svg\b[^>]*>", svg)
    if not root:
        return ""
    sizes = dict(re.findall(r'\s(width|height)="([0-9.]+)"', root.group(0)))
    if "width" not in sizes or "height" not in sizes:
        return ""
    return f' width="{round(float(sizes["width"]))}" height="{round(float(sizes["height"]))}"'


def controls(spec: Any) -> int:
    """How many input controls (parameters bound to an input) Vega-Embed draws under the chart."""
    if isinstance(spec, list):
        return sum(controls(item) for item in spec)
    if not isinstance(spec, dict):
        return 0
    params = spec.get("params") if isinstance(spec.get("params"), list) else []
    own = sum(1 for p in params if isinstance(p, dict) and isinstance(p.get("bind"), dict) and "input" in p["bind"])
    return own + sum(controls(v) for k, v in spec.items() if k not in ("params", "data", "datasets", "usermeta"))


# In the room kept for a chart's controls until the live chart replaces it (vega-charts.js says so
# if the chart library cannot be loaded).
CONTROLS_NOTE = "Interactive controls load with the chart…"
# Below this width the page shows a chart's narrow form, in its static image and live (vega-charts.js
# matches the same query, so that the live chart replaces the image it was drawn like).
NARROW_MEDIA = "(max-width: 599.98px)"
# The width of a control's text, a character of its name or of a menu's longest option, in the page's 16 px
# font (measured in Chromium: "Highlight readings: " 157 px, a menu of 18 characters 156 px), and the room a
# menu's arrow and a radio button take.
NAME_PX, OPTION_PX, MENU_PAD, RADIO_PAD = 8.4, 8.6, 16, 28
COLUMN_PX = 342  # the column a narrow form's controls flow in


def control_lines(spec: Any, width: float = COLUMN_PX) -> int:
    """How many lines Vega-Embed's input controls take in a column ``width`` pixels wide: each control
    starts a line; a menu goes under its name when both do not fit on one, radio buttons flow on."""
    if isinstance(spec, list):
        return sum(control_lines(item, width) for item in spec)
    if not isinstance(spec, dict):
        return 0
    lines = 0
    for p in spec.get("params") if isinstance(spec.get("params"), list) else []:
        bind = p.get("bind") if isinstance(p, dict) else None
        if not isinstance(bind, dict) or "input" not in bind:
            continue
        name = len(str(bind.get("name") or p.get("name", ""))) * NAME_PX
        labels = [str(v) for v in bind.get("labels") or bind.get("options") or []]
        if bind["input"] == "radio":
            widths = [name, *(len(t) * OPTION_PX + RADIO_PAD for t in labels)]
            line, used = 1, 0.0
            for w in widths:
                if used and used + w > width:
                    line, used = line + 1, 0.0
                used += w
            lines += line
        else:
            menu = max((len(t) for t in labels), default=8) * OPTION_PX + MENU_PAD
            lines += 1 if name + menu <= width else 2
    return lines + sum(
        control_lines(v, width) for k, v in spec.items() if k not in ("params", "data", "datasets", "usermeta")
    )


def _controls_space(lines: int, form: str = "") -> str:
    kind = f" vega-form-{form}" if form else ""
    return (
        f'<div class="vega-controls-space{kind}" style="height:{lines}lh">'
        f'<p class="vega-controls-note">{CONTROLS_NOTE}</p></div>'
    )


def _svg_data(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _script(element_id: str, spec: dict[str, Any]) -> str:
    # JSON inside <script> must not close the tag early.
    payload = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{payload}</script>'


def narrow_of(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The narrow form a spec carries, if any."""
    meta = spec.get("usermeta")
    book = meta.get(TABLE_KEY) if isinstance(meta, dict) else None
    narrow = book.get(NARROW_KEY) if isinstance(book, dict) else None
    return narrow if isinstance(narrow, dict) else None


def split_forms(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The wide spec without its narrow form, and the narrow form (None if it has none)."""
    narrow = narrow_of(spec)
    if narrow is None:
        return spec, None
    book = {k: v for k, v in spec["usermeta"][TABLE_KEY].items() if k != NARROW_KEY}
    meta = {k: (book if k == TABLE_KEY else v) for k, v in spec["usermeta"].items() if k != TABLE_KEY or book}
    wide = {
        k: (meta if k == "usermeta" else v) for k, v in spec.items() if k != "usermeta" or meta
    }  # keys kept in order
    return wide, narrow


def chart_html(spec: dict[str, Any], *, fallback: bool = True) -> str:
    """HTML for one chart on the static site.

    The chart's static SVG (drawn by vl-convert at build time, with the chart's description as its
    text alternative) shows at once, in a box of its exact size; the page's ``vega-charts.js`` then
    draws the spec held in the JSON script next to it with the local Vega bundle and puts the
    interactive view in the image's place. Readers without JavaScript keep the image. Under the image,
    a line per input control keeps the room the live chart's controls will take, with a short note.

    A chart with a narrow form (:mod:`helpers.charts.layout`) has two: the container names both specs
    (``data-spec``, ``data-spec-narrow``), the image is a ``<picture>`` whose source for screens below
    600 px (:data:`NARROW_MEDIA`) is the narrow form's SVG, each with its own size, and the room for the
    controls is kept twice, one per form (``vega-form-wide``, ``vega-form-narrow``: book.css shows the
    one for the screen).
    """
    spec, narrow = split_forms(spec)
    chart_id = "vega-" + uuid.uuid4().hex[:12]
    label = html.escape(describe(spec), quote=True)
    placeholder = ""
    if fallback:
        svg = static_svg(spec)
        if svg:
            # No padding (the theme pads images in dark mode): the image's box is the chart's.
            placeholder = (
                f'<img class="vega-static" alt="{label}"{_svg_size(svg)} decoding="async" style="padding:0" '
                f'src="{_svg_data(svg)}">'
            )
            small = static_svg(narrow) if narrow is not None else None
            if small:
                placeholder = (
                    f'<picture><source media="{NARROW_MEDIA}" srcset="{_svg_data(small)}"{_svg_size(small)}>'
                    f"{placeholder}</picture>"
                )
            if n := controls(spec):
                if narrow is None:
                    placeholder += _controls_space(n)
                else:
                    placeholder += _controls_space(n, "wide") + _controls_space(control_lines(narrow), "narrow")
    forms = f' data-spec-narrow="{chart_id}-narrow"' if narrow is not None else ""
    scripts = _script(f"{chart_id}-spec", spec) + (_script(f"{chart_id}-narrow", narrow) if narrow is not None else "")
    return f'<div class="vega-chart" id="{chart_id}" data-spec="{chart_id}-spec"{forms}>{placeholder}</div>{scripts}'
