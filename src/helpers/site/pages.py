"""What the extension changes in every page: no thebe, no saved widget state, list items in the
bibliography, links whose text is their address marked, figures numbered per unnumbered page.

Changes are made to the document tree where Sphinx has one (the thebe configuration, the marked
links) and to the page's asset lists otherwise; no regular expression reads the built HTML."""

from __future__ import annotations

from typing import Any

from helpers.site.bundle import load_charts
from helpers.site.mime import externalise_fallbacks

THEBE_MARKS = ("text/x-thebe-config", "kernelName = ")  # the raw HTML sphinx-thebe appends to each page


def _is_thebe(asset: Any) -> bool:
    name = str(getattr(asset, "filename", "") or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def _is_widget_state(asset: Any) -> bool:
    # The saved state of live widgets (often a megabyte): useless without a kernel and
    # the widget manager, which static pages do not load. Widgets show their static view.
    return getattr(asset, "attributes", {}).get("type") == "application/vnd.jupyter.widget-state+json"


def resolved(app: Any, doctree: Any, docname: str) -> None:
    """On each page's resolved document tree (after sphinx-thebe has added its configuration):

    * live code on the page (thebe) is off: it would fetch code from another host, and readers run code in
      Binder instead. sphinx-thebe's configuration, appended as raw HTML, is removed;
    * a link whose text is its own address is marked ``url-shown``, so that the print stylesheet does not
      write the address twice.
    """
    from docutils import nodes

    for raw in list(doctree.findall(nodes.raw)):
        if any(mark in raw.astext() for mark in THEBE_MARKS):
            raw.parent.remove(raw)
    for ref in doctree.findall(nodes.reference):
        if ref.get("refuri") and ref.astext() == ref["refuri"]:
            ref["classes"].append("url-shown")


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    externalise_fallbacks(app, context)
    label_toc_toggles(context)
    load_charts(app, context)
    # Live code on the page (thebe) is off (see resolved()); sphinx-thebe also declares its
    # `const THEBE_JS_URL` twice, a console error on every page. Drop its scripts and style, and
    # the saved widget state.
    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [a for a in context[key] if not _is_thebe(a) and not _is_widget_state(a)]
    body = context.get("body")
    if body:
        # docutils marks a bibliography as role="list" but its entries as the deprecated
        # role="doc-biblioentry", which is not a list item: screen readers (and axe-core)
        # see a broken list. Make the entries list items.
        if 'class="citation-list"' in body:
            body = body.replace('role="doc-biblioentry"', 'role="listitem"')
        context["body"] = body


def label_toc_toggles(context: dict) -> None:
    """Name each toggle of the sidebar's contents for screen readers.

    pydata-sphinx-theme (0.17) opens a page's sub-pages (a guide's handouts) with a ``<summary>`` that holds
    only a decorative chevron: a control without a name (axe-core: summary-name, serious). The theme's
    ``generate_toctree_html`` returns its parsed tree; the wrapper gives each such toggle an ``aria-label``
    naming the page whose sub-pages it shows.
    """
    make = context.get("generate_toctree_html")
    if not callable(make) or getattr(make, "labelled", False):
        return

    def labelled(*args: Any, **kwargs: Any) -> Any:
        tree = make(*args, **kwargs)
        for summary in tree.select("li > details > summary") if hasattr(tree, "select") else []:
            if summary.get_text(strip=True) or summary.get("aria-label"):
                continue
            link = summary.find_parent("li").find("a", recursive=False)
            name = link.get_text(" ", strip=True) if link is not None else "this part"
            summary["aria-label"] = f"Pages under {name}"
        return tree

    labelled.labelled = True
    context["generate_toctree_html"] = labelled


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
