"""Altair charts built from the book's data tables, with one accessible look.

``import helpers.charts`` registers and enables the book's theme: the
Okabe-Ito colour-blind-safe palette, legible type, a transparent background
(readable in the site's light and dark modes) and a width that follows the
page. Every builder returns an ``alt.Chart`` (or a composition) whose
``description`` names what it shows; :func:`data_table` gives the text
alternative, the rows a chart shows.

All interactivity is Vega-Lite's own (params, selections, bound inputs,
tooltips), so it works on the static page with no kernel.
"""

from __future__ import annotations

import html
from typing import Any, Iterable, Sequence

import altair as alt
import pandas as pd

from helpers import data as _data

# Okabe & Ito (2008), colour-blind safe; black swapped for a grey that reads on dark backgrounds too.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"]
CATEGORY_ORDER = ["context", "warning", "decision", "statement", "violence", "deployment", "investigation", "legal"]
CATEGORY_COLOURS = dict(zip(CATEGORY_ORDER, ["#999999", "#E69F00", "#0072B2", "#CC79A7", "#D55E00", "#009E73", "#56B4E9", "#F0E442"]))
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 660  # charts are drawn this wide and shrink with the page (book.css)


@alt.theme.register("book", enable=True)
def book_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": None,
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#666", "titleColor": "#666",
                     "gridColor": "#8884", "domainColor": "#888", "tickColor": "#888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#666", "titleColor": "#666", "orient": "bottom"},
            "title": {"fontSize": 15, "anchor": "start", "color": "#666", "subtitleColor": "#666"},
            "header": {"labelColor": "#666", "titleColor": "#666"},
            "text": {"color": "#666"},
        }
    }


# --------------------------------------------------------------------------
# Shared preparation
# --------------------------------------------------------------------------

