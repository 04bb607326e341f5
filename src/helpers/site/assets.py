"""What each page loads: only the extensions' files it uses, and no script that holds up its first paint.

Jupyter Book adds every extension's styles and scripts to every page, in the page's ``<head>``, where each
script stops the browser from drawing the page until it has been fetched and run: on a phone on a slow
connection, a dozen round trips before the first line of text. :func:`trim_assets` (on
``html-page-context``) gives each page

* sphinx-design's stylesheet (55 KB) and tab script only if the page uses one of its components
  (``sd-`` classes; the book uses none today);
* the copy button's script, stylesheet and clipboard library only if the page shows code;
* sphinx-togglebutton's script and stylesheet only if the page has something it toggles
  (``.toggle``, or an ``.admonition.dropdown``: the chapters' answers);
* every other script ``defer``-red, so that it runs after the page is parsed and in the same order,
  except ``documentation_options.js``, which the page's inline scripts extend at once (it is 0.3 KB);
* each chart's static image (``img.vega-static``) with ``loading="lazy"``: fetched as the reader nears
  it, not with the text at the top of the page (its width and height are set, so nothing moves when it
  comes). The chart library itself is fetched the same way, by ``vega-charts.js``.
"""

from __future__ import annotations

import re
from typing import Any

SPHINX_DESIGN = ("sphinx-design", "design-tabs.js")
COPYBUTTON = ("copybutton", "clipboard.min.js")
TOGGLEBUTTON = ("togglebutton",)
USES_DESIGN = re.compile(r'class="[^"]*\bsd-')
USES_CODE = re.compile(r'<pre[\s>]|class="[^"]*\bhighlight\b')
USES_TOGGLE = re.compile(r'class="[^"]*\b(?:toggle|dropdown)\b')
CHART_IMAGE = re.compile(r'(<img\b(?![^>]*\bloading=)(?=[^>]*\bclass="vega-static")[^>]*?)(\s*/?>)')
RUN_AT_ONCE = ("documentation_options.js",)  # the page's inline scripts set DOCUMENTATION_OPTIONS.pagename


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _unused(body: str) -> tuple[str, ...]:
    """The file-name fragments of the extensions' files this page does not use."""
    unused: list[str] = []
    if not USES_DESIGN.search(body):
        unused += SPHINX_DESIGN
    if not USES_CODE.search(body):
        unused += COPYBUTTON
    if not USES_TOGGLE.search(body):
        unused += TOGGLEBUTTON
    return tuple(unused)


def deferred(asset: Any) -> Any:
    """``asset`` (a Sphinx script) with ``defer``, unless it has no file, already waits, or must run at once."""
    if not hasattr(asset, "attributes"):
        return asset  # an old-style script given by its name alone
    attributes = dict(asset.attributes or {})
    name = _name(asset)
    if not name or "async" in attributes or "defer" in attributes or name.endswith(RUN_AT_ONCE):
        return asset
    if attributes.get("type") not in (None, "", "text/javascript", "module"):
        return asset  # data, not a script
    return type(asset)(asset.filename, priority=asset.priority, **attributes, defer="defer")


def trim_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html" or context.get("body") is None:
        return
    context["body"] = CHART_IMAGE.sub(r'\1 loading="lazy"\2', context["body"])
    unused = _unused(context["body"])
    for key in ("script_files", "css_files"):
        if context.get(key):
            kept = [a for a in context[key] if not any(part in _name(a) for part in unused)]
            context[key] = [deferred(a) for a in kept] if key == "script_files" else kept
