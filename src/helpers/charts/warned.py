"""What had been warned of, against what had been done, by a date."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt
import pandas as pd

from helpers.cases import check_categories
from helpers.charts.layout import WIDE, stack, two_forms, width_of
from helpers.charts.marks import axis_for, nothing_to_draw, positions, with_table
from helpers.charts.theme import CATEGORY_ORDER, GREY, MIN_TEXT, MUTED, WIDTH, category_scales
from helpers.dates import check_parameter, iso, label
from helpers.frames import records, require_table, with_display_columns

LANES = ["Warned of", "Done"]
HAPPENED, TO_COME = "happened by then", "still to come"
# What one event of each category is called in the title, singular and plural: the title counts the
# categories it was given and names them, so it never calls a report or a statement a "warning".
NOUNS = {
    "context": ("background event", "background events"),
    "information": ("report", "reports"),
    "warning": ("warning", "warnings"),
    "deliberation": ("debate", "debates"),
    "decision": ("decision", "decisions"),
    "refusal": ("refusal", "refusals"),
    "statement": ("statement", "statements"),
    "violence": ("act of violence", "acts of violence"),
    "deployment": ("deployment", "deployments"),
    "investigation": ("investigation", "investigations"),
    "legal": ("legal step", "legal steps"),
}
NUDGE = 12  # pixels between the marks of one lane's events on the same day
TITLE_CHARS = 62  # characters per line of the title at 15 px, clear of the chart's menu button
NARROW_TITLE_CHARS = 32  # the same in a phone's column (15 px bold)
SUBTITLE = "Grey: still to come. Hollow: dated only to a month or year (counted once it is over)."
LANE_BODY = 30  # pixels of a narrow form's lane under its label


def counted(n: int, categories: Sequence[str]) -> str:
    """``n`` events of ``categories`` in plain words: "1 debate, decision or refusal", "6 reports and statements"."""
    words = [NOUNS.get(c, (c, c))[0 if n == 1 else 1] for c in categories]
    joined = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {'or' if n == 1 else 'and'} {words[-1]}"
    return f"{n if n else 'no'} {joined}"


def title_lines(
    when: str, n_warned: int, warned: Sequence[str], n_done: int, acted: Sequence[str], width: int = TITLE_CHARS
) -> list[str]:
    """The title: what is on record by ``when`` in each lane, wrapped to ``width`` characters a line
    to fit beside the menu button."""
    first, second = f"By {when}: {counted(n_warned, warned)} on record;", f"{counted(n_done, acted)}"
    joined = f"{first} {second}"
    if len(joined) <= width:
        return [joined]  # always a list of lines
    if width < TITLE_CHARS:  # a phone's column: the date on a line of its own, then each lane's count
        head, rest = first.split(": ", 1)
        return [f"{head}:", *textwrap.wrap(rest, width), *textwrap.wrap(second, width)]
    return [*textwrap.wrap(first, width), *textwrap.wrap(second, width)]


@two_forms
def warned_and_done(
    events: pd.DataFrame,
    by: pd.Timestamp | str,
    warned: Sequence[str] = ("warning",),
    acted: Sequence[str] = ("decision", "deployment"),
    layout: str = WIDE,
) -> alt.LayerChart:
    """What had been warned of, against what had been done, by a date.

    Events of the ``warned`` categories go on one lane and of the ``acted``
    categories on the other; what came after ``by`` is drawn in grey, so the
    reader sees what was still to come. An event counts once every day its
    date can mean is past. Events with none of these categories draw a figure that says so.
    ``layout``: ``"wide"``, ``"narrow"`` (a phone's column: each lane named above its marks, the
    title and the legend wrapped to the column) or by default both (:mod:`helpers.charts.layout`).
    """
    require_table(events, "events", ["id", "category", "start", "title", "date"], allow_empty=True)
    if not isinstance(by, pd.Timestamp):
        by = check_parameter(by, "by").last
    warned, acted = check_categories(warned, "warned"), check_categories(acted, "acted")
    frame = with_display_columns(events[events["category"].isin([*warned, *acted])])
    if frame.empty:
        return nothing_to_draw(
            f"Nothing to draw: no {counted(2, warned).removeprefix('2 ')} and no {counted(2, acted).removeprefix('2 ')} "
            "in these events. Widen the window.",
            layout=layout,
        )
    frame = positions(frame, frame["start"].min(), frame["date_last"].max())
    frame["lane"] = frame["category"].map(lambda c: LANES[0] if c in warned else LANES[1])
    frame["by_then"] = frame["date_last"] <= by
    frame["status"] = frame["by_then"].map({True: HAPPENED, False: TO_COME})
    # Events of one lane on the same day are stacked a little apart, so that each is seen and counted
    # (two warnings of 11 August 1993 were drawn as one mark under a title that counted both).
    same_day = frame.groupby(["lane", frame["at"].dt.normalize()])
    frame["nudge"] = (same_day.cumcount() - (same_day["id"].transform("count") - 1) / 2) * NUDGE
    n_warned = int(((frame["lane"] == LANES[0]) & frame["by_then"]).sum())
    n_done = int(((frame["lane"] == LANES[1]) & frame["by_then"]).sum())
    data = records(
        frame,
        [
            "id",
            "title",
            "when",
            "actor",
            "description",
            "cite",
            "at",
            "lo",
            "hi",
            "precise",
            "lane",
            "status",
            "category",
            "nudge",
        ],
    )
    tooltip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("when:N", title="Date"), alt.Tooltip("actor:N", title="Actor"),
               alt.Tooltip("description:N", title="What happened"), alt.Tooltip("cite:N", title="Source")]  # fmt: skip
    axis = axis_for(frame["start"].min(), frame["date_last"].max())
    y = alt.Y("lane:N", title=None, sort=LANES)
    nudge = alt.YOffset("nudge:Q", scale=None)
    present = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    colour_scale, shape_scale = category_scales(present)
    # Narrow, the legend's entries in two columns, to fit a phone's column.
    legend = {} if layout == WIDE else {"legend": alt.Legend(columns=2)}
    colour = alt.Color("category:N", title="Category", scale=colour_scale, **legend)
    shape = alt.Shape("category:N", title="Category", scale=shape_scale, **legend)
    # What was still to come is drawn in grey (3:1 on the paper like every mark), its shape kept.
    happened = f"datum.status === '{HAPPENED}'"
    colour = alt.condition(happened, colour, alt.value(GREY))
    layers = [
        *_marks(alt.Chart(data), y, nudge, axis, colour, shape, tooltip),
        alt.Chart(alt.Data(values=[{"at": iso(by)}])).mark_rule(strokeDash=[4, 3], color=GREY).encode(x="at:T"),
    ]
    when = label(by)
    if layout != WIDE:
        return _narrow(
            frame,
            data,
            by,
            tooltip,
            axis,
            colour,
            shape,
            title_lines(when, n_warned, warned, n_done, acted, NARROW_TITLE_CHARS),
            _description(when, n_warned, warned, n_done, acted),
            layout,
        )
    chart = alt.layer(*layers).properties(
        width=WIDTH,
        height=140,
        title=alt.Title(title_lines(when, n_warned, warned, n_done, acted), subtitle=[SUBTITLE]),
        description=_description(when, n_warned, warned, n_done, acted),
    )
    return _with_table(chart, frame, when)


def _marks(base: alt.Chart, y, nudge, axis, colour, shape, tooltip) -> list[alt.Chart]:
    """The events: a dashed bar over the days an imprecise date can mean, a hollow mark at its middle,
    a filled mark for a date known to the day; ``nudge`` sets same-day marks of a lane apart."""
    return [
        base.transform_filter("!datum.precise").mark_rule(strokeWidth=1.5, strokeDash=[3, 2]).encode(
            x=alt.X("lo:T", title=None, axis=axis), x2="hi:T", y=y, yOffset=nudge, color=colour, tooltip=tooltip),
        base.transform_filter("!datum.precise").mark_point(filled=False, size=120, strokeWidth=2).encode(
            x=alt.X("at:T", title=None, axis=axis), y=y, yOffset=nudge, color=colour, shape=shape, tooltip=tooltip),
        base.transform_filter("datum.precise").mark_point(filled=True, size=120).encode(
            x=alt.X("at:T", title=None, axis=axis), y=y, yOffset=nudge, color=colour, shape=shape, tooltip=tooltip),
    ]  # fmt: skip


def _description(when: str, n_warned: int, warned: Sequence[str], n_done: int, acted: Sequence[str]) -> str:
    return (
        f"By {when}, on record: {counted(n_warned, warned)} (top lane); {counted(n_done, acted)} (bottom lane). "
        "Later events are grey."
    )


def _narrow(frame, data, by, tooltip, axis, colour, shape, title, description, layout) -> alt.LayerChart:
    """A phone's form: each lane named above its marks, across the whole column; the legend in two
    columns under the plot."""
    tops, bodies, height = stack([[lane] for lane in LANES], LANE_BODY)
    middle = {lane: body + LANE_BODY / 2 for lane, body in zip(LANES, bodies)}
    # The same-day nudge is in pixels, added to the lane's middle (y has no scale here).
    data = data.assign(y=data["lane"].map(middle) + data["nudge"])
    y = alt.Y("y:Q", scale=None, axis=None)
    base = alt.Chart(data)
    lanes = pd.DataFrame({"lane": LANES, "top": tops, "body": bodies, "bottom": [b + LANE_BODY for b in bodies]})
    at = iso(by)
    layers = [
        alt.Chart(lanes).mark_text(align="left", baseline="top", x=0, fontSize=MIN_TEXT, fontWeight="bold",
                                   color=MUTED).encode(y=alt.Y("top:Q", scale=None, axis=None), text="lane:N"),
        *_marks(base, y, alt.Undefined, axis, colour, shape, tooltip),
        # The date's rule runs through each lane's marks, never through a lane's name.
        alt.Chart(lanes.assign(at=at)).mark_rule(strokeDash=[4, 3], color=GREY).encode(
            x="at:T", y=alt.Y("body:Q", scale=None, axis=None), y2="bottom:Q"),
    ]  # fmt: skip
    subtitle = textwrap.wrap(SUBTITLE, 44)  # 13 px
    chart = alt.layer(*layers).properties(
        width=width_of(layout), height=height, title=alt.Title(title, subtitle=subtitle),
        description=description,
    )  # fmt: skip
    return _with_table(chart, frame, label(by))


def _with_table(chart: alt.LayerChart, frame: pd.DataFrame, when: str) -> alt.LayerChart:
    columns = {
        "when": "Date",
        "lane": "Lane",
        "category": "Category",
        "title": "Event",
        "status": f"By {when}",
        "cite": "Source",
    }
    return with_table(chart, frame.sort_values("start"), columns, "The events in this figure")