LANES = {"category": "category", "actor": "actor", "case": "case_name"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def date_label(date: str | None) -> str:
    """An ISO date at its own precision, for people: 1994, April 1994, 21 April 1994."""
    if not isinstance(date, str) or not date:
        return "undated"
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def citation(source: str, locator: Any = None) -> str:
    return f"{source}, {locator}" if isinstance(locator, str) and locator else str(source)


def _require_frame(frame: Any, name: str, columns: Iterable[str]) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (from helpers.data.load), got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing the column(s) {', '.join(missing)} (expected a table loaded with helpers.data.load)")
    if frame.empty:
        raise ValueError(f"{name} is empty: there is nothing to draw (expected at least one row; check the case and date window)")
    return frame


def window(start: str | None, end: str | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """Parse a date window given as ISO dates at any precision; clear errors for bad values."""
    def one(value: str | None, which: str, edge: int) -> pd.Timestamp | None:
        if value is None:
            return None
        parsed = _data.parse_date(str(value))
        if parsed is None:
            raise ValueError(f"{which} {value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date)")
        return parsed[edge]

    first, last = one(start, "start", 1), one(end, "end", 2)
    if first is not None and last is not None and last < first:
        raise ValueError(f"the date window ends ({end}) before it starts ({start}) (expected start <= end)")
    return first, last


def select_case(frame: pd.DataFrame, case: str | Sequence[str] | None, name: str = "table") -> pd.DataFrame:
    if case is None:
        return frame
    cases = [case] if isinstance(case, str) else list(case)
    for c in cases:
        _data.check_case(c)
    return frame[frame["case"].isin(cases)]


def in_window(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    first, last = window(start, end)
    keep = pd.Series(True, index=frame.index)
    if first is not None:
        keep &= frame["date_last"].fillna(frame["start"]) >= first if "date_last" in frame else frame["start"] >= first
    if last is not None:
        keep &= frame["start"] <= last
    return frame[keep]


def data_table(frame: pd.DataFrame, columns: dict[str, str], summary: str = "The data in this chart") -> Any:
    """A collapsed HTML table of a chart's rows: the chart's text alternative.

    ``columns`` maps column names to headings. Besides the table's own columns
    it may name the derived ``when`` (the date for people), ``cite`` (source and
    locator) and ``case_name``.
    """
    from IPython.display import HTML

    frame = _derived(frame)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"data_table: no column(s) {', '.join(missing)} (expected columns of the table, or when, cite, case_name)")
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(r[c])) if pd.notna(r[c]) else ''}</td>" for c in columns) + "</tr>"
        for _, r in frame.iterrows()
    )
    head = "".join(f"<th scope='col'>{html.escape(label)}</th>" for label in columns.values())
    return HTML(
        f"<details class='chart-data'><summary>{html.escape(summary)} ({len(frame)} rows)</summary>"
        f"<table class='table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _derived(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with the columns charts show people: when, until, cite, case_name."""
    frame = table.copy()
    if "date" in frame:
        frame["when"] = frame["date"].map(date_label)
    if "end_date" in frame:
        frame["until"] = frame["end_date"].map(lambda d: date_label(d) if isinstance(d, str) else "")
    if "source" in frame:
        locators = frame["locator"] if "locator" in frame else [None] * len(frame)
        frame["cite"] = [citation(s, l) for s, l in zip(frame["source"], locators)]
    if "case" in frame:
        frame["case_name"] = frame["case"].map(_data.CASE_NAMES)
    return frame


def _records(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the columns a chart uses, with dates as ISO strings (small, JSON-safe specs)."""
    out = frame[columns].copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif str(out[col].dtype) == "string":
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------


def timeline(
    events: pd.DataFrame,
    case: str | Sequence[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    lanes: str = "category",
    annotate: Sequence[str] = (),
    slider: bool = True,
    title: str | None = None,
    height: int | None = None,
) -> alt.VConcatChart:
    """A case timeline: events as marks on lanes, with a brushable overview.

    - ``lanes``: ``"category"``, ``"actor"`` or ``"case"``.
    - Tooltips give the title, the date at the precision known, the actor,
      one sentence and the source.
    - Drag across the overview strip to zoom the detail view.
    - A "Category" menu shows one category at a time (keyboard reachable).
    - With ``slider``, a "Known by" slider shows only what had happened by
      that date (days counted from the window's start).
    - ``annotate``: event ids drawn as labelled vertical rules (decision points).
    """
    _require_frame(events, "events", ["id", "case", "date", "category", "title", "source", "start"])
    if lanes not in LANES:
        raise ValueError(f"lanes={lanes!r} is not a lane choice (expected one of {', '.join(map(repr, LANES))})")
    frame = in_window(select_case(events, case, "events"), start, end)
    if frame.empty:
        raise ValueError(f"no events for case={case!r} between {start or 'the beginning'} and {end or 'the end'} (expected a window that holds at least one event)")
    unknown = [a for a in annotate if a not in set(frame["id"])]
    if unknown:
        raise ValueError(f"annotate: no event with id {', '.join(map(repr, unknown))} in this timeline (expected ids from events.csv within the window)")

    frame = _derived(frame)
    first, last = window(start, end)
    first = first if first is not None else frame["start"].min()
    last = last if last is not None else frame["date_last"].max()
    if "end" in frame:
        frame["stop"] = frame["end"].where(frame["end"].notna(), None)
        frame["stop"] = frame["stop"].where(frame["stop"].isna() | (frame["stop"] <= last), last)
    frame["day"] = (frame["start"] - first).dt.days
    span_days = max(int((last - first).days), 1)
    categories = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    lane_field = LANES[lanes]
    if lanes == "category":
        lane_order = categories
    elif lanes == "case":
        lane_order = [_data.CASE_NAMES[c] for c in _data.CASES if c in set(frame["case"])]
    else:
        lane_order = sorted(frame["actor"].dropna().unique())
    cols = ["id", "date", "when", "title", "category", "actor", "description", "cite", "start", "day", "case_name"]
    if "stop" in frame:
        cols += ["stop", "until"]
    data = _records(frame, cols)

    where = _describe_case(case)
    description = title or f"Timeline of {len(frame)} events{where}, {date_label(str(first.date()))} to {date_label(str(last.date()))}, on lanes by {lanes}."
    n_lanes = len(lane_order)
    detail_height = height or max(160, 34 * n_lanes)

    brush = alt.selection_interval(encodings=["x"], name="zoom")
    pick = alt.selection_point(
        fields=["category"], name="pick",
        bind=alt.binding_select(options=[None, *categories], labels=["All categories", *categories], name="Category "),
    )
    colour = alt.Color("category:N", title="Category", scale=alt.Scale(domain=categories, range=[CATEGORY_COLOURS[c] for c in categories]))
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("actor:N", title="Actor"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    x_domain = [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
    axis_format = "%Y" if span_days > 3 * 365 else "%b %Y"
    x_detail = alt.X("start:T", title=None, scale=alt.Scale(domain=brush), axis=alt.Axis(format=axis_format, labelOverlap=True))
    y = alt.Y(f"{lane_field}:N", title=None, sort=lane_order, axis=alt.Axis(labelLimit=180))

    base = alt.Chart(data)
    if slider:
        asof = alt.param(name="known_by", value=span_days, bind=alt.binding_range(min=0, max=span_days, step=1, name=f"Known by (days after {date_label(str(first.date()))}) "))
        base = base.transform_filter(alt.datum.day <= asof)
    filtered = base.transform_filter(pick)

    layers = []
    if "stop" in data and data["stop"].notna().any():
        layers.append(
            filtered.transform_filter(alt.datum.stop != None)  # noqa: E711 (a Vega expression)
            .mark_rule(strokeWidth=4, opacity=0.45)
            .encode(x=x_detail, x2="stop:T", y=y, color=colour, tooltip=tooltip)
        )
    layers.append(
        filtered.mark_point(filled=True, size=110, opacity=0.95, stroke="white", strokeWidth=0.5)
        .encode(x=x_detail, y=y, color=colour, shape=alt.Shape("category:N", legend=None, scale=alt.Scale(domain=categories)), tooltip=tooltip)
        .add_params(pick)
    )
    if annotate:
        marks = data[data["id"].isin(annotate)]
        rule_base = alt.Chart(marks)
        layers.append(rule_base.mark_rule(strokeDash=[4, 3], color="#888").encode(x=x_detail))
        layers.append(
            rule_base.mark_text(align="left", dx=3, dy=-4, baseline="bottom", fontSize=11, color="#888", angle=0)
            .encode(x=x_detail, y=alt.value(0), text="title:N")
        )
    if slider:
        layers.append(
            alt.Chart(alt.Data(values=[{}])).mark_text(align="left", baseline="bottom", fontSize=12, color="#888")
            .encode(x=alt.value(0), y=alt.value(-6), text=alt.Text("label:N"))
            .transform_calculate(label=f"'Showing what had happened by ' + timeFormat(datetime({first.year}, {first.month - 1}, {first.day}) + known_by * 864e5, '%-d %B %Y')")
        )
    detail = alt.layer(*layers).properties(width=WIDTH, height=detail_height)

    overview = (
        alt.Chart(data).mark_tick(thickness=2, size=14)
        .encode(
            x=alt.X("start:T", title="Drag here to zoom the timeline above; double-click to reset", scale=alt.Scale(domain=x_domain), axis=alt.Axis(format=axis_format, labelOverlap=True)),
            color=alt.Color("category:N", legend=None, scale=alt.Scale(domain=categories, range=[CATEGORY_COLOURS[c] for c in categories])),
        )
        .add_params(brush)
        .properties(width=WIDTH, height=36)
    )
    chart = alt.vconcat(detail, overview, spacing=8).properties(description=description)
    if slider:
        chart = chart.add_params(asof)
    if title:
        chart = chart.properties(title=title)
    return chart


def _describe_case(case: str | Sequence[str] | None) -> str:
    if case is None:
        return ""
    cases = [case] if isinstance(case, str) else list(case)
    return " in " + " and ".join(_data.CASE_NAMES[c] for c in cases)
