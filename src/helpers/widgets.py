"""ipywidgets explorers for live exploration in Binder, over the book's data.

Each builder returns a :class:`helpers.live.LiveView`: live with a kernel
(JupyterLab, Binder), and on the static site the view for the controls'
default values with a note that the controls are live in Binder.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers import charts
from helpers.dates import check_parameter, iso, label
from helpers.live import LiveView, date_slider
from helpers.statements import statement_explorer
from helpers.weigh import weigh_factors

__all__ = [
    "LiveView",
    "date_slider",
    "event_explorer",
    "known_vs_done",
    "main_window",
    "options_on_record",
    "options_on_the_table",
    "risk_reader",
    "statement_explorer",
    "weigh_factors",
]

# --------------------------------------------------------------------------
# Explorers
# --------------------------------------------------------------------------


def main_window(events: pd.DataFrame, case: str, data_dir: Any = None) -> tuple[str | None, str | None]:
    """The window an explorer opens on when it is given none: the months of the case's events from a
    year before its onset to a year after its end (``data/cases.csv``; for a case with no end date,
    three years after the onset). A case with no onset in ``cases.csv`` (the Convention) keeps its
    whole record: ``(None, None)``."""
    from helpers.data.loading import load

    rows = load("cases", data_dir)
    rows = rows[rows["case"] == case]
    if rows.empty or not isinstance(rows.iloc[0]["onset"], str) or not rows.iloc[0]["onset"]:
        return None, None
    onset = check_parameter(rows.iloc[0]["onset"], f"cases.csv onset of {case}").first
    ending = rows.iloc[0]["end_date"]
    if isinstance(ending, str) and ending:
        last = check_parameter(ending, f"cases.csv end_date of {case}").last + pd.DateOffset(years=1)
    else:
        last = onset + pd.DateOffset(years=3)
    first = onset - pd.DateOffset(years=1)
    mine = charts.select_case(charts.require_table(events, "events", ["case", "start", "date_last"]), case)
    inside = mine[(mine["date_last"] >= first) & (mine["start"] <= last)]
    if inside.empty:
        return None, None
    return iso(max(inside["start"].min(), first))[:7], iso(min(inside["date_last"].max(), last))[:7]


def event_explorer(
    events: pd.DataFrame,
    case: str = "rwanda",
    start: str | None = None,
    end: str | None = None,
    categories: Sequence[str] | None = None,
) -> LiveView:
    """Filter a case's events by category and actor; see them on a timeline."""
    import ipywidgets as w

    _cases.check_case(case)
    if start is None and end is None:
        start, end = main_window(events, case)
    frame = charts.in_window(
        charts.select_case(charts.require_table(events, "events", ["case", "category", "actor", "start"]), case),
        start,
        end,
    )
    if frame.empty:
        raise ValueError(
            f"no {case} events between {start or 'the beginning'} and {end or 'the end'} (expected a window that holds at least one event)"
        )
    present = [c for c in charts.CATEGORY_ORDER if c in set(frame["category"])]
    chosen = list(categories) if categories is not None else present
    unknown = [c for c in chosen if c not in present]
    if unknown:
        raise ValueError(f"categories {unknown} not among this case's events (expected some of {', '.join(present)})")
    actors = ["All actors", *sorted(frame["actor"].dropna().unique())]
    controls = {
        "categories": w.SelectMultiple(
            options=present, value=tuple(chosen), description="Categories", rows=min(8, len(present))
        ),
        "actor": w.Dropdown(options=actors, value="All actors", description="Actor"),
    }

    def view(categories: Sequence[str], actor: str) -> Any:
        shown = frame[frame["category"].isin(categories)]
        if actor != "All actors":
            shown = shown[shown["actor"] == actor]
        if shown.empty:
            return "No events match these filters."
        return charts.timeline(shown, slider=False)

    return LiveView(controls, view, f"Explore the events: {_cases.names()[case]}")


