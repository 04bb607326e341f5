"""ipywidgets explorers for live exploration in Binder, over the book's data.

Each builder returns a :class:`LiveView`. With a kernel (JupyterLab, Binder)
it is a live widget: change a control and the view redraws. On the static
site there is no kernel, so the same object also carries a static rendering,
the view for the controls' default values, with a one-line note that the
controls are live in Binder. The book's MyST-NB renderer
(:mod:`helpers.book`) shows that static rendering, never a blank area or a
raw ``Dropdown(...)``.
"""

from __future__ import annotations

import html
from typing import Any, Callable, Sequence

import altair as alt
import pandas as pd

from helpers import charts, data as _data
from helpers.render import chart_html

NOTE = "Static view for the default settings. Open this page in Binder (the rocket icon above) to use the controls."


class LiveView:
    """A live widget with a static rendering for pages without a kernel.

    ``controls`` are ipywidgets; ``view(**values)`` returns what to show for
    the controls' values (an Altair chart, or anything IPython can display).
    """

    def __init__(self, controls: dict[str, Any], view: Callable[..., Any], title: str):
        import ipywidgets as w

        self.controls = controls
        self.view = view
        self.title = title
        self.output = w.Output()
        self.widget = w.VBox([w.HTML(f"<strong>{html.escape(title)}</strong>"), w.HBox(list(controls.values())), self.output])
        for control in controls.values():
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self) -> None:
        from IPython.display import display

        self.output.clear_output(wait=True)
        with self.output:
            display(self.view(**self.values()))

    def static_html(self) -> str:
        """The view for the current (default) values, as static HTML with the Binder note."""
        shown = self.view(**self.values())
        if isinstance(shown, alt.TopLevelMixin):
            body = chart_html(shown.to_dict())
        elif hasattr(shown, "_repr_html_"):
            body = shown._repr_html_()
        else:
            body = f"<pre>{html.escape(str(shown))}</pre>"
        settings = "; ".join(f"{name}: {html.escape(_describe_value(v))}" for name, v in self.values().items())
        return (
            f'<div class="live-view"><p><strong>{html.escape(self.title)}</strong> ({settings})</p>{body}'
            f'<p class="live-note">{html.escape(NOTE)}</p></div>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle = dict(bundle)
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = f"{self.title}: a live explorer (run the notebook to use its controls)."
        return bundle


def _describe_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, pd.Timestamp):
        return charts.date_label(value.strftime("%Y-%m-%d"))
    return str(value)


def date_slider(events: pd.DataFrame, case: str, date: str | None) -> Any:
    """A "By" slider over every day of a case's events, set to ``date`` (default: the last day).

    Raises a clear error for an unknown case, a case with no events, or a
    date outside the span of its events.
    """
    import ipywidgets as w

    _data.check_case(case)
    mine = charts.select_case(charts.require_table(events, "events", ["case", "start", "date_last"]), case)
    if mine.empty:
        raise ValueError(f"no events for case {case!r} (expected rows in events.csv with case={case})")
    days = list(pd.date_range(mine["start"].min(), mine["date_last"].max(), freq="D"))
    value = days[-1]
    if date is not None:
        first, last = charts.window(date, date)
        if not days[0] <= first <= days[-1]:
            raise ValueError(f"date {date!r} lies outside this case's events ({days[0].date()} to {days[-1].date()}) (expected a date inside that span)")
        value = last
    return w.SelectionSlider(options=[(charts.date_label(d.strftime("%Y-%m-%d")), d) for d in days], value=value,
                             description="By", continuous_update=False, layout=w.Layout(width="60%"))


# --------------------------------------------------------------------------
# Explorers
# --------------------------------------------------------------------------


def event_explorer(events: pd.DataFrame, case: str = "rwanda", start: str | None = None, end: str | None = None,
                   categories: Sequence[str] | None = None) -> LiveView:
    """Filter a case's events by category and actor; see them on a timeline."""
    import ipywidgets as w

    _data.check_case(case)
    frame = charts.in_window(charts.select_case(charts.require_table(events, "events", ["case", "category", "actor", "start"]), case), start, end)
    if frame.empty:
        raise ValueError(f"no {case} events between {start or 'the beginning'} and {end or 'the end'} (expected a window that holds at least one event)")
    present = [c for c in charts.CATEGORY_ORDER if c in set(frame["category"])]
    chosen = list(categories) if categories is not None else present
    unknown = [c for c in chosen if c not in present]
    if unknown:
        raise ValueError(f"categories {unknown} not among this case's events (expected some of {', '.join(present)})")
    actors = ["All actors", *sorted(frame["actor"].dropna().unique())]
    controls = {
        "categories": w.SelectMultiple(options=present, value=tuple(chosen), description="Categories", rows=min(8, len(present))),
        "actor": w.Dropdown(options=actors, value="All actors", description="Actor"),
    }

    def view(categories: Sequence[str], actor: str) -> Any:
        shown = frame[frame["category"].isin(categories)]
        if actor != "All actors":
            shown = shown[shown["actor"] == actor]
        if shown.empty:
            return "No events match these filters."
        return charts.timeline(shown, slider=False)

    return LiveView(controls, view, f"Explore the events: {_data.CASE_NAMES[case]}")


