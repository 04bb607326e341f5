"""Offline rendering of Altair charts, in a notebook and on the static site.

A chart displayed in a notebook carries three representations:

* ``application/vnd.vegalite.v5+json``: the Vega-Lite spec. JupyterLab (and so
  Binder) draws it natively and interactively, with no network.
* ``image/png``: a static image made by vl-convert, for PDF/LaTeX builds and
  for viewers that cannot run Vega.
* ``text/plain``: a one-line description.

On the static site, :mod:`helpers.book` turns the Vega-Lite output into
:func:`chart_html`: a container showing the chart's static SVG at once, which the
page's local Vega bundle replaces with the interactive chart once it has loaded.

Every chart the book's builders make carries its text alternative, the rows it
was drawn from, in its ``usermeta``. In a notebook (JupyterLab, papermill),
the renderer writes that table, collapsed, as a second output right under the
chart once the cell has run; on the static site, :mod:`helpers.book` writes it
under the chart inside the same output, so that a figure's caption follows both.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import altair as alt

from helpers import sources

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
VL_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # e.g. "5.20"
RENDERER_NAME = "book"


def _static(spec: dict[str, Any], kind: str) -> bytes | str | None:
    """The spec drawn by vl-convert as ``png`` or ``svg``.

    If vl-convert cannot draw it, say so (a warning, which the book's build
    treats as an error) and return None: the live chart still works in a
    notebook, but PDF readers and readers without JavaScript would get nothing.
    """
    import warnings

    import vl_convert as vlc

    try:
        if kind == "png":
            return vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=1.5)
        return vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
    except Exception as exc:
        warnings.warn(
            f"no static {kind.upper()} for the chart {describe(spec)!r}: vl-convert failed: {exc}", stacklevel=3
        )
        return None


def _png(spec: dict[str, Any]) -> str | None:
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


_static_images = True  # off while a live view redraws: JupyterLab never shows that PNG


@contextmanager
def live_redraw() -> Iterator[None]:
    """Charts displayed inside this block carry no PNG (a live view's redraws: about 200 ms each saved)."""
    global _static_images
    before, _static_images = _static_images, False
    try:
        yield
    finally:
        _static_images = before


def mimebundle(spec: dict[str, Any]) -> dict[str, Any]:
    """The output bundle for a Vega-Lite spec (see the module docstring)."""
    bundle: dict[str, Any] = {
        VEGALITE_MIME: spec,
        "text/plain": f"<Chart: {describe(spec)}>",
    }
    png = _png(spec) if _static_images else None
    if png:
        bundle["image/png"] = png
    return bundle


TABLE_KEY = "book"  # where the builders put the table in a spec's usermeta
BUILD_ENV = "HELPERS_BOOK_BUILD"  # set by helpers.book in the Sphinx build; its kernels inherit it
_pending: list[dict[str, Any]] = []  # tables of charts shown by the running cell


def table_of(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The text-alternative table a chart carries, if any."""
    meta = spec.get("usermeta")
    return meta.get(TABLE_KEY, {}).get("table") if isinstance(meta, dict) else None


def table_html(spec: dict[str, Any], references: str | None = None) -> str:
    """The chart's rows as a collapsed HTML table ('' for a chart without one).

    Cells, rows and the parts of the table are separated by line breaks, so that the page's text
    (what the site's search shows as an excerpt, and indexes) never runs two cells together. A cell
    that cites a bibliography entry (``Maddox 2015, n. 81``, or a bare key) reads as its short
    citation; given ``references``, the address of the bibliography page, it links to the entry.
    """
    table = table_of(spec)
    if not table:
        return ""
    bib = sources.book_bibliography()
    head = "\n".join(f"<th scope='col'>{html.escape(c)}</th>" for c in table["columns"])
    body = "\n".join(
        "<tr>\n" + "\n".join(f"<td>{_cell(str(v), bib, references)}</td>" for v in row) + "\n</tr>"
        for row in table["rows"]
    )
    n = len(table["rows"])
    return (
        f"<details class='chart-data' data-table-for='{html.escape(table['key'])}'>\n"
        f"<summary>{html.escape(table['summary'])} ({n} row{'s' if n != 1 else ''})</summary>\n"
        f"<table class='table'>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</details>"
    )


def _cell(text: str, bib: Any, references: str | None) -> str:
    key = sources.cited_key(text, bib) if bib is not None and text else None
    if key is None:
        return html.escape(text)
    shown = html.escape(sources.short_cite(key, bib) if text == key else text)
    if not references:
        return shown
    return f"<a class='reference internal' href='{html.escape(references)}#{sources.anchor(key)}'>{shown}</a>"


def flush_tables() -> None:
    """Display the tables of the charts shown since the last flush (in the current output)."""
    from IPython.display import HTML, display

    while _pending:
        display(HTML(table_html(_pending.pop(0))))


def _renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    if table_of(spec) and _shell() is not None and not os.environ.get(BUILD_ENV):
        _pending.append(spec)  # written under the chart once the cell has run (the site's renderer writes its own)
    return mimebundle(spec)


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _after_cell(*_args: Any) -> None:
    flush_tables()


def enable() -> None:
    """Register and enable the ``book`` renderer for Altair (idempotent), and write each
    chart's table under it after a notebook cell has run."""
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, _renderer)
    alt.renderers.enable(RENDERER_NAME)
    shell = _shell()
    if shell is not None and _after_cell not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", _after_cell)


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


def chart_html(spec: dict[str, Any], *, fallback: bool = True) -> str:
    """HTML for one chart on the static site.

    The chart's static SVG (drawn by vl-convert at build time, with the chart's description as its
    text alternative) shows at once, in a box of its exact size; the page's ``vega-charts.js`` then
    draws the spec held in the JSON script next to it with the local Vega bundle and puts the
    interactive view in the image's place. Readers without JavaScript keep the image. Under the image,
    a line per input control keeps the room the live chart's controls will take, with a short note.
    """
    chart_id = "vega-" + uuid.uuid4().hex[:12]
    label = html.escape(describe(spec), quote=True)
    # JSON inside <script> must not close the tag early.
    payload = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    placeholder = ""
    if fallback:
        svg = static_svg(spec)
        if svg:
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            # No padding (the theme pads images in dark mode): the image's box is the chart's.
            placeholder = (
                f'<img class="vega-static" alt="{label}"{_svg_size(svg)} decoding="async" style="padding:0" '
                f'src="data:image/svg+xml;base64,{data}">'
            )
            if n := controls(spec):
                placeholder += (
                    f'<div class="vega-controls-space" style="height:{n}lh">'
                    f'<p class="vega-controls-note">{CONTROLS_NOTE}</p></div>'
                )

    return (
        f'<div class="vega-chart" id="{chart_id}" data-spec="{chart_id}-spec">'
        f"{placeholder}</div>"
        f'<script type="application/json" id="{chart_id}-spec">{payload}</script>'
    )
