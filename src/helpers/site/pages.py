"""What the extension changes in every page: no thebe, no saved widget state, list items in the
bibliography, links whose text is their address marked, figures numbered per unnumbered page."""

from __future__ import annotations

import re
from typing import Any

from helpers.site.bundle import load_charts
from helpers.site.mime import externalise_fallbacks

THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.S)


def _is_thebe(asset: Any) -> bool:
    name = str(getattr(asset, "filename", "") or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def _is_widget_state(asset: Any) -> bool:
    # The saved state of live widgets (often a megabyte): useless without a kernel and
    # the widget manager, which static pages do not load. Widgets show their static view.
    return getattr(asset, "attributes", {}).get("type") == "application/vnd.jupyter.widget-state+json"


URL_AS_TEXT = re.compile(r'<a class="reference external" href="([^"]+)">\1</a>')


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    externalise_fallbacks(app, context)
    load_charts(app, context)
    # Live code on the page (thebe) is off: it would fetch code from another host, and
    # sphinx-thebe declares its `const THEBE_JS_URL` twice, a console error on every page.
    # Readers run code in Binder instead. Drop its scripts, style and config, and the
    # saved widget state.
    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [a for a in context[key] if not _is_thebe(a) and not _is_widget_state(a)]
    body = context.get("body")
    if body:
        body = THEBE_CONFIG.sub("", body)
        # docutils marks a bibliography as role="list" but its entries as the deprecated
        # role="doc-biblioentry", which is not a list item: screen readers (and axe-core)
        # see a broken list. Make the entries list items.
        if 'class="citation-list"' in body:
            body = body.replace('role="doc-biblioentry"', 'role="listitem"')
        # A link whose text is its address: the print stylesheet does not write the address twice.
        body = URL_AS_TEXT.sub(r'<a class="reference external url-shown" href="\1">\1</a>', body)
        context["body"] = body


def number_figures_per_page(app: Any, env: Any) -> list[str]:
    """Figures on unnumbered pages (About, Make your own chart) numbered from 1 on each page.

    Sphinx numbers them with one counter shared by every unnumbered page, so the second such page
    began at "Figure 2". Numbered chapters keep their "Figure N.M". Runs after Sphinx has assigned
    the numbers (``env-get-updated``); returns the pages renumbered, to be written again.
    """
    changed = []
    for docname, figtypes in env.toc_fignumbers.items():
        if env.toc_secnumbers.get(docname):
            continue  # a numbered chapter
        for numbers in figtypes.values():
            if any(len(n) != 1 for n in numbers.values()):
                continue
            order = sorted(numbers, key=numbers.get)
            fresh = {fig: (i,) for i, fig in enumerate(order, start=1)}
            if fresh != numbers:
                numbers.update(fresh)
                changed.append(docname)
    return sorted(set(changed))
