"""Live views for Binder, with a static rendering for pages without a kernel.

A :class:`LiveView` is a live ipywidgets view with a kernel (JupyterLab,
Binder): change a control and the view redraws. On the static site there is
no kernel, so the same object also carries a static rendering, the view for
the controls' default values, with a one-line note that the controls are live
in Binder. The book's MyST-NB renderer (:mod:`helpers.site.mime`) shows that
static rendering, never a blank area or a raw ``Dropdown(...)``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pandas as pd

from helpers import render
from helpers.dates import check_parameter, iso, label
from helpers.frames import require_table, select_case

# Under an explorer's view on the site: what the view shows, and where its controls work. It sends no
# one to do what the page cannot (the page's launch button opens the notebook in Binder).
NOTE = "Shown for the chapter's own settings. Open this page in Binder (the rocket icon above) to change them."


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
        self.widget = w.VBox(
            [w.HTML(f"<strong>{html.escape(title)}</strong>"), w.HBox(list(controls.values())), self.output]
        )
        for control in controls.values():
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self) -> None:
        """Redraw the view for the controls' values."""
        from IPython.display import display

        self.output.clear_output(wait=True)
        with self.output:
            display(self.view(**self.values()))
            render.flush_tables()  # a chart's table goes under it, inside the live view

    def settings(self) -> str:
        """The controls' current settings as the static page's heading gives them (escaped HTML): each
        control by its own label ("by 15 January 2014", "Article VIII"), never by its internal name,
        and without the controls left at "not marked", "All ..." or every option chosen."""
        return "; ".join(html.escape(s) for s in map(setting, self.controls.values()) if s)

    def static_html(self) -> str:
        """The view for the current (default) values, as static HTML with the Binder note."""
        from helpers import images, tables

        shown = self.view(**self.values())
        if hasattr(shown, "to_dict") and hasattr(shown, "_repr_mimebundle_"):  # an Altair chart
            spec = shown.to_dict()
            body = images.chart_html(spec) + tables.table_html(spec)
        elif hasattr(shown, "_repr_html_"):
            body = shown._repr_html_()
        else:
            body = f"<pre>{html.escape(str(shown))}</pre>"
        settings = self.settings()
        return (
            f'<div class="live-view"><p><strong>{html.escape(self.title)}</strong>'
            f"{f' ({settings})' if settings else ''}</p>{body}"
            f'<p class="live-note">{html.escape(NOTE)}</p></div>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = f"{self.title}: a live explorer (run the notebook to use its controls)."
        return bundle


UNSET = ("not marked", "not weighed")  # a control's value that says nothing has been set


def setting(control: Any) -> str:
    """One control's setting in words, or "" when it is at a value that sets nothing."""
    value, options = control.value, getattr(control, "options", None)
    if isinstance(value, tuple) and options is not None and len(value) == len(options):
        return ""  # every option chosen: nothing is filtered out
    shown = getattr(control, "label", None)
    shown = ", ".join(shown) if isinstance(shown, tuple) else shown
    if not isinstance(shown, str):
        shown = describe_value(value)
    if not shown or shown in UNSET or shown == "All" or shown.startswith("All "):
        return ""
    name = str(getattr(control, "description", "") or "").strip()
    if not name or shown.lower().startswith(name.lower()):
        return shown
    return f"by {shown}" if name.lower() == "by" else f"{name.lower()}: {shown}"


def describe_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, pd.Timestamp):
        return label(value)
    return str(value)


def date_slider(
    events: pd.DataFrame, case: str, date: str | None, start: str | None = None, end: str | None = None
) -> Any:
    """A "By" slider over every day from ``start`` to ``end`` (default: the span of the case's
    events), set to ``date`` (default: the last day).

    Raises a clear error for an unknown case, a case with no events, or a date
    outside the slider's span.
    """
    import ipywidgets as w

    mine = select_case(require_table(events, "events", ["case", "start", "date_last"]), case)
    if mine.empty:
        raise ValueError(f"no events for case {case!r} (expected rows in events.csv with case={case})")
    first = check_parameter(start, "start").first if start is not None else mine["start"].min()
    last = check_parameter(end, "end").last if end is not None else mine["date_last"].max()
    days = list(pd.date_range(first, last, freq="D"))
    value = days[-1]
    if date is not None:
        span = check_parameter(date, "date")
        if not days[0] <= span.first <= days[-1]:
            raise ValueError(
                f"date {date!r} lies outside the slider's span ({iso(days[0])} to {iso(days[-1])}) (expected a date inside it)"
            )
        value = span.last
    return w.SelectionSlider(options=[(label(d), d) for d in days], value=value, description="By",
                             continuous_update=False, layout=w.Layout(width="60%"))  # fmt: skip
