"""Cases compared: each case's milestones, by written definitions, in days from the onset of its violence.

The milestones and their rules live in :mod:`helpers.milestones` (the data
validator uses them too); :mod:`helpers.charts.gaps` picks each case's first event for each
milestone (:func:`case_gaps`, exported here too); this module lists what counts (:data:`helpers.milestones.MILESTONES`) and
draws the comparison as a grid of cases and milestones, each cell giving the
day count and the date, or saying that the book's sources hold no such event
(:func:`compare_cases`). A grid keeps every value legible when the day counts
run from hundreds before the onset to decades after it.

Day 0 is each case's onset as the ``cases`` table gives it (the article's), or the
alternative an events row tagged ``onset:alternative`` offers (:mod:`helpers.charts.day0`);
``compare_cases(..., onsets=True)`` adds a switch that redraws the grid from either.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import altair as alt
import pandas as pd

from helpers.charts.day0 import ONSET_VIEWS, data_end, onsets
from helpers.charts.gaps import _days_text, _short_date, _wrap, case_gaps, unseen
from helpers.charts.layout import LINE, WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import with_table
from helpers.charts.theme import CATEGORY_COLOURS, GREY, MUTED, WIDTH
from helpers.dates import parse_date
from helpers.frames import records
from helpers.milestones import MILESTONES, NEVER, NOT_AVAILABLE

__all__ = ["case_gaps", "compare_cases", "data_end", "onsets", "unseen"]

TOTAL = min(WIDTH, 630)  # px, the whole chart: the site's text column at 1280 px, so it is never scaled down
LABEL_COLUMN = 170  # room for the milestones' names (and their padding), left of the grid
ROW_HEIGHT = 46
BEFORE, AFTER = CATEGORY_COLOURS["warning"], CATEGORY_COLOURS["decision"]
SEARCHED = (
    "the article; the UN, court and African Union documents the data cite; and the human rights reports "
    "and press the data name"
)


@two_forms
def compare_cases(
    events: pd.DataFrame,
    cases: pd.DataFrame,
    which: Sequence[str] | str | None = None,
    milestones: Sequence[str] | str | None = None,
    onsets: bool = False,
    layout: str = WIDE,
) -> alt.VConcatChart:
    """The cases side by side, aligned on their onset (day 0): one column per case, one row per
    milestone, each cell the day count from the onset and the date of the first event that meets
    the milestone's definition (:data:`helpers.milestones.MILESTONES`), or "none found" (in the book's
    sources) or "not available" (in the case's era).

    Negative days came before the onset. Hover a cell for the event, its date, its distance from
    the onset and its source. ``onsets=True`` adds a switch under the grid between the article's day 0
    and each case's alternative (:func:`onsets`), and the grid redraws from the one chosen. ``layout``:
    ``"wide"`` (the milestones named left of the grid), ``"narrow"`` (a phone's column: every case's column
    across it, each milestone named above its row) or by default both (:mod:`helpers.charts.layout`).
    """
    views = list(ONSET_VIEWS) if onsets else ["article"]
    gaps = pd.concat([case_gaps(events, cases, which, milestones, onset=v) for v in views], ignore_index=True)
    if onsets:
        gaps["id"] = [f"{i}@{v}" if v != "article" else i for i, v in zip(gaps["id"], gaps["onset_view"])]
    gaps["status_shown"] = [
        s if s in (NEVER, NOT_AVAILABLE) else ("reached before the onset" if d < 0 else "reached on or after the onset")
        for s, d in zip(gaps["status"], gaps["days"].astype(object))
    ]
    gaps["case_header"] = gaps["case_name"].map(_wrap)
    gaps["onset_line"] = ["day 0: " + _short_date(parse_date(o).first, parse_date(o).precision) for o in gaps["onset"]]
    gaps["view_label"] = gaps["onset_view"].map(ONSET_VIEWS)
    order = list(dict.fromkeys(gaps["case_name"]))
    labels = [MILESTONES[k].label for k in dict.fromkeys(gaps["milestone"])]
    data = records(gaps, ["id", "case_name", "label", "definition", "status_shown", "event", "when", "short", "date_note",
                          "days", "days_text", "cite", "onset_when", "onset_event", "onset_view", "actor", "era_note"])  # fmt: skip
    if layout != WIDE:
        return _narrow(events, gaps, data, order, labels, views, layout)
    grid_width = TOTAL - LABEL_COLUMN - 2 * 8  # the chart's padding either side
    x = alt.X("case_name:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0.06))
    y = alt.Y(
        "label:N",
        sort=labels,
        title=None,
        scale=alt.Scale(paddingInner=0.08),
        axis=alt.Axis(labelLimit=LABEL_COLUMN - 10, labelFontSize=12, domain=False, ticks=False, labelPadding=8),
    )
    tooltip = _tooltip()
    day0 = _switch(views)
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    if day0 is not None:
        base = base.transform_filter(alt.datum.onset_view == day0)
    legend = alt.Legend(
        orient="bottom", title=None, labelLimit=0, columns=2
    )  # one row is wider than the column in Chromium
    cells, never = _cells(base, legend, gaps)
    days = base.mark_text(fontSize=13, fontWeight="bold", dy=-8, color=MUTED).encode(text="days_text:N")
    when = base.mark_text(fontSize=12, dy=9, color=MUTED).encode(text="short:N")
    grid = alt.layer(cells, never, days, when).properties(width=grid_width, height=ROW_HEIGHT * len(labels))
    if day0 is not None:
        grid = grid.add_params(day0)
    heads = gaps.drop_duplicates(["case_name", "onset_view"])
    head_rows = records(heads, ["case_name", "case_header", "onset_line", "onset_view"])
    head = alt.Chart(head_rows).encode(
        x=alt.X("case_name:N", sort=order, axis=None, scale=alt.Scale(type="band", paddingInner=0.06))
    )
    if day0 is not None:
        head = head.transform_filter(alt.datum.onset_view == day0)
    lines = max(h.count("\n") + 1 for h in heads["case_header"])
    header = alt.layer(
        head.mark_text(fontSize=13, fontWeight="bold", baseline="top", lineBreak="\n", color=MUTED).encode(
            text="case_header:N", y=alt.value(0)
        ),
        head.mark_text(fontSize=12, baseline="top", color=MUTED).encode(
            text="onset_line:N", y=alt.value(16 * lines + 2)
        ),
    ).properties(width=grid_width, height=16 * lines + 18)
    chart = alt.vconcat(header, grid, spacing=4).properties(autosize="pad", description=_description(gaps, onsets))
    return _with_table(chart, events, gaps, onsets)


def _tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("label:N", title="Milestone"),
        alt.Tooltip("case_name:N", title="Case"),
        alt.Tooltip("event:N", title="Event"),
        alt.Tooltip("actor:N", title="Who"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("date_note:N", title="Precision"),
        alt.Tooltip("days_text:N", title="Days from onset"),
        alt.Tooltip("onset_when:N", title="Day 0"),
        alt.Tooltip("onset_event:N", title="Day 0 is"),
        alt.Tooltip("era_note:N", title="In its era"),
        alt.Tooltip("cite:N", title="Source"),
        alt.Tooltip("definition:N", title="What counts"),
    ]


def _switch(views: list[str]) -> alt.Parameter | None:
    """The switch between the article's day 0 and each case's alternative, when both are shown."""
    if len(views) < 2:
        return None
    return alt.param(
        name="day0",
        value="article",
        bind=alt.binding_radio(options=views, labels=[ONSET_VIEWS[v] for v in views], name="Day 0: "),
    )


def _cells(base: alt.Chart, legend: alt.Legend, gaps: pd.DataFrame) -> tuple[alt.Chart, alt.Chart]:
    """The cells: tinted before or after the onset, dashed where the book's sources hold no such event,
    grey where the milestone's institutions did not exist yet."""
    shades = {"reached before the onset": (BEFORE, BEFORE), "reached on or after the onset": (AFTER, AFTER),
              NEVER: ("transparent", GREY), NOT_AVAILABLE: (GREY, GREY)}  # fmt: skip
    # The legend names only the states some cell is in: a key for an empty state would only puzzle.
    domain = [d for d in shades if d in set(gaps["status_shown"])]
    status = alt.Scale(domain=domain, range=[shades[d][0] for d in domain])
    colour = {"scale": status, "title": None, "legend": legend}
    edge = {"scale": alt.Scale(domain=domain, range=[shades[d][1] for d in domain]), "title": None, "legend": legend}
    rect = {"cornerRadius": 3, "fillOpacity": 0.16, "strokeWidth": 1}
    empty = f"datum.status_shown == {json.dumps(NEVER)} || datum.status_shown == {json.dumps(NOT_AVAILABLE)}"
    cells = base.transform_filter(f"!({empty})").mark_rect(**rect)
    never = base.transform_filter(empty).mark_rect(**rect, strokeDash=[4, 3])
    return tuple(
        layer.encode(fill=alt.Fill("status_shown:N", **colour), stroke=alt.Stroke("status_shown:N", **edge))
        for layer in (cells, never)
    )


def _description(gaps: pd.DataFrame, onsets: bool) -> str:
    article = gaps[gaps["onset_view"] == "article"]
    summary = "; ".join(
        f"{r.case_name}, {r.label}: " + (r.status if r.status != "reached" else f"{r.when} ({r.days_text})")
        for r in article.itertuples()
    )
    switch = (
        " A switch under the grid counts each case from an alternative day 0 the data offer (see the onset table)."
        if onsets
        else ""
    )
    return f"Cases aligned on their onset (day 0), one column per case and one row per milestone. {summary}.{switch}"


NARROW_CELL = 56  # pixels: a narrow form's cell (the day count over the date, its day and month over its year)
EMPTY_LINES = {NEVER: ["none", "found"], NOT_AVAILABLE: ["not", "available"]}  # an empty cell's words, narrow


def _narrow(events, gaps: pd.DataFrame, data: pd.DataFrame, order: list[str], labels: list[str], views, layout: str):
    """A phone's form: every case's column across the column, the milestones' names above their rows;
    a cell gives the day count (its unit named once, above the grid) over the date."""
    width = width_of(layout) - 16
    column = width / len(order)
    heads = gaps.drop_duplicates(["case_name", "onset_view"])
    fit = max(6, int((column - 6) / 8))  # characters of 13-px bold text per line in a case's column
    head_lines = [
        [*_wrap(r.case_name, fit).split("\n"), "day 0:", _short_date(*_onset(r.onset))] for r in heads.itertuples()
    ]
    n_head = max(len(v) for v in head_lines)
    intro = ["Days from each case's onset (day 0)"]
    header_height = LINE * (len(intro) + n_head) + 8
    names = {label: _wrap(label, chars(width, 7.6)).split("\n") for label in labels}  # bold
    tops, bodies, height = stack([names[label] for label in labels], NARROW_CELL, gap=6)
    row_top = dict(zip(labels, bodies))
    data = data.assign(
        y0=data["label"].map(row_top) + header_height,
        y1=data["label"].map(row_top) + header_height + NARROW_CELL,
        number=[_days_short(d) for d in data["days"]],
    )
    empty = data["status_shown"].isin(list(EMPTY_LINES))  # an empty cell says so once, in its middle
    data["number"] = data["number"].where(~empty, "")
    # A date to the day on two lines ("11 Aug", "1993"): on one it can be wider than a quarter of the column.
    data["date"] = [EMPTY_LINES[s] if e else _stacked(d) for d, s, e in zip(data["short"], data["status_shown"], empty)]
    data["number_y"] = data["y0"] + 13
    data["date_y"] = (data["y0"] + 29).where(~empty, data["y0"] + NARROW_CELL / 2 - LINE / 2 + 1)
    x = alt.X("case_name:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0.06, paddingOuter=0))
    day0 = _switch(views)
    base = alt.Chart(data).encode(x=x, tooltip=_tooltip())
    if day0 is not None:
        base = base.transform_filter(alt.datum.onset_view == day0)
    legend = alt.Legend(orient="bottom", title=None, labelLimit=0, columns=1)
    cells, never = (
        layer.encode(y=alt.Y("y0:Q", scale=None, axis=None), y2="y1:Q") for layer in _cells(base, legend, gaps)
    )
    middle = {"baseline": "middle", "color": MUTED}
    days = base.mark_text(fontSize=13, fontWeight="bold", **middle).encode(
        y=alt.Y("number_y:Q", scale=None, axis=None), text="number:N"
    )
    when = base.mark_text(fontSize=12, lineHeight=15, **middle).encode(
        y=alt.Y("date_y:Q", scale=None, axis=None), text="date:N"
    )
    rows = pd.DataFrame({"name": [names[label] for label in labels], "top": [t + header_height for t in tops]})
    row_names = (
        alt.Chart(rows)
        .mark_text(align="left", baseline="top", x=0, fontSize=12, fontWeight="bold", color=MUTED, lineHeight=LINE)
        .encode(y=alt.Y("top:Q", scale=None, axis=None), text="name:N")
    )
    head_rows = pd.DataFrame(
        {"case_name": heads["case_name"].tolist(), "onset_view": heads["onset_view"].tolist(), "lines": head_lines,
         "top": LINE * len(intro)}
    )  # fmt: skip
    head = alt.Chart(head_rows)
    if day0 is not None:
        head = head.transform_filter(alt.datum.onset_view == day0)
    head = head.mark_text(fontSize=12, baseline="top", color=MUTED, lineHeight=LINE).encode(
        x=x, y=alt.Y("top:Q", scale=None, axis=None), text="lines:N"
    )
    top_line = (
        alt.Chart(pd.DataFrame({"t": [intro]}))
        .mark_text(align="left", baseline="top", x=0, y=0, fontSize=12, fontStyle="italic", color=MUTED)
        .encode(text="t:N")
    )
    chart = alt.layer(top_line, head, row_names, cells, never, days, when)
    if day0 is not None:
        chart = chart.add_params(day0)
    chart = chart.properties(
        width=width_of(layout), height=header_height + height, description=_description(gaps, views != ["article"])
    )
    return _with_table(chart, events, gaps, views != ["article"])


def _stacked(date: str) -> list[str]:
    """A cell's date as lines: "11 Aug 1993" as "11 Aug" over "1993"; a shorter one ("Oct 2013") on one."""
    if date.startswith("by "):
        return ["by " + date[3:].rsplit(" ", 1)[0], date.rsplit(" ", 1)[1]] if date.count(" ") == 3 else [date]
    return date.rsplit(" ", 1) if date.count(" ") == 2 else [date]


def _onset(onset: str) -> tuple[pd.Timestamp, str]:
    span = parse_date(onset)
    return span.first, span.precision


def _days_short(days: object) -> str:
    """The day count without its unit (the narrow form names it once): "-239", "0 (onset)"."""
    text = _days_text(days)
    return text.removesuffix(" days").removesuffix(" day").replace("day 0 (onset)", "0 (onset)")


def _with_table(chart, events: pd.DataFrame, gaps: pd.DataFrame, onsets: bool):
    columns = {
        "case_name": "Case",
        "label": "Milestone",
        "event": "Event",
        "when": "Date",
        "days_text": "Days from onset",
        "cite": "Source",
    }
    if onsets:
        columns = {"view_label": "Day 0", **columns}
    note = (
        "Each cell: the days from the case's onset (day 0; negative, before it) to the first event that meets "
        f'the milestone\'s definition, with its date. "None found" means {NEVER}, which are {SEARCHED}; it is '
        'a statement about that record, not proof that nothing happened. "Not available" marks a milestone '
        'whose institutions did not yet exist while the case\'s violence lasted. A date after "by" is a latest '
        "date. An onset known only to a month or a year is counted from its first day. The data run to "
        f"{data_end(events)}."
    )
    return with_table(chart, gaps, columns, "The milestones in this chart", note=note)
