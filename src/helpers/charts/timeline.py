"""A case timeline: events as marks on lanes, with a brushable overview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.charts import annotate as band
from helpers.charts.layout import LINE, WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import axis_for, case_phrase, event_tooltip, nothing_to_draw, positions, with_table
from helpers.charts.theme import CATEGORY_ORDER, GREY, MIN_TEXT, MUTED, PALETTE, VALUE_COLOURS, WIDTH, category_scales
from helpers.dates import iso, label, window
from helpers.frames import in_window, records, require_table, select_case, window_phrase, with_display_columns

# Lane choices, each with the column it reads. "strand": the Convention's own history in three lanes (the
# law: its legal steps; institutions and ideas: statements, decisions and the like; violence outside the
# book's cases, such as Srebrenica: never drawn as an idea), then one lane per case.
LANES = {"category": "category", "actor": "actor", "case": "case_name", "strand": "strand"}
STRANDS = ("The law", "Institutions and ideas", "Violence outside the cases")
LANE_HEIGHT = 34  # pixels per lane of the detail view
MIN_DETAIL_HEIGHT = 150
OVERVIEW_HEIGHT = 36
LANE_WRAP = 24  # characters per line of a lane's label
PADDING = 8 * 2  # the chart's padding, left and right (theme)
MARK_SIZE = 110
LANE_BODY = 22  # pixels of a narrow form's lane under its name
ZOOM_HINT = "Drag here to zoom the timeline above; double-click to reset"
NARROW_ZOOM_HINT = (
    "Drag here to zoom the timeline above; double-tap or double-click to reset"  # book.css lets a finger drag
)
COLUMNS = ["id", "date", "when", "until", "title", "category", "actor", "description", "cite", "start", "at", "lo", "hi",
           "stop", "precise", "by", "case_name"]  # fmt: skip


@dataclass
class Frame:
    """The events to draw, placed in their window."""

    events: pd.DataFrame
    first: pd.Timestamp
    last: pd.Timestamp


def _select(events, case, start, end, annotate, colour) -> Frame | None:
    """Step 1: check the arguments and pick the events in the window; place each mark (None: no event
    in the window). An id to ``annotate`` must be an event's (of these rows, or of the book's events
    table: a chapter passes the rows in its window); one outside the window is left out."""
    require_table(events, "events", ["id", "case", "date", "category", "title", "source", "start", "date_last", colour])
    unknown = [a for a in annotate if a not in set(events["id"])]
    if unknown:
        from helpers.data.loading import load

        unknown = [a for a in unknown if a not in set(load("events")["id"])]
    if unknown:
        raise ValueError(
            f"annotate: no event with id {', '.join(map(repr, unknown))} in this timeline's events "
            "(expected ids of rows of events.csv)"
        )
    frame = in_window(select_case(events, case), start, end)
    if frame.empty:
        return None
    frame = with_display_columns(frame)
    if "strand" not in frame:
        strand = {"legal": STRANDS[0], "violence": STRANDS[2]}
        law = frame["category"].map(lambda c: strand.get(c, STRANDS[1]))
        frame["strand"] = law.where(frame["case"] == "convention", frame["case_name"])
    first, last = window(start, end)
    first = first if first is not None else frame["start"].min()
    if last is None:
        ends = frame["end"].dropna() if "end" in frame else pd.Series(dtype="datetime64[ns]")
        last = max(frame["date_last"].max(), ends.max() if not ends.empty else frame["date_last"].max())
    frame = positions(frame, first, last)
    frame["stop"] = frame["end"].clip(upper=last) if "end" in frame else pd.NaT
    # An event counts as having happened by a day once every day its date can mean (within
    # the window) is past: one dated only "1994" shows from the window's last day in 1994.
    frame["by"] = frame["hi"].map(iso)
    return Frame(frame, first, last)


def _lane_order(frame: pd.DataFrame, lanes: str) -> list[str]:
    if lanes not in LANES:  # a column of the chapter's own: lanes in order of their first event
        return list(dict.fromkeys(frame.sort_values("start")[lanes].dropna().astype(str)))
    if lanes == "category":
        return [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    if lanes == "case":
        names = _cases.names()
        return [names[c] for c in _cases.cases() if c in set(frame["case"])]
    if lanes == "strand":
        names = _cases.names()
        order = [*STRANDS, *(names[c] for c in _cases.studied())]
        return [lane for lane in order if lane in set(frame["strand"])]
    return sorted(frame["actor"].dropna().unique())


def _colour_encodings(frame: pd.DataFrame, colour: str, colours: dict[str, str] | None, legend) -> tuple:
    """Step 2: colour and shape, fixed per category everywhere in the book (or per ``colour`` values)."""
    if colour == "category":
        present = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
        colour_scale, shape_scale = category_scales(present)
        if colours:
            colour_scale = alt.Scale(domain=present, range=[colours.get(c, GREY) for c in present])
    else:
        domain = list(colours) if colours else sorted(frame[colour].dropna().astype(str).unique())
        colour_scale = alt.Scale(
            domain=domain, range=[colours[v] for v in domain] if colours else PALETTE[: len(domain)]
        )
        shape_scale = alt.Scale(domain=domain)
    title = colour.capitalize()
    return (
        alt.Color(f"{colour}:N", title=title, legend=legend, scale=colour_scale),
        alt.Shape(f"{colour}:N", title=title, legend=legend, scale=shape_scale),
    )


def _decision_labels(placed: Frame, annotate: Sequence[str], x, width: int, height: int, room: int, zoom, spans=None):
    """Step 4: labelled rules for decision points, their labels staggered in a band above the lanes
    (narrow, each rule runs only through the lanes' ``spans``, never through a lane's name)."""
    frame = placed.events
    chosen = frame[frame["id"].isin(annotate)].sort_values("at").copy()
    if chosen.empty:
        return [], 0
    chosen["label"] = chosen["title"]
    # Narrow, a label may break over three lines: the column is half as wide.
    chosen = band.place(
        chosen, "at", placed.first, placed.last, width, left_room=room, max_lines=2 if spans is None else 3
    )
    marks = records(chosen, ["at", "label", "drawn", "when", "top_row", "right"])
    tooltip = [alt.Tooltip("label:N", title="Event"), alt.Tooltip("when:N", title="Date")]
    return band.annotation_layers(marks, x, height, tooltip, within=zoom, plot_width=width, spans=spans)


def _lane_room(lane_order: Sequence[str]) -> int:
    """Pixels the lanes' labels take left of the plot (wrapped at LANE_WRAP characters)."""
    longest = max((len(line) for lane in lane_order for line in band.wrap(lane, LANE_WRAP).split("\n")), default=8)
    return int(longest * band.CHAR_PX) + 12


