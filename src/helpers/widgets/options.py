"""Options on the table: for a date, what the Convention's articles made available against what had
been done (or refused) under each by then, from the book's ``links`` table."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers.dates import label
from helpers.frames import require_table, select_case, with_display_columns
from helpers.widgets.live import LiveView, date_slider


def options_on_record(
    provisions: pd.DataFrame, events: pd.DataFrame, links: dict[str, Sequence[str]], by: pd.Timestamp
) -> pd.DataFrame:
    """For each provision in ``links`` (``{provision id: [event ids]}``): what it made available, and
    the linked events that had certainly happened by ``by`` (their dates fully past)."""
    require_table(provisions, "provisions", ["id", "article", "heading", "measure"])
    require_table(events, "events", ["id", "date", "date_last", "title", "source"])
    known_p, known_e = set(provisions["id"]), set(events["id"])
    bad_p = [p for p in links if p not in known_p]
    bad_e = [e for ids in links.values() for e in ids if e not in known_e]
    if bad_p or bad_e:
        raise ValueError(
            f"links name unknown provisions {bad_p} or events {bad_e} (expected ids from provisions.csv and events.csv)"
        )
    rows = []
    lookup = with_display_columns(events).set_index("id")
    for pid, ids in links.items():
        p = provisions[provisions["id"] == pid].iloc[0]
        linked = lookup.loc[list(ids)].sort_values("start")
        done = linked[linked["date_last"] <= by]
        rows.append(
            {
                "article": p["article"],
                "heading": p["heading"],
                "measure": p["measure"],
                "on_record": [(r.when, r.title, r.cite) for r in done.itertuples()],
                "to_come": len(linked) - len(done),
            }
        )
    return pd.DataFrame(rows)


CELL_STYLE = "text-align: left; vertical-align: top"
LIST_STYLE = "text-align: left; margin: 0; padding-left: 1.1em"


def options_html(table: pd.DataFrame, by: pd.Timestamp) -> Any:
    from IPython.display import HTML

    when = html.escape(label(by))
    body = []
    for r in table.itertuples():
        items = "\n".join(
            f"<li>{html.escape(date)}: {html.escape(title)} <span class='cite'>({html.escape(cite)})</span></li>"
            for date, title, cite in r.on_record
        )
        # Inline styles too: JupyterLab does not load the book's stylesheet, and right-aligns table cells.
        record = f"<ul style='{LIST_STYLE}'>{items}</ul>" if items else "<em>nothing yet</em>"
        later = f"<br><small>{r.to_come} more to come after {when}</small>" if r.to_come else ""
        body.append(
            f"<tr><th scope='row' style='{CELL_STYLE}'>Article {html.escape(r.article)}<br>"
            f"<small>{html.escape(r.heading)}</small></th>"
            f"\n<td style='{CELL_STYLE}'>{html.escape(r.measure)}</td>\n<td style='{CELL_STYLE}'>{record}{later}</td></tr>"
        )
    return HTML(
        f"<table class='table options-table'><caption>What the Convention offered, and what had been done, by {when}</caption>"
        f"<thead><tr><th scope='col' style='{CELL_STYLE}'>Provision</th>\n<th scope='col' style='{CELL_STYLE}'>What it made available</th>"
        f"\n<th scope='col' style='{CELL_STYLE}'>On record by {when}</th></tr></thead><tbody>{chr(10).join(body)}</tbody></table>"
    )


def links_of(links: pd.DataFrame, events: pd.DataFrame) -> dict[str, list[str]]:
    """The ``links`` table's pairs whose event is among ``events``, as ``{provision id: [event ids]}``."""
    require_table(links, "links", ["provision", "event"], allow_empty=True)
    mine = links[links["event"].isin(set(events["id"]))]
    return {p: list(mine.loc[mine["provision"] == p, "event"]) for p in dict.fromkeys(mine["provision"])}


def options_on_the_table(
    provisions: pd.DataFrame,
    events: pd.DataFrame,
    links: pd.DataFrame,
    case: str = "rwanda",
    date: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> LiveView:
    """Pick a date: which measures the Convention's articles made available,
    against what had actually been done (or refused) by then (slider from ``start`` to ``end``).
    ``links`` is the ``links`` table: the pairs whose event is one of the case's are listed."""
    slider = date_slider(events, case, date, start, end)
    links = links_of(links, select_case(events, case))
    options_on_record(provisions, events, links, slider.value)  # fail now, with a clear message, on bad links
    return LiveView(
        {"by": slider},
        lambda by: options_html(options_on_record(provisions, events, links, by), by),
        f"Options on the table: {_cases.names()[case]}",
    )
