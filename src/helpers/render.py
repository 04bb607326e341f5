"""Offline rendering of Altair charts, in a notebook and on the static site.

A chart displayed in a notebook carries two representations:

* ``application/vnd.vegalite.v5+json``: the Vega-Lite spec. JupyterLab (and so
  Binder) draws it natively and interactively, with no network.
* ``text/plain``: a one-line description.

Static images are made where they are read, from the spec, at build time (:mod:`helpers.site.mime`):
on the static site the Vega-Lite output becomes :func:`helpers.images.chart_html`, a container showing
the chart's static SVG at once, which the page's local Vega bundle replaces with the interactive chart
once it has loaded; a LaTeX build gets a PNG. A kernel makes no image nobody sees: that cost about
0.4 s a chart in every run of a chapter, in Binder too, and tripled the size of an executed notebook.

Every chart the book's builders make carries its text alternative, the rows it
was drawn from, in its ``usermeta``. In a notebook (JupyterLab, papermill),
the renderer writes that table, collapsed, as a second output right under the
chart once the cell has run; on the static site, :mod:`helpers.site.mime` writes it
under the chart inside the same output, so that a figure's caption follows both.
"""

from __future__ import annotations

import os
from typing import Any

import altair as alt

from helpers.images import VEGALITE_MIME, describe
from helpers.tables import table_html, table_of

RENDERER_NAME = "book"


def mimebundle(spec: dict[str, Any]) -> dict[str, Any]:
    """The output bundle for a Vega-Lite spec (see the module docstring)."""
    return {VEGALITE_MIME: spec, "text/plain": f"<Chart: {describe(spec)}>"}


BUILD_ENV = "HELPERS_BOOK_BUILD"  # set by helpers.site in the Sphinx build; its kernels inherit it
_pending: list[dict[str, Any]] = []  # tables of charts shown by the running cell


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
