"""A chart's text alternative: the rows it was drawn from, as the collapsed HTML table under it.

The builders put the table in the chart's ``usermeta`` (:func:`helpers.charts.marks.with_table`);
the notebook renderer (:mod:`helpers.render`) and the site's (:mod:`helpers.site.mime`) write it.
"""

from __future__ import annotations

import html
from typing import Any

from helpers import sources

TABLE_KEY = "book"  # where the builders put the table in a spec's usermeta


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
        "<tr>\n" + "\n".join(f"<td>{sources.linked_html(str(v), bib, references)}</td>" for v in row) + "\n</tr>"
        for row in table["rows"]
    )
    n = len(table["rows"])
    return (
        f"<details class='chart-data' data-table-for='{html.escape(table['key'])}'>\n"
        f"<summary>{html.escape(table['summary'])} ({n} row{'s' if n != 1 else ''})</summary>\n"
        + (f"<p class='chart-note'>{html.escape(table['note'])}</p>\n" if table.get("note") else "")
        + f"<table class='table'>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</details>"
    )
