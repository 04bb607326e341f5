"""The article's trilateral frame, case by case: the three factors, and how they work on one another.

Maddox argues that the Convention fails through a "somewhat trilateral"
relationship between its own deficiencies, state sovereignty and political
interest. A reading of one factor in one case is a row of ``readings.csv``
with ``frame=trilateral`` and ``topic`` one of :func:`factors`; its
``position`` says how heavily the factor weighed as an obstacle (high, low,
unclear). A reading of how one factor worked on another is a row with the same
frame and a topic ``<factor>-on-<factor>`` (for example
``interest-on-sovereignty``), whose ``position`` says whether the article
traces the link in that case (shown), only hedges it or argues it
hypothetically (suggested), or does not show it (not-shown). ``reading_by``
says whose reading it is: the article's, or the book's, declared as such.

One vocabulary: the factor is ``interest`` everywhere (the CAR's row once
said ``political-interest``; the data now say ``interest``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.charts import annotate as band
from helpers.charts.layout import WIDE, chars, two_forms, width_of
from helpers.charts.marks import with_table
from helpers.charts.theme import MUTED, WIDTH
from helpers.charts.trilateral_data import (  # the rows, drawn here
    NO_READING,
    factors,
    interaction_label,
    interactions,
    trilateral_table,
)
from helpers.frames import records

# Light tints of Okabe-Ito's vermillion, orange and sky blue, so that dark 12-px text reads on every
# cell in light and dark mode; each cell also prints its reading, so colour is never the only cue.
COLOURS = {
    "high": "#F6C9AA", "low": "#CFE8F7", "unclear": "#FBE3B0",
    "shown": "#F6C9AA", "suggested": "#FBE3B0", "not-shown": "#CFE8F7", NO_READING: "#E8E8E8",
}  # fmt: skip
LINE = 15  # pixels per line of 12-px text


def wrap(text: Any, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (joined with newlines), nothing cut."""
    return band.wrap(text, width) if isinstance(text, str) and text else ""


def _whose_param() -> alt.Parameter:
    return alt.param(
        name="whose", value="all",
        bind=alt.binding_select(options=["all", "article", "book"],
                                labels=["everyone's", "the article's only", "the book's only"], name="Highlight readings: "),
    )  # fmt: skip


def _tooltip(column_title: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("case_name:N", title="Case"),
        alt.Tooltip("column:N", title=column_title),
        alt.Tooltip("position_text:N", title="Reading"),
        alt.Tooltip("summary:N", title="In one line"),
        alt.Tooltip("whose:N", title="Whose reading"),
        alt.Tooltip("cite:N", title="Source"),
        alt.Tooltip("evidence:N", title="Evidence (events)"),
    ]


def _grid(shown: pd.DataFrame, columns: list[str], column_title: str, cell_width: int, body: bool) -> alt.LayerChart:
    """Cells: one row per case, one column per factor or interaction, coloured and labelled with the position."""
    # Characters per line at 12 px: 8 px a character leaves room for wide letters and for browsers
    # whose system font runs wider than the one the static image is drawn with.
    wide = max(8, (cell_width - 16) // 8)
    shown = shown.copy()
    shown["head"] = shown["position_text"].map(lambda t: wrap(t, wide))
    shown["body"] = shown["summary"].map(lambda t: wrap(t, wide)) if body else ""
    shown["column_wrapped"] = shown["column"].map(lambda t: wrap(t, wide))
    lines = max(
        shown["head"].map(lambda s: s.count("\n") + 1).max()
        + (shown["body"].map(lambda s: s.count("\n") + 1).max() if body else 0),
        1,
    )
    data = records(
        shown,
        [
            "id",
            "case_name",
            "column",
            "position",
            "position_text",
            "summary",
            "whose",
            "reading_by",
            "cite",
            "evidence",
            "head",
            "body",
        ],
    )
    rows = list(dict.fromkeys(shown["case_name"]))
    x = alt.X("column:N", title=None, sort=columns, scale=alt.Scale(paddingInner=0.04),
              axis=alt.Axis(orient="top" if body else "bottom", labelAngle=0, labelFontSize=12, labelLimit=cell_width, domain=False, ticks=False,
                            labelExpr=f"length(datum.label) > {wide} ? split(replace(datum.label, ' → ', ' →|'), '|') : datum.label"))  # fmt: skip
    y = alt.Y("case_name:N", title=None, sort=rows, scale=alt.Scale(paddingInner=0.06),
              axis=alt.Axis(labelFontSize=12, labelLimit=140, domain=False, ticks=False,
                            labelExpr="length(datum.label) > 12 ? split(datum.label, ' ') : datum.label"))  # fmt: skip
    whose = _whose_param()
    dim = alt.condition("whose == 'all' || datum.reading_by == whose", alt.value(1), alt.value(0.25))
    base = alt.Chart(data)
    colour = alt.Color("position:N", legend=None,
                       scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())))  # fmt: skip
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y, color=colour, opacity=dim, tooltip=_tooltip(column_title)
    )
    ink = alt.value("#222")
    top = {"x": alt.X("column:N", sort=columns, bandPosition=0), "y": alt.Y("case_name:N", sort=rows, bandPosition=0)}
    head = base.mark_text(align="left", baseline="top", dx=7, dy=6, fontSize=12, fontWeight="bold", lineBreak="\n",
                          lineHeight=LINE).encode(**top, text="head:N", color=ink, opacity=dim, tooltip=_tooltip(column_title))  # fmt: skip
    layers = [cells, head]
    if body:
        head_lines = shown["head"].map(lambda s: s.count("\n") + 1).max()
        layers.append(
            base.mark_text(
                align="left",
                baseline="top",
                dx=7,
                dy=6 + LINE * head_lines + 2,
                fontSize=12,
                lineBreak="\n",
                lineHeight=LINE,
            ).encode(**top, text="body:N", color=ink, opacity=dim, tooltip=_tooltip(column_title))
        )
    height = len(rows) * max(lines * LINE + 28, 3 * LINE + 16)  # room for a three-line case name too
    return alt.layer(*layers).add_params(whose).properties(width=cell_width * len(columns), height=height)


