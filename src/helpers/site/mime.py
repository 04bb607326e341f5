"""The MyST-NB mime renderer: a Vega-Lite output becomes a local chart container with its data table
under it, and live widgets give way to their static rendering; chart images move out of the page."""

from __future__ import annotations

import base64
import hashlib
import re
import typing
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from helpers.images import VEGALITE_MIME, chart_html, describe, png
from helpers.tables import table_html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "epub")


class chart_image(nodes.General, nodes.Element):
    """A chart's place in a printed (LaTeX) book: :class:`PrintedCharts` draws it as a PNG when, and
    only when, a LaTeX build writes the page. Sphinx reads a page once for every builder, so the node
    that MyST-NB makes when it reads the notebook carries both the HTML chart and this one."""


class PrintedCharts(SphinxPostTransform):
    """At write time: in a LaTeX build, each chart becomes the PNG vl-convert draws from its spec (the
    kernels make no image); every other builder drops the node."""

    default_priority = 200

    def run(self, **_kwargs: Any) -> None:
        for node in list(self.document.findall(chart_image)):
            drawn = png(node["spec"]) if self.app.builder.format == "latex" else None
            if not drawn:
                node.parent.remove(node)
                continue
            data = base64.b64decode(drawn)
            name = f"chart-{hashlib.sha1(data).hexdigest()[:16]}.png"
            (Path(self.app.builder.outdir) / name).write_bytes(data)  # the LaTeX writer names it as it is
            node.replace_self(nodes.image(uri=name, alt=describe(node["spec"]), candidates={"*": name}))


BIBLIOGRAPHY = "references"  # the page with the book's {bibliography}


class VegaLiteMimeRenderer:
    """MyST-NB mime renderer: Vega-Lite outputs become local chart containers."""

    mime_priority_overrides: typing.ClassVar = [
        *((b, VEGALITE_MIME, 5) for b in HTML_BUILDERS),
        # A live widget needs a kernel; on the static page its bundle's text/html
        # (the static rendering and the "live in Binder" note) is shown instead.
        *((b, WIDGET_MIME, None) for b in HTML_BUILDERS),
        ("latex", VEGALITE_MIME, 5),
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != VEGALITE_MIME or inline:
            return None
        spec = data.content
        if isinstance(spec, (str, bytes)):
            import json

            spec = json.loads(spec)
        # The chart and, under it, its data table: one output, so that a figure's caption follows both.
        table = table_html(spec, references=_references_uri(renderer))
        return [
            nodes.raw(text=chart_html(spec) + table, format="html", classes=["output", "vega-output"]),
            chart_image(spec=spec),
        ]


def _references_uri(renderer: Any) -> str | None:
    """The bibliography page's address from the page being read (None if the book has none)."""
    env = getattr(getattr(renderer, "renderer", None), "sphinx_env", None)
    if env is None or env.app.builder.format != "html" or BIBLIOGRAPHY not in env.found_docs:
        return None
    return env.app.builder.get_relative_uri(env.docname, BIBLIOGRAPHY)


INLINE_FALLBACK = re.compile(
    r'(<img class="vega-static" alt="[^"]*"[^>]* src="|<source media="[^"]*" srcset=")'
    r'data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)(")'
)
SPEC = re.compile(r'<script type="application/json" id="(vega-[0-9a-f]+)-(spec|narrow)">(.*?)</script>', re.S)
SPECS = "vega-specs"  # where a chart's specs go, in _static/
ATTRIBUTE = {"spec": "data-spec", "narrow": "data-spec-narrow"}  # a spec's script, named by the container


def _stored(app: Any, context: dict, folder: str, data: bytes, suffix: str) -> str:
    """``data`` written once into ``_static/<folder>/`` under its content's hash; its address from the page."""
    target = Path(app.outdir) / "_static" / folder
    target.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16] + suffix
    if not (target / name).exists():
        (target / name).write_bytes(data)
    return context["pathto"](f"_static/{folder}/{name}", 1)


def externalise_fallbacks(app: Any, context: dict) -> None:
    """Move each chart's static SVGs (shown until the interactive chart is drawn, and kept by
    readers without JavaScript) out of the page into ``_static/vega-static/``, and each chart's
    specs (wide and narrow) into ``_static/vega-specs/``: pages stay small for readers on slow
    connections (the Convention chapter's three specs were half of its gzipped page), a chart's
    spec is fetched only when the chart is drawn and only in the form drawn (``data-spec-src``,
    ``data-spec-narrow-src``, read by vega-charts.js), and what several pages share is fetched once."""
    body = context.get("body")
    if not body:
        return
    if "data:image/svg+xml;base64," in body:

        def move(match: re.Match) -> str:
            url = _stored(app, context, "vega-static", base64.b64decode(match.group(2)), ".svg")
            return match.group(1) + url + match.group(3)

        body = INLINE_FALLBACK.sub(move, body)
    for chart_id, form, payload in SPEC.findall(body):
        url = _stored(app, context, SPECS, payload.replace("<\\/", "</").encode("utf-8"), ".json")
        attribute = ATTRIBUTE[form]
        body = body.replace(f'{attribute}="{chart_id}-{form}"', f'{attribute}-src="{url}"', 1)
    context["body"] = SPEC.sub("", body)
