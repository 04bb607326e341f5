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
# Okabe-Ito again, with its yellow darkened so that it reads on a white page; shapes repeat the category.
CATEGORY_COLOURS = dict(zip(CATEGORY_ORDER, ["#999999", "#E69F00", "#0072B2", "#CC79A7", "#D55E00", "#009E73", "#56B4E9", "#A08C00"]))
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 660  # charts are drawn this wide and shrink with the page (book.css)


@alt.theme.register("book", enable=True)
def book_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": "transparent",
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


def require_table(frame: Any, name: str, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` if it is a non-empty DataFrame with ``columns``; a clear error otherwise."""
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


def select_case(frame: pd.DataFrame, case: str | Sequence[str] | None) -> pd.DataFrame:
    """The rows of one case (or several); every case is checked, so a typo is an error, not an empty chart."""
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

    frame = labelled(frame)
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


def labelled(table: pd.DataFrame) -> pd.DataFrame:
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


def _positions(frame: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Where each event's mark goes: ``lo``..``hi`` are the days its date can mean,
    clipped to the window; ``at`` is their middle; ``precise`` says the day is known."""
    frame = frame.copy()
    frame["lo"] = frame["start"].clip(lower=first)
    frame["hi"] = frame["date_last"].clip(upper=last)
    frame["at"] = frame["lo"] + (frame["hi"] - frame["lo"]) / 2
    frame["precise"] = frame["date_precision"] == "day"
    return frame


def _records(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the columns a chart uses, dates as ISO strings and gaps as None (small, JSON-safe specs)."""
    out = frame[columns].copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    # Element by element: DataFrame.where(..., None) would turn a missing number back into NaN,
    # which is not JSON (kernels reject the message, and Vega-Lite would read it as a number).
    return out.astype(object).map(lambda v: None if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v)


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
    colour: str = "category",
    colours: dict[str, str] | None = None,
) -> alt.VConcatChart:
    """A case timeline: events as marks on lanes, with a brushable overview.

    - ``lanes``: ``"category"``, ``"actor"`` or ``"case"``.
    - A date known to the day is a filled mark. A date known only to the
      month or year is a hollow mark over a faint bar that spans every day it
      could be: no day is invented. An event that lasted has a thick bar to
      its ``end_date``.
    - Tooltips give the title, the date at the precision known, the actor,
      one sentence and the source.
    - Drag across the overview strip to zoom the detail view.
    - A "Category" menu shows one category at a time (keyboard reachable).
    - With ``slider``, a "Known by" slider shows only what had certainly
      happened by that date (days counted from the window's start): an event
      dated only "April 1994" appears once April is over.
    - ``annotate``: event ids drawn as labelled vertical rules (decision points).
    - ``colour``: the column that colours the marks (default: category), with
      ``colours`` mapping its values to colours (default: the book's palette).
    """
    require_table(events, "events", ["id", "case", "date", "category", "title", "source", "start", "date_last", colour])
    if lanes not in LANES:
        raise ValueError(f"lanes={lanes!r} is not a lane choice (expected one of {', '.join(map(repr, LANES))})")
    frame = in_window(select_case(events, case), start, end)
    if frame.empty:
        raise ValueError(f"no events for case={case!r} between {start or 'the beginning'} and {end or 'the end'} (expected a window that holds at least one event)")
    unknown = [a for a in annotate if a not in set(frame["id"])]
    if unknown:
        raise ValueError(f"annotate: no event with id {', '.join(map(repr, unknown))} in this timeline (expected ids from events.csv within the window)")

    frame = labelled(frame)
    first, last = window(start, end)
    first = first if first is not None else frame["start"].min()
    last = last if last is not None else max(frame["date_last"].max(), frame["end"].max() if "end" in frame and frame["end"].notna().any() else frame["date_last"].max())
    frame = _positions(frame, first, last)
    if "end" in frame:
        frame["stop"] = frame["end"].clip(upper=last)
    else:
        frame["stop"] = pd.NaT
    # An event counts as having happened by a day once every day its date can mean (within
    # the window) is past: one dated only "1994" shows from the window's last day in 1994.
    frame["day"] = (frame["hi"] - first).dt.days
    span_days = max(int((last - first).days), 1)
    categories = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    lane_field = LANES[lanes]
    if lanes == "category":
        lane_order = categories
    elif lanes == "case":
        lane_order = [_data.CASE_NAMES[c] for c in _data.CASES if c in set(frame["case"])]
    else:
        lane_order = sorted(frame["actor"].dropna().unique())
    cols = ["id", "date", "when", "until", "title", "category", "actor", "description", "cite", "start", "at", "lo", "hi", "stop",
            "precise", "day", "case_name", colour]
    data = _records(frame, list(dict.fromkeys(c for c in cols if c in frame)))

    description = f"Timeline of {len(frame)} events{_describe_case(case)}, {date_label(first.strftime('%Y-%m-%d'))} to {date_label(last.strftime('%Y-%m-%d'))}, on lanes by {lanes}."
    detail_height = height or max(150, 34 * len(lane_order))

    brush = alt.selection_interval(encodings=["x"], name="zoom")
    pick = alt.selection_point(
        fields=["category"], name="pick",
        bind=alt.binding_select(options=[None, *categories], labels=["All categories", *categories], name="Category "),
    )
    legend = alt.Legend(orient="top", title=None) if lanes != "category" or colour != "category" else None
    if colour == "category":
        domain, palette = categories, [(colours or CATEGORY_COLOURS).get(c, "#888") for c in categories]
    else:
        domain = list(colours) if colours else sorted(frame[colour].dropna().astype(str).unique())
        palette = [colours[v] for v in domain] if colours else PALETTE[: len(domain)]
    colour_enc = alt.Color(f"{colour}:N", title=colour.capitalize(), legend=legend, scale=alt.Scale(domain=domain, range=palette))
    shape = alt.Shape(f"{colour}:N", title=colour.capitalize(), legend=legend, scale=alt.Scale(domain=domain))
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("until:N", title="Until"),
        alt.Tooltip("actor:N", title="Actor"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    x_domain = [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
    axis_format = "%Y" if span_days > 3 * 365 else "%b %Y"
    x_axis = alt.Axis(format=axis_format, labelOverlap=True)
    x_detail = alt.X("at:T", title=None, scale=alt.Scale(domain=brush), axis=x_axis)
    y = alt.Y(f"{lane_field}:N", title=None, sort=lane_order, axis=alt.Axis(labelLimit=240 if lanes == "actor" else 180))

    base = alt.Chart(data)
    if slider:
        asof = alt.param(name="known_by", value=span_days, bind=alt.binding_range(min=0, max=span_days, step=1, name=f"Known by (days after {date_label(first.strftime('%Y-%m-%d'))}) "))
        base = base.transform_filter(alt.datum.day <= asof)
    menu = colour == "category"  # the category menu only makes sense when colour shows categories
    shown = base.transform_filter(pick) if menu else base

    layers = [
        # How long an event lasted (to its end_date).
        shown.transform_filter("isValid(datum.stop)").mark_rule(strokeWidth=5, opacity=0.45)
        .encode(x=alt.X("start:T", scale=alt.Scale(domain=brush), axis=x_axis, title=None), x2="stop:T", y=y, color=colour_enc, tooltip=tooltip),
        # Every day an imprecise date could mean.
        shown.transform_filter("!datum.precise").mark_rule(strokeWidth=2, opacity=0.3)
        .encode(x=alt.X("lo:T", scale=alt.Scale(domain=brush), axis=x_axis, title=None), x2="hi:T", y=y, color=colour_enc, tooltip=tooltip),
        shown.transform_filter("!datum.precise").mark_point(filled=False, size=110, strokeWidth=2)
        .encode(x=x_detail, y=y, color=colour_enc, shape=shape, tooltip=tooltip),
        shown.transform_filter("datum.precise").mark_point(filled=True, size=110, opacity=0.95)
        .encode(x=x_detail, y=y, color=colour_enc, shape=shape, tooltip=tooltip),
    ]
    if menu:
        layers[-1] = layers[-1].add_params(pick)
    if annotate:
        chosen = frame[frame["id"].isin(annotate)].sort_values("at")
        chosen["row"] = [2 + 13 * (i % 3) for i in range(len(chosen))]  # stagger labels of decisions close together
        # Labels in the last third of the window run leftwards from their rule, so they stay inside the chart.
        chosen["right"] = chosen["at"] > first + (last - first) * 0.65
        marks = _records(chosen, ["at", "title", "when", "row", "right"])
        layers.append(alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#888").encode(x=x_detail, tooltip=["title:N", "when:N"]))
        for right in (False, True):
            layers.append(
                alt.Chart(marks).transform_filter("datum.right" if right else "!datum.right")
                .mark_text(align="right" if right else "left", dx=-3 if right else 3, baseline="top", fontSize=11, color="#888")
                .encode(x=x_detail, y=alt.Y("row:Q", scale=None), text="title:N")
            )
    if slider:
        layers.append(
            alt.Chart(alt.Data(values=[{"label": ""}])).mark_text(align="right", baseline="bottom", fontSize=12, color="#888", clip=False)
            .encode(x=alt.value(WIDTH - 80 if lanes == "actor" else WIDTH), y=alt.value(-6), text=alt.Text("shown:N"))
            .transform_calculate(shown=f"'Showing what had happened by ' + timeFormat(time(datetime({first.year}, {first.month - 1}, {first.day})) + known_by * 864e5, '%-d %B %Y')")
        )
    # Two invisible marks at the window's edges: unzoomed, the detail view spans the whole window.
    layers.append(
        alt.Chart(alt.Data(values=[{"at": d} for d in x_domain])).mark_point(opacity=0)
        .encode(x=x_detail, y=alt.value(0))
    )
    width = WIDTH - 80 if lanes == "actor" else WIDTH  # room for the longer lane labels
    detail = alt.layer(*layers).properties(width=width, height=detail_height)

    overview = (
        alt.Chart(data).mark_tick(thickness=2, size=14, color="#888")
        .encode(x=alt.X("at:T", title="Drag here to zoom the timeline above; double-click to reset",
                        scale=alt.Scale(domain=x_domain), axis=x_axis))
        .add_params(brush)
        .properties(width=width, height=36)
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


# --------------------------------------------------------------------------
# Warned of, and done
# --------------------------------------------------------------------------


def warned_and_done(
    events: pd.DataFrame,
    by: pd.Timestamp | str,
    warned: Sequence[str] = ("warning",),
    acted: Sequence[str] = ("decision", "deployment"),
) -> alt.LayerChart:
    """What had been warned of, against what had been done, by a date.

    Events of the ``warned`` categories go on one lane and of the ``acted``
    categories on the other; what came after ``by`` is drawn faintly, so the
    reader sees what was still to come.
    """
    require_table(events, "events", ["category", "start", "title", "date"])
    if isinstance(by, str):
        by = window(by, by)[1]
    for name, cats in (("warned", warned), ("acted", acted)):
        bad = [c for c in cats if c not in CATEGORY_ORDER]
        if bad:
            raise ValueError(f"{name}: unknown categories {bad} (expected some of {', '.join(CATEGORY_ORDER)})")
    frame = labelled(events[events["category"].isin([*warned, *acted])])
    if frame.empty:
        raise ValueError(f"no events of the categories {[*warned, *acted]} (expected at least one)")
    frame = _positions(frame, frame["start"].min(), frame["date_last"].max())
    frame["lane"] = frame["category"].map(lambda c: "Warned of" if c in warned else "Done")
    # Certainly by then: every day the event's date can mean is on or before `by`.
    frame["by_then"] = frame["date_last"] <= by
    frame["status"] = frame["by_then"].map({True: "happened by then", False: "still to come"})
    n_warned = int(((frame["lane"] == "Warned of") & frame["by_then"]).sum())
    n_done = int(((frame["lane"] == "Done") & frame["by_then"]).sum())
    label = date_label(by.strftime("%Y-%m-%d"))
    data = _records(frame, ["title", "when", "actor", "description", "cite", "at", "lo", "hi", "precise", "lane", "status", "category"])
    tooltip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("when:N", title="Date"), alt.Tooltip("actor:N", title="Actor"),
               alt.Tooltip("description:N", title="What happened"), alt.Tooltip("cite:N", title="Source")]
    base = alt.Chart(data)
    span = (frame["date_last"].max() - frame["start"].min()).days
    axis = alt.Axis(format="%Y" if span > 3 * 365 else "%b %Y", labelOverlap=True)
    y = alt.Y("lane:N", title=None, sort=["Warned of", "Done"])
    present = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    colour = alt.Color("category:N", title="Category", scale=alt.Scale(domain=present, range=[CATEGORY_COLOURS[c] for c in present]))
    opacity = alt.condition("datum.status === 'happened by then'", alt.value(1.0), alt.value(0.18))
    layers = [
        base.transform_filter("!datum.precise").mark_rule(strokeWidth=2).encode(
            x=alt.X("lo:T", title=None, axis=axis), x2="hi:T", y=y, color=colour, opacity=alt.condition("datum.status === 'happened by then'", alt.value(0.35), alt.value(0.1)), tooltip=tooltip),
        base.transform_filter("!datum.precise").mark_point(filled=False, size=120, strokeWidth=2).encode(
            x=alt.X("at:T", title=None, axis=axis), y=y, color=colour, opacity=opacity, tooltip=tooltip),
        base.transform_filter("datum.precise").mark_point(filled=True, size=120).encode(
            x=alt.X("at:T", title=None, axis=axis), y=y, color=colour, opacity=opacity, tooltip=tooltip),
        alt.Chart(alt.Data(values=[{"at": by.strftime("%Y-%m-%d")}])).mark_rule(strokeDash=[4, 3], color="#888").encode(x="at:T"),
    ]
    return alt.layer(*layers).properties(
        width=WIDTH, height=140,
        title=alt.Title(f"By {label}: {n_warned} warning(s) on record, {n_done} decision(s) or deployment(s)", subtitle="Faint: still to come. Hollow: dated only to a month or year (counted once it is over)."),
        description=f"Events warned of versus decisions and deployments by {label}: {n_warned} warnings and {n_done} actions had happened; later events are faint.",
    )


# --------------------------------------------------------------------------
# Mission strength
# --------------------------------------------------------------------------


def strength(
    deployments: pd.DataFrame,
    mission: str,
    documents: pd.DataFrame | None = None,
    start: str | None = None,
    end: str | None = None,
    title: str | None = None,
) -> alt.LayerChart:
    """Authorised versus deployed strength of one mission, as step lines.

    Each value holds until the next one; the lines run on to ``end`` (or the
    last date in the table). Documents that set an authorised strength are
    marked with a labelled rule (their symbol, when ``documents`` is given).
    """
    require_table(deployments, "deployments", ["mission", "series", "strength", "start", "date"])
    missions = sorted(deployments["mission"].dropna().unique())
    if mission not in missions:
        raise ValueError(f"unknown mission {mission!r} (expected one of {', '.join(missions)})")
    frame = labelled(deployments[deployments["mission"] == mission]).sort_values("start")
    first, last = window(start, end)
    last = last if last is not None else frame["date_last"].max()
    if first is not None:
        frame = frame[frame["start"] >= first]
    frame = frame[frame["start"] <= last]
    if frame.empty:
        raise ValueError(f"no {mission} strength figures between {start} and {end} (expected a window that holds at least one)")
    # Carry each series' last value on to the end of the window, so the step reads to the right edge.
    tails = frame.sort_values("start").groupby("series", as_index=False).tail(1).copy()
    tails["start"], tails["when"], tails["is_tail"] = last, "(carried forward)", True
    frame["is_tail"] = False
    lines = pd.concat([frame, tails], ignore_index=True)
    data = _records(lines, ["start", "when", "series", "strength", "cite", "is_tail", "mission"])
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True))
    y = alt.Y("strength:Q", title="Personnel")
    colour = alt.Color("series:N", title="Strength", scale=alt.Scale(domain=["authorised", "deployed"], range=[PALETTE[0], PALETTE[3]]))
    tooltip = [alt.Tooltip("series:N", title="Series"), alt.Tooltip("strength:Q", title="Personnel", format=","),
               alt.Tooltip("when:N", title="From"), alt.Tooltip("cite:N", title="Source")]
    base = alt.Chart(data)
    layers = [
        base.mark_line(interpolate="step-after", strokeWidth=2.5).encode(x=x, y=y, color=colour, strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(domain=["authorised", "deployed"], range=[[1, 0], [6, 3]]))),
        base.transform_filter("!datum.is_tail").mark_point(filled=True, size=70).encode(x=x, y=y, color=colour, tooltip=tooltip),
    ]
    mandates = frame[frame["document"].notna()] if "document" in frame else frame.iloc[0:0]
    if not mandates.empty:
        symbols = {}
        if documents is not None:
            symbols = dict(zip(documents["id"], documents["symbol"]))
        marks = mandates.drop_duplicates("document").assign(label=lambda f: f["document"].map(lambda d: symbols.get(d, d)))
        marks["row"] = [14 * (i % 3) for i in range(len(marks))]  # stagger labels of documents adopted close together
        mdata = _records(marks, ["start", "label", "when", "row"])
        layers.append(alt.Chart(mdata).mark_rule(strokeDash=[3, 3], color="#888").encode(x=x, tooltip=[alt.Tooltip("label:N", title="Document"), alt.Tooltip("when:N", title="Adopted")]))
        layers.append(alt.Chart(mdata).mark_text(align="left", dx=4, baseline="top", fontSize=11, color="#888").encode(x=x, y=alt.Y("row:Q", scale=None), text="label:N"))
    points = frame[frame["series"].isin(["authorised", "deployed"])]
    description = title or (
        f"{mission} strength, authorised versus deployed, from {date_label(frame['date'].iloc[0])} to {date_label(last.strftime('%Y-%m-%d'))}: "
        + "; ".join(f"{r.series} {int(r.strength):,} from {date_label(r.date)}" for r in points.itertuples())
    )
    return alt.layer(*layers).properties(width=WIDTH, height=260, description=description)


# --------------------------------------------------------------------------
# Cases compared
# --------------------------------------------------------------------------

MILESTONES = {
    "first warning": lambda e: e["category"] == "warning",
    "first Security Council action": lambda e: (e["category"] == "decision") & e["actor"].fillna("").str.contains("Security Council"),
    "first deployment": lambda e: e["category"] == "deployment",
}


def case_gaps(events: pd.DataFrame, cases: pd.DataFrame, which: Sequence[str] | None = None) -> pd.DataFrame:
    """Per case and milestone: the first such event and its distance in days from the case's onset.

    ``cases`` is the ``cases`` table (one row per case, with its ``onset``).
    A milestone a case never reached is a row with no event, not a dropped row.
    """
    require_table(events, "events", ["case", "category", "actor", "start", "title", "date"])
    require_table(cases, "cases", ["case", "name", "onset", "source"])
    chosen = list(which) if which is not None else list(cases["case"])
    for c in chosen:
        _data.check_case(c)
        if c not in set(cases["case"]):
            raise ValueError(f"case {c!r} has no row in cases.csv (expected one of {', '.join(cases['case'])})")
    rows = []
    for case in chosen:
        info = cases[cases["case"] == case].iloc[0]
        onset = _data.parse_date(info["onset"])[1]
        mine = labelled(events[events["case"] == case]).sort_values("start")
        for milestone, test in MILESTONES.items():
            hits = mine[test(mine)]
            base = {"case": case, "case_name": info["name"], "onset": info["onset"], "onset_when": date_label(info["onset"]), "milestone": milestone}
            if hits.empty:
                rows.append({**base, "event": None, "when": "none on record", "days": None, "cite": None})
            else:
                hit = hits.iloc[0]
                rows.append({**base, "event": hit["title"], "when": hit["when"], "days": int((hit["start"] - onset).days), "cite": hit["cite"]})
    return pd.DataFrame(rows)


def compare_cases(events: pd.DataFrame, cases: pd.DataFrame, which: Sequence[str] | None = None) -> alt.LayerChart:
    """Cases aligned on their onset (day 0): first warning, first Council action, first deployment.

    Negative days came before the onset. The gap between a case's first
    warning and its first action is the distance between its marks.
    """
    gaps = case_gaps(events, cases, which)
    reached = gaps[gaps["days"].notna()]
    if reached.empty:
        raise ValueError("none of these cases has a warning, Council action or deployment on record (expected events in events.csv)")
    data = _records(reached, ["case_name", "milestone", "event", "when", "days", "cite", "onset_when"])
    order = list(dict.fromkeys(gaps["case_name"]))
    milestone_scale = alt.Scale(domain=list(MILESTONES), range=[CATEGORY_COLOURS["warning"], CATEGORY_COLOURS["decision"], CATEGORY_COLOURS["deployment"]])
    y = alt.Y("case_name:N", title=None, sort=order)
    tooltip = [alt.Tooltip("milestone:N", title="Milestone"), alt.Tooltip("event:N", title="Event"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("days:Q", title="Days from onset"), alt.Tooltip("onset_when:N", title="Onset"), alt.Tooltip("cite:N", title="Source")]
    pick = alt.selection_point(fields=["milestone"], bind="legend", name="milestone_pick")
    spans = alt.Chart(data).mark_rule(strokeWidth=2, color="#8888").encode(x="min(days):Q", x2="max(days):Q", y=y)
    points = alt.Chart(data).mark_point(filled=True, size=150).encode(
        x=alt.X("days:Q", title="Days from the onset of the violence (negative: before it)"),
        y=y,
        color=alt.Color("milestone:N", title="Milestone", scale=milestone_scale),
        shape=alt.Shape("milestone:N", title="Milestone", scale=alt.Scale(domain=list(MILESTONES), range=["triangle-up", "diamond", "square"])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
        tooltip=tooltip,
    ).add_params(pick)
    zero = alt.Chart(alt.Data(values=[{"days": 0, "label": "onset"}]))
    layers = [spans, points, zero.mark_rule(color="#888").encode(x="days:Q"),
              zero.mark_text(align="left", dx=3, dy=-4, baseline="bottom", color="#888").encode(x="days:Q", y=alt.value(0), text="label:N")]
    summary = "; ".join(
        f"{r.case_name}: {r.milestone} {'never' if pd.isna(r.days) else f'{int(r.days):+d} days'}" for r in gaps.itertuples()
    )
    return alt.layer(*layers).properties(width=WIDTH, height=max(90, 60 * len(order)),
                                         description=f"Cases aligned on their onset. {summary}.")


# --------------------------------------------------------------------------
# Contested numbers as ranges
# --------------------------------------------------------------------------


def ranges(figures: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Contested numbers as ranges: a bar from low to high, a dot at the best
    estimate where one is given, and an open arrow where the source gives only
    a floor ("over 800,000"). One row per estimate, labelled with who made it."""
    require_table(figures, "figures", ["id", "low", "high", "best", "counts", "source"])
    frame = labelled(figures)
    locators = frame["locator"] if "locator" in frame else [None] * len(frame)
    frame["who"] = [
        _data.short_cite(s) + (f", {l}" if isinstance(l, str) and l else "") for s, l in zip(frame["source"], locators)
    ]
    top = float(pd.concat([frame["low"], frame["high"], frame["best"]]).max())
    frame["to"] = frame["high"].fillna(top * 1.15)
    frame["open"] = frame["high"].isna()
    frame["range_text"] = [
        (f"{int(l):,} to {int(h):,}" if l != h else f"{int(l):,}") if pd.notna(h) else f"more than {int(l):,}"
        for l, h in zip(frame["low"], frame["high"])
    ]
    if "estimator" not in frame:
        frame["estimator"] = None
    frame["estimator"] = frame["estimator"].fillna("as the source gives it")
    data = _records(frame, ["id", "who", "estimator", "counts", "when", "low", "high", "best", "to", "open", "range_text", "cite"])
    y = alt.Y("who:N", title=None, sort=list(frame["who"]), axis=alt.Axis(labelLimit=260))
    x = alt.X("low:Q", title="People", axis=alt.Axis(format="~s"), scale=alt.Scale(domain=[0, top * 1.2]))
    tooltip = [alt.Tooltip("range_text:N", title="Estimate"), alt.Tooltip("estimator:N", title="Estimated by"), alt.Tooltip("counts:N", title="What it counts"),
               alt.Tooltip("when:N", title="Period from"), alt.Tooltip("cite:N", title="Source")]
    base = alt.Chart(data)
    layers = [
        base.mark_rule(strokeWidth=8, opacity=0.6, color=PALETTE[0]).encode(x=x, x2="to:Q", y=y, tooltip=tooltip),
        base.transform_filter("datum.open").mark_point(shape="triangle-right", filled=True, size=140, color=PALETTE[0]).encode(x="to:Q", y=y, tooltip=tooltip),
        base.mark_tick(thickness=3, size=20, color=PALETTE[0]).encode(x=x, y=y, tooltip=tooltip),
        base.transform_filter("isValid(datum.best)").mark_point(filled=True, size=90, color=PALETTE[3]).encode(x="best:Q", y=y, tooltip=tooltip),
        base.mark_text(align="left", dx=6, dy=-12, fontSize=11, color="#888").encode(x=x, y=y, text="range_text:N"),
    ]
    summary = "; ".join(f"{w}: {r}" for w, r in zip(frame["who"], frame["range_text"]))
    return alt.layer(*layers).properties(width=WIDTH, height=max(120, 56 * len(frame)),
                                         description=title or f"Estimates as ranges. {summary}.")