def _narrow_grid(shown: pd.DataFrame, columns: list[str], column_title: str, body: bool, layout: str):
    """A phone's form of the grid: each case named, then its cells one under another across the column,
    each starting with what it reads ("State sovereignty: weighed heavily") in bold."""
    inner = width_of(layout) - 16
    fit, bold = chars(inner - 14, 7.0), chars(inner - 14, 7.6)  # characters a line inside a cell
    rows = list(dict.fromkeys(shown["case_name"]))
    cells, heads, y = [], [], 0
    for case in rows:
        heads.append({"name": wrap(case, chars(inner, 8.2)).split("\n"), "top": y})
        y += LINE * len(heads[-1]["name"]) + 6
        mine = shown[shown["case_name"] == case]
        for column in columns:
            hit = mine[mine["column"] == column]
            if hit.empty:
                continue
            r = hit.iloc[0]
            head = wrap(f"{column}: {r['position_text']}", bold).split("\n")
            text = wrap(r["summary"], fit).split("\n") if body else []
            height = 8 + LINE * (len(head) + len(text)) + 6
            cells.append({**r.to_dict(), "head": head, "body": text, "y0": y, "y1": y + height,
                          "head_y": y + 7, "body_y": y + 7 + LINE * len(head) + 2})  # fmt: skip
            y += height + 3
        y += 14
    keep = ["id", "case_name", "column", "position", "position_text", "summary", "whose", "reading_by", "cite"]
    data = records(pd.DataFrame(cells), [*keep, "evidence", "head", "body", "y0", "y1", "head_y", "body_y"])
    whose = _whose_param()
    dim = alt.condition("whose == 'all' || datum.reading_by == whose", alt.value(1), alt.value(0.25))
    colour = alt.Color("position:N", legend=None,
                       scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())))  # fmt: skip
    base = alt.Chart(data)
    tip = _tooltip(column_title)
    text = {"align": "left", "baseline": "top", "x": 7, "fontSize": 12, "lineHeight": LINE, "color": "#222"}
    layers = [
        base.mark_rect(x=0, x2=inner, cornerRadius=2).encode(
            y=alt.Y("y0:Q", scale=None, axis=None), y2="y1:Q", color=colour, opacity=dim, tooltip=tip
        ),
        base.mark_text(**text, fontWeight="bold").encode(
            y=alt.Y("head_y:Q", scale=None, axis=None), text="head:N", opacity=dim, tooltip=tip
        ),
    ]
    if body:
        layers.append(
            base.mark_text(**text).encode(
                y=alt.Y("body_y:Q", scale=None, axis=None), text="body:N", opacity=dim, tooltip=tip
            )
        )
    names = alt.Chart(pd.DataFrame(heads)).mark_text(
        align="left", baseline="top", x=0, fontSize=13, fontWeight="bold", lineHeight=LINE, color=MUTED
    )
    layers.insert(0, names.encode(y=alt.Y("top:Q", scale=None, axis=None), text="name:N"))
    return alt.layer(*layers).add_params(whose).properties(width=width_of(layout), height=y - 14)


