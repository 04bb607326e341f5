"""A course's core edition on the site: only the code cells a chapter tags ``core``, and the figures its
kept paragraphs refer to (:mod:`helpers.course.core` explains the core path).

The course command stages each notebook with only its core markdown cells and every code cell
unchanged, so the book's execution cache still matches it, and sets ``book_core_only`` in the course's
configuration. Here, right after a page is read, every code cell not tagged ``core`` is taken out of the
page, unless it draws a figure that the page still refers to.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from helpers.course.core import TAG

CONFIG = "book_core_only"


class CoreOnly(SphinxTransform):
    """Leave out the code cells (and their outputs) of a page's non-core sections."""

    default_priority = 100  # before references and figure numbers are worked out

    def apply(self, **kwargs: Any) -> None:
        if not getattr(self.config, CONFIG, False):
            return
        referred = {str(x.get("reftarget", "")).lower() for x in self.document.findall(addnodes.pending_xref)}
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code":
                continue
            metadata = cell.get("cell_metadata") or {}
            figure = str(metadata.get("mystnb", {}).get("figure", {}).get("name", "")).lower()
            if TAG in metadata.get("tags", []) or (figure and figure in referred):
                continue
            cell.parent.remove(cell)


def setup(app: Any) -> None:
    app.add_config_value(CONFIG, False, "env")
    app.add_transform(CoreOnly)
