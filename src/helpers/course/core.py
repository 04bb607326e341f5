"""A chapter's core path: the sections that carry its argument, for a school's shorter edition.

A chapter marks its core sections by tagging their cells ``core`` (in JupyterLab: the property
inspector's cell tags; the template explains it). ``python -m helpers.course build ... --core`` builds
an edition with only those cells: :func:`core_notebook` leaves out every other markdown cell, and the
site extension (:mod:`helpers.site.core`) leaves out every other code cell's output, except a figure
that a kept paragraph refers to. Code cells stay in the notebook unchanged, so the edition reuses the
book's execution cache and runs nothing again.

Word counts and reading times (:func:`words`, :func:`minutes`) are computed from the prose the way a
reader meets it: the markdown a page shows (not a cell tagged ``remove-cell``, which only the notebook
shows), without markup, code or citations.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from helpers.course.catalog import plain

TAG = "core"
NOTEBOOK_ONLY = ("remove-cell", "remove_cell")  # tags of cells the site leaves out (MyST-NB)
WORDS_PER_MINUTE = 230  # an adult's silent reading of a textbook's prose


def tags(cell: dict[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def on_the_page(cell: dict[str, Any]) -> bool:
    """A cell the site shows (the notebook shows every cell)."""
    return not set(NOTEBOOK_ONLY) & set(tags(cell))


def is_core(cell: dict[str, Any]) -> bool:
    return TAG in tags(cell)


def source(cell: dict[str, Any]) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def prose(cells: list[dict[str, Any]], core_only: bool = False) -> str:
    """The page's markdown as plain words: every markdown cell the site shows (or only the core ones)."""
    chosen = [
        source(c) for c in cells if c["cell_type"] == "markdown" and on_the_page(c) and (is_core(c) or not core_only)
    ]
    return "\n\n".join(plain_prose(text) for text in chosen)


def plain_prose(markdown: str) -> str:
    """Markdown as the words a reader reads: no fences, directive options, heading marks, table rules,
    list markers, roles' markup or citations (:func:`helpers.course.catalog.plain`)."""
    lines = [line for line in markdown.splitlines() if not re.match(r"\s*(```|:::|:[\w-]+:|\|?\s*-{3})", line)]
    text = "\n".join(lines)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", text, flags=re.M)
    return plain(text.replace("|", " "))


def words(text: str) -> int:
    return len(re.findall(r"[^\W_](?:[\w’'.,/-]*[^\W_])?", text))


def minutes(n_words: int) -> float:
    return n_words / WORDS_PER_MINUTE


def core_notebook(notebook: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``notebook`` with only its core markdown cells, and every code cell unchanged (so that
    the book's execution cache still matches it; the site leaves out the non-core cells' output)."""
    out = copy.deepcopy(notebook)
    out["cells"] = [c for c in out["cells"] if c["cell_type"] != "markdown" or is_core(c)]
    out.setdefault("metadata", {})["book_edition"] = "core"
    return out


FIGURE_REF = re.compile(r"\{numref\}`(?:[^`<]*<)?([\w-]+)>?`")


def figure_name(cell: dict[str, Any]) -> str | None:
    return cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")


def kept_cells(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cells a core edition shows: the core cells, and a figure that a core paragraph refers to."""
    referred = set(
        FIGURE_REF.findall("\n".join(source(c) for c in cells if c["cell_type"] == "markdown" and is_core(c)))
    )
    return [c for c in cells if on_the_page(c) and (is_core(c) or figure_name(c) in referred)]