@two_forms
def trilateral(
    readings: pd.DataFrame,
    events: pd.DataFrame | None = None,
    cases: Sequence[str] | None = None,
    layout: str = WIDE,
) -> alt.LayerChart:
    """The case-by-factor matrix: one row per case, one column per factor (deficiencies, sovereignty,
    interest). Each cell says how heavily the factor weighed as an obstacle and gives the reading in
    one sentence; hover for whose reading it is, its source and the events that bear on it. A menu
    dims every cell but the article's, or the book's, readings. ``layout``: ``"wide"``, ``"narrow"``
    (a phone's column: each case's cells one under another) or by default both
    (:mod:`helpers.charts.layout`).
    """
    table = trilateral_table(readings, events, cases, "factor")
    if layout == WIDE:
        chart = _grid(table, list(factors().values()), "Factor", cell_width=(WIDTH - 90) // 3, body=True)
    else:
        chart = _narrow_grid(table, list(factors().values()), "Factor", True, layout)
    summary = "; ".join(f"{r.case_name}, {r.topic}: {r.position} ({r.reading_by})" for r in table.itertuples())
    chart = chart.properties(description=f"The trilateral frame, case by factor, with the reading of each: {summary}.")
    columns = {"case_name": "Case", "column": "Factor", "position_text": "Weight as an obstacle", "summary": "The reading",
               "whose": "Whose reading", "cite": "Source", "evidence": "Evidence (events)"}  # fmt: skip
    note = (
        "Each cell: how heavily the factor weighed as an obstacle in the case (high, low or unclear, the book's "
        "summary of an article that gives no scale) and the reading in one sentence. The menu dims every cell but "
        "the article's, or the book's, readings."
    )
    return with_table(
        chart, table, columns, "Each case's reading of each factor, with its source and evidence", note=note
    )


@two_forms
def trilateral_interactions(
    readings: pd.DataFrame,
    events: pd.DataFrame | None = None,
    cases: Sequence[str] | None = None,
    layout: str = WIDE,
) -> alt.LayerChart:
    """How the factors worked on one another, case by case: one column per link (interest on
    sovereignty, interest on the deficiencies, the deficiencies on interest, sovereignty on the
    deficiencies), each cell saying whether the article shows the link in that case, only suggests
    it, or does not show it. A link with no reading is drawn as "no reading", not left out.
    ``layout``: ``"wide"``, ``"narrow"`` (a phone's column: each case's links one under another) or
    by default both (:mod:`helpers.charts.layout`).
    """
    table = trilateral_table(readings, events, cases, "interaction")
    rows = list(dict.fromkeys(table["case"]))
    names = _cases.names()
    present = {(r.case, r.topic) for r in table.itertuples()}
    missing = pd.DataFrame(
        [{"id": None, "case": c, "case_name": names[c], "topic": t, "column": interaction_label(t), "position": NO_READING,
          "position_text": NO_READING, "summary": "Neither the article nor the book reads this link for this case.",
          "whose": "", "reading_by": "", "cite": "", "evidence": ""}
         for c in rows for t in interactions() if (c, t) not in present]
    )  # fmt: skip
    shown = pd.concat([table.astype(object), missing.astype(object)], ignore_index=True) if len(missing) else table
    columns = [interaction_label(t) for t in interactions()]
    if layout == WIDE:
        chart = _grid(shown, columns, "Link", cell_width=(WIDTH - 90) // 4, body=False)
    else:
        chart = _narrow_grid(shown, columns, "Link", False, layout)
    summary = "; ".join(f"{r.case_name}, {r.topic}: {r.position} ({r.reading_by})" for r in table.itertuples())
    chart = chart.properties(description=f"How the factors worked on one another, case by case: {summary}.")
    columns_out = {"case_name": "Case", "column": "Link", "position_text": "In this case", "summary": "The reading",
                   "whose": "Whose reading", "cite": "Source", "evidence": "Evidence (events)"}  # fmt: skip
    note = (
        "Each cell says whether the article shows the link at work in the case, only suggests it (a hedge or a "
        'hypothetical), or does not show it; "no reading" where nobody has read the case for that link.'
    )
    return with_table(
        chart, table, columns_out, "How the factors worked on one another, with sources and evidence", note=note
    )