def known_by_dates(frame: pd.DataFrame, last: pd.Timestamp) -> list[str]:
    """The Known-by control's dates: each day something becomes known, and the window's last day."""
    return sorted({*frame["by"], iso(last)})


@two_forms
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
    lane_order: Sequence[str] | None = None,
    layout: str = WIDE,
) -> alt.VConcatChart:
    """A case timeline: events as marks on lanes, with a brushable overview.

    - ``lanes``: ``"category"``, ``"actor"``, ``"case"`` or ``"strand"`` (the Convention's law,
      its institutions and ideas, violence outside the book's cases, then each case), or the name of a column the caller added to
      ``events`` (then ``lane_order`` may give the lanes' order).
    - A date known to the day is a filled mark. A date known only to the
      month or year is a hollow mark over a dashed bar that spans every day it
      could be: no day is invented. An event that lasted has a solid bar to
      its ``end_date``.
    - Tooltips give the title, the date at the precision known, the actor,
      one sentence and the source.
    - Drag across the overview strip to zoom the detail view.
    - A "Category" menu shows one category at a time (keyboard reachable).
    - With ``slider``, a "Known by" menu of dates (each day on which something
      became known) shows only what had certainly happened by that date: an
      event dated only "April 1994" appears once April is over.
    - ``annotate``: event ids drawn as vertical rules (decision points), labelled
      in a band above the lanes where no label overlaps a mark or another label; an id
      outside the window is left out, one that is no event's is an error.
    - ``colour``: the column that colours the marks (default: category), with
      ``colours`` mapping its values to colours (default: the theme's colours for that
      column, such as ``word``, else the book's palette).
    - A window with no event draws a figure that says so.
    - ``layout``: ``"wide"`` (the lanes named left of the plot), ``"narrow"`` (a phone's column: the
      lanes stacked across the whole column, each named above its marks) or by default both
      (:mod:`helpers.charts.layout`).
    """
    narrow = layout != WIDE
    if lanes not in LANES and (not isinstance(lanes, str) or lanes not in getattr(events, "columns", ())):
        raise ValueError(
            f"lanes={lanes!r} is not a lane choice (expected one of {', '.join(map(repr, LANES))}, or a column of events)"
        )
    placed = _select(events, case, start, end, annotate, colour)
    if placed is None:
        where = case_phrase(case) if case is not None else ""
        return nothing_to_draw(f"No events{where} in this window ({window_phrase(start, end)}).", layout=layout)
    colours = colours or VALUE_COLOURS.get(colour)
    frame, first, last = placed.events, placed.first, placed.last
    lane_order = list(lane_order) if lane_order is not None else _lane_order(frame, lanes)
    data = records(frame, list(dict.fromkeys(c for c in [*COLUMNS, colour, lanes] if c in frame)))
    categories = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    menu = colour == "category"  # the category menu only makes sense when colour shows categories

    # Step 2: encodings.
    brush = alt.selection_interval(encodings=["x"], name="zoom")
    pick = alt.selection_point(
        fields=["category"], name="pick",
        bind=alt.binding_select(options=[None, *categories], labels=["All categories", *categories], name="Category "),
    )  # fmt: skip
    legend = None  # the lanes name the categories; otherwise a legend on top, in columns that fit the column
    if lanes != "category" or colour != "category":
        values = categories if colour == "category" else list(colours or frame[colour].dropna().astype(str).unique())
        entry = max(len(str(v)) for v in values) * band.CHAR_PX + 30
        legend = alt.Legend(orient="top", title=None, columns=max(1, min(len(values), int(width_of(layout) // entry))))
    colour_enc, shape_enc = _colour_encodings(frame, colour, colours, legend)
    x_domain = [iso(first), iso(last)]
    x_axis = axis_for()  # ticks for the span shown: the detail view zooms
    x = alt.X("at:T", title=None, scale=alt.Scale(domain=brush), axis=x_axis)
    lane_field = LANES.get(lanes, lanes)
    wrapped = {lane: band.wrap(lane, LANE_WRAP) for lane in lane_order}
    data = data.assign(lane=data[lane_field].map(lambda v: wrapped.get(v, v)))
    y = alt.Y("lane:N", title=None, sort=[wrapped[lane] for lane in lane_order], axis=alt.Axis(labelExpr=band.LINES))
    if narrow:  # each lane named above its marks: pixel rows down the column
        width = width_of(layout) - PADDING - 2  # the overview's ticks at the window's edges stand out by a pixel
        names = {lane: band.wrap(lane, chars(width, 7.6)).split("\n") for lane in lane_order}  # bold
        tops, bodies, stacked = stack([names[lane] for lane in lane_order], LANE_BODY)
        middle = {wrapped[lane]: body + LANE_BODY / 2 for lane, body in zip(lane_order, bodies)}
        data = data.assign(y=data["lane"].map(middle))
        y = alt.Y("y:Q", title=None, scale=None, axis=None)
        lane_names = pd.DataFrame({"name": [names[lane] for lane in lane_order], "top": tops})
    tooltip = event_tooltip()

    # Step 3: the marks, filtered by the Known-by menu and the category menu.
    base = alt.Chart(data)
    if slider:
        dates = known_by_dates(frame, last)
        asof = alt.param(
            name="known_by", value=dates[-1],
            bind=alt.binding_select(options=dates, labels=[label(d) for d in dates], name="Known by "),
        )  # fmt: skip
        base = base.transform_filter("datum.by <= known_by")  # ISO dates: text order is date order
    shown = base.transform_filter(pick) if menu else base

    def span(field: str):
        return alt.X(f"{field}:T", scale=alt.Scale(domain=brush), axis=x_axis, title=None)

    # Every mark in full colour (3:1 on the paper): a solid bar for how long it lasted, a dashed one
    # for the days an imprecise date could mean.
    lasting = shown.transform_filter("isValid(datum.stop)").mark_rule(strokeWidth=4, clip=True)
    could_be = shown.transform_filter("!datum.precise").mark_rule(strokeWidth=1.5, strokeDash=[3, 2], clip=True)
    hollow = shown.transform_filter("!datum.precise").mark_point(filled=False, size=MARK_SIZE, strokeWidth=2, clip=True)
    filled = shown.transform_filter("datum.precise").mark_point(filled=True, size=MARK_SIZE, opacity=1, clip=True)
    layers = [
        lasting.encode(x=span("start"), x2="stop:T", y=y, color=colour_enc, tooltip=tooltip),  # how long it lasted
        could_be.encode(x=span("lo"), x2="hi:T", y=y, color=colour_enc, tooltip=tooltip),  # every day it could mean
        hollow.encode(x=x, y=y, color=colour_enc, shape=shape_enc, tooltip=tooltip),
        filled.encode(x=x, y=y, color=colour_enc, shape=shape_enc, tooltip=tooltip),
    ]
    if menu:
        layers[-1] = layers[-1].add_params(pick)
    spans = None
    if narrow:
        room, detail_height = 0, stacked
        spans = [(body, body + LANE_BODY) for body in bodies]
        layers.insert(
            0,
            alt.Chart(lane_names)
            .mark_text(align="left", baseline="top", x=0, fontSize=MIN_TEXT, fontWeight="bold", color=MUTED,
                       lineHeight=LINE)
            .encode(y=alt.Y("top:Q", scale=None, axis=None), text="name:N"),
        )  # fmt: skip
    else:
        room = _lane_room(lane_order)
        width = WIDTH - PADDING - room  # the lanes' labels and the plot fill the column
        lines = max(wrapped[lane].count("\n") + 1 for lane in lane_order)  # a lane holds its label's lines
        detail_height = height or max(MIN_DETAIL_HEIGHT, max(LANE_HEIGHT, 16 * lines + 6) * len(lane_order))
    rows = 0
    if annotate:
        labels, rows = _decision_labels(placed, annotate, x, width, detail_height, room, brush, spans)
        layers += labels
    if slider:  # what the Known-by menu shows, in the band's top row (no label or rule reaches it)
        said = "'Showing what had happened by ' + utcFormat(toDate(known_by), '%-d %B %Y')"
        layers.append(
            alt.Chart(alt.Data(values=[{"label": ""}]))
            .mark_text(align="right", baseline="top", fontSize=MIN_TEXT, color=MUTED, clip=False)
            .encode(x=alt.value(width), y=alt.value(-(rows + 1) * band.ROW_PX), text=alt.Text("shown:N"))
            .transform_calculate(shown=said)
        )
    # Two invisible marks at the window's edges: unzoomed, the detail view spans the whole window.
    layers.append(
        alt.Chart(alt.Data(values=[{"at": d} for d in x_domain])).mark_point(opacity=0).encode(x=x, y=alt.value(0))
    )
    detail = alt.layer(*layers).properties(width=width, height=detail_height)

    # Step 5: the overview strip that zooms the detail view.
    overview = (
        alt.Chart(data)
        .mark_tick(thickness=2, size=14, color=GREY)
        .encode(
            x=alt.X(
                "at:T", title=band.wrap(NARROW_ZOOM_HINT, chars(width, 8.6)).split("\n") if narrow else ZOOM_HINT,  # 13 px bold
                scale=alt.Scale(domain=x_domain), axis=x_axis,
            )
        )
        .add_params(brush)
        .properties(width=width, height=OVERVIEW_HEIGHT)
    )  # fmt: skip
    description = (
        f"Timeline of {len(frame)} events{case_phrase(case)}, {label(first)} to {label(last)}, on lanes by {lanes}."
    )
    chart = alt.vconcat(detail, overview, spacing=8).properties(description=description, autosize="pad")
    if slider:
        chart = chart.add_params(asof)
    if title:
        chart = chart.properties(title=title)
    columns = {"when": "Date", "category": "Category", "actor": "Actor", "title": "Event", "cite": "Source"}
    if colour not in ("category", *columns):
        columns = {"when": "Date", colour: colour.capitalize(), "actor": "Actor", "title": "Event", "cite": "Source"}
    note = (
        ("Colour: whether each statement used, hedged or avoided the word. " if colour == "word" else
         "Each kind of event keeps one colour and one shape throughout the book. ")
        + "A filled mark is dated to the day; a hollow mark over a dashed bar only to a month or a year. "
        "Drag across the strip under the chart to zoom; double-click it to see the whole span again."
        + (" Pick a date in the Known-by menu to see only what had certainly happened by then." if slider else "")
    )  # fmt: skip
    return with_table(chart, frame.sort_values("start"), columns, "The events in this figure", note=note)
