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


def _dates(frame: pd.DataFrame) -> list[pd.Timestamp]:
    days = pd.date_range(frame["start"].min(), frame["date_last"].max(), freq="D")
    return list(days)


# --------------------------------------------------------------------------
# Explorers
# --------------------------------------------------------------------------


def event_explorer(events: pd.DataFrame, case: str = "rwanda", start: str | None = None, end: str | None = None,
                   categories: Sequence[str] | None = None) -> LiveView:
    """Filter a case's events by category and actor; see them on a timeline."""
    import ipywidgets as w

    _data.check_case(case)
    frame = charts.in_window(charts.select_case(charts._require_frame(events, "events", ["case", "category", "actor", "start"]), case), start, end)
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
    import ipywidgets as w

    _data.check_case(case)
    frame = charts.select_case(charts._require_frame(events, "events", ["case", "category", "start", "title"]), case)
    if frame.empty:
        raise ValueError(f"no events for case {case!r} (expected rows in events.csv with case={case})")
    days = _dates(frame)
    default = days[-1]
    if date is not None:
        first, last = charts.window(date, date)
        if not days[0] <= first <= days[-1]:
            raise ValueError(f"date {date!r} lies outside this case's events ({days[0].date()} to {days[-1].date()}) (expected a date inside that span)")
        default = last
    options = [(charts.date_label(d.strftime("%Y-%m-%d")), d) for d in days]
    controls = {"by": w.SelectionSlider(options=options, value=default, description="By", continuous_update=False,
                                        layout=w.Layout(width="60%"))}

    def view(by: pd.Timestamp) -> alt.Chart:
        return charts.warned_and_done(frame, by, warned=warned, acted=acted)

    return LiveView(controls, view, f"Warned of, and done: {_data.CASE_NAMES[case]}")