def known_vs_done(events: pd.DataFrame, case: str = "rwanda", date: str | None = None,
                  warned: Sequence[str] = ("warning",), acted: Sequence[str] = ("decision", "deployment")) -> LiveView:
    """Pick a date: what had been warned of, against what had been done, by then."""
    slider = date_slider(events, case, date)
    frame = charts.select_case(events, case)

    def view(by: pd.Timestamp) -> alt.Chart:
        return charts.warned_and_done(frame, by, warned=warned, acted=acted)

    return LiveView({"by": slider}, view, f"Warned of, and done: {_data.CASE_NAMES[case]}")


def options_on_record(provisions: pd.DataFrame, events: pd.DataFrame, links: dict[str, Sequence[str]],
                      by: pd.Timestamp) -> pd.DataFrame:
    """For each provision in ``links``: what it made available, and the linked
    events that had certainly happened by ``by`` (their dates fully past)."""
    charts.require_table(provisions, "provisions", ["id", "article", "heading", "measure"])
    charts.require_table(events, "events", ["id", "date", "date_last", "title", "source"])
    known_p, known_e = set(provisions["id"]), set(events["id"])
    bad_p = [p for p in links if p not in known_p]
    bad_e = [e for ids in links.values() for e in ids if e not in known_e]
    if bad_p or bad_e:
        raise ValueError(f"links name unknown provisions {bad_p} or events {bad_e} (expected ids from provisions.csv and events.csv)")
    rows = []
    lookup = charts.labelled(events).set_index("id")
    for pid, ids in links.items():
        p = provisions[provisions["id"] == pid].iloc[0]
        linked = lookup.loc[list(ids)].sort_values("start")
        done = linked[linked["date_last"] <= by]
        rows.append({
            "article": p["article"], "heading": p["heading"], "measure": p["measure"],
            "on_record": [(r.when, r.title, r.cite) for r in done.itertuples()],
            "to_come": len(linked) - len(done),
        })
    return pd.DataFrame(rows)


def options_html(table: pd.DataFrame, by: pd.Timestamp) -> Any:
    from IPython.display import HTML

    label = charts.date_label(by.strftime("%Y-%m-%d"))
    body = []
    for r in table.itertuples():
        items = "".join(f"<li>{html.escape(when)}: {html.escape(title)} <span class='cite'>({html.escape(cite)})</span></li>" for when, title, cite in r.on_record)
        record = f"<ul>{items}</ul>" if items else "<em>nothing yet</em>"
        later = f"<br><small>{r.to_come} more to come after {html.escape(label)}</small>" if r.to_come else ""
        body.append(
            f"<tr><th scope='row'>Article {html.escape(r.article)}<br><small>{html.escape(r.heading)}</small></th>"
            f"<td>{html.escape(r.measure)}</td><td>{record}{later}</td></tr>"
        )
    return HTML(
        f"<table class='table options-table'><caption>What the Convention offered, and what had been done, by {html.escape(label)}</caption>"
        "<thead><tr><th scope='col'>Provision</th><th scope='col'>What it made available</th>"
        f"<th scope='col'>On record by {html.escape(label)}</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def options_on_the_table(provisions: pd.DataFrame, events: pd.DataFrame, links: dict[str, Sequence[str]],
                         case: str = "rwanda", date: str | None = None) -> LiveView:
    """Pick a date: which measures the Convention's articles made available,
    against what had actually been done (or refused) by then."""
    slider = date_slider(events, case, date)
    options_on_record(provisions, events, links, slider.value)  # fail now, with a clear message, on bad links
    return LiveView({"by": slider}, lambda by: options_html(options_on_record(provisions, events, links, by), by),
                    f"Options on the table: {_data.CASE_NAMES[case]}")