def known_vs_done(
    events: pd.DataFrame,
    case: str = "rwanda",
    date: str | None = None,
    warned: Sequence[str] = ("warning",),
    acted: Sequence[str] = ("decision", "deployment"),
    start: str | None = None,
    end: str | None = None,
) -> LiveView:
    """Pick a date: what had been warned of, against what had been done, by then.

    The slider and the chart run from ``start`` to ``end`` (give the chapter's window, so that
    every day is wide enough to pick with a mouse); by default over the case's main window
    (:func:`main_window`).
    """
    _cases.check_case(case)
    if start is None and end is None:
        start, end = main_window(events, case)
    slider = date_slider(events, case, date, start, end)
    frame = charts.in_window(charts.select_case(events, case), start, end)

    def view(by: pd.Timestamp) -> alt.Chart:
        return charts.warned_and_done(frame, by, warned=warned, acted=acted)

    return LiveView({"by": slider}, view, f"Warned of, and done: {_cases.names()[case]}")


def options_on_record(
    provisions: pd.DataFrame, events: pd.DataFrame, links: dict[str, Sequence[str]], by: pd.Timestamp
) -> pd.DataFrame:
    """For each provision in ``links``: what it made available, and the linked
    events that had certainly happened by ``by`` (their dates fully past)."""
    charts.require_table(provisions, "provisions", ["id", "article", "heading", "measure"])
    charts.require_table(events, "events", ["id", "date", "date_last", "title", "source"])
    known_p, known_e = set(provisions["id"]), set(events["id"])
    bad_p = [p for p in links if p not in known_p]
    bad_e = [e for ids in links.values() for e in ids if e not in known_e]
    if bad_p or bad_e:
        raise ValueError(
            f"links name unknown provisions {bad_p} or events {bad_e} (expected ids from provisions.csv and events.csv)"
        )
    rows = []
    lookup = charts.labelled(events).set_index("id")
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


def options_on_the_table(
    provisions: pd.DataFrame,
    events: pd.DataFrame,
    links: dict[str, Sequence[str]],
    case: str = "rwanda",
    date: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> LiveView:
    """Pick a date: which measures the Convention's articles made available,
    against what had actually been done (or refused) by then (slider from ``start`` to ``end``)."""
    slider = date_slider(events, case, date, start, end)
    options_on_record(provisions, events, links, slider.value)  # fail now, with a clear message, on bad links
    return LiveView(
        {"by": slider},
        lambda by: options_html(options_on_record(provisions, events, links, by), by),
        f"Options on the table: {_cases.names()[case]}",
    )


def risk_reader(
    readings: pd.DataFrame,
    events: pd.DataFrame,
    case: str,
    as_of: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> LiveView:
    """Read the risk like the UN: mark each risk factor of the Framework of Analysis
    (present, unclear or absent, with a note of your own) and see your profile
    beside the book's, with the evidence on record by the date on the slider.

    On the static page it shows the book's reading for ``as_of`` (nothing is
    marked yet); in a kernel every mark and note redraws the grid. Raises a
    clear error for an unknown case or a case with no risk readings.
    """
    import ipywidgets as w

    _cases.check_case(case)
    book = charts.risk_table(readings, events, case, as_of)  # checks the readings before any control is built
    slider = date_slider(events, case, as_of, start, end)
    marks = {
        topic: w.Dropdown(
            options=[charts.risk.NOT_MARKED, *charts.risk.POSITIONS], value=charts.risk.NOT_MARKED,
            description=f"Factor {number}", layout=w.Layout(width="230px"),
        )
        for topic, number in zip(book["topic"], book["number"])
    }  # fmt: skip
    notes = {topic: w.Text(placeholder="your evidence or reason", layout=w.Layout(width="360px")) for topic in marks}

    def view(by: pd.Timestamp, **marked: str) -> Any:
        mine = {t: (marked[t], notes[t].value) for t in marks if marked[t] != charts.risk.NOT_MARKED}
        return charts.risk_profile(readings, events, case, as_of=iso(by), compare=mine or None)

    live = LiveView({"by": slider, **marks}, view, f"Read the risk like the UN: {_cases.names()[case]}")
    rows = [
        w.HBox([marks[t], notes[t], w.HTML(f"<small>{html.escape(name)}</small>")])
        for t, name in zip(book["topic"], book["factor"])
    ]
    live.widget = w.VBox([w.HTML(f"<strong>{html.escape(live.title)}</strong>"), slider, *rows, live.output])
    for note in notes.values():
        note.observe(lambda _change: live.refresh(), names="value")
    return live
