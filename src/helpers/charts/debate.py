"""Who said what in a debate: each party's position, coded by what it emphasised and by its bloc.

The rows are the ``readings`` table's ``frame = debate`` rows: one party's
position in one forum (``topic``), coded by ``position`` (what the statement
emphasised: ``sovereignty``, ``both`` or ``atrocities``) and ``bloc`` (such as
the party's Cold War alignment), with the words the sources give it
(``quote``) and its source. The codes are a reading, and ``reading_by`` says
whose; the chart says so in its axis title, legend and tooltips. A menu bound
to an Altair selection picks out one bloc on the static page, with no kernel.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers import vocabulary
from helpers.charts import annotate as band
from helpers.charts.layout import LINE, WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import with_table
from helpers.charts.theme import GREY, MUTED, PALETTE, WIDTH
from helpers.dates import label
from helpers.frames import citations, records, require_table


def position_labels() -> dict[str, str]:
    """What a debate position says the statement emphasised, in the order the chart places them
    (the data package's vocabulary of frame ``debate``)."""
    return vocabulary.frame("debate").position_labels()


DEBATE_COLUMNS = [
    "id",
    "case",
    "frame",
    "topic",
    "party",
    "position",
    "bloc",
    "summary",
    "quote",
    "reading_by",
    "source",
]
READERS = {"book": "this book", "article": "the article", "source": "the source"}
ROW_HEIGHT = 36
NARROW_ROW = 20  # pixels: a narrow form's row, under who spoke
NO_WORDS = "(the sources quote no words)"


def forum_label(topic: str) -> str:
    """A readable name for a ``topic`` slug: ``security-council-1979`` becomes ``Security Council 1979``."""
    small = {"on", "of", "and", "the", "in", "for"}
    words = []
    for i, word in enumerate(str(topic).split("-")):
        if word in ("un", "us"):
            words.append(word.upper())
        elif i and word in small:
            words.append(word)
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


def debate_rows(readings: pd.DataFrame, case: str | None = None) -> pd.DataFrame:
    """The ``frame = debate`` rows of ``readings`` (of one case, if given), with the columns people read.

    Raises a clear error if a column is missing, if there is no debate row, or
    if a position is not one the chart can place.
    """
    table = require_table(readings, "readings", DEBATE_COLUMNS)
    frame = table[table["frame"] == "debate"]
    if case is not None:
        _cases.check_case(case)
        frame = frame[frame["case"] == case]
    if frame.empty:
        where = f" for case {case!r}" if case else ""
        raise ValueError(f"no debate readings{where} (expected rows in readings.csv with frame=debate)")
    labels = position_labels()
    unknown = sorted(set(frame["position"]) - set(labels))
    if unknown:
        raise ValueError(f"debate positions {unknown} cannot be placed (expected one of {', '.join(labels)})")
    frame = frame.copy()
    dates = frame["date"] if "date" in frame else pd.Series(None, index=frame.index, dtype=object)
    frame["when"] = [label(d) if isinstance(d, str) and d else "undated" for d in dates]
    frame["sort_date"] = [d if isinstance(d, str) and d else "9999" for d in dates]
    frame["forum"] = frame["topic"].map(forum_label)
    frame["stance"] = frame["position"].map(labels)
    frame["bloc"] = frame["bloc"].fillna("None given")
    frame["words"] = frame["quote"].fillna("").replace("", NO_WORDS)
    frame["cite"] = citations(frame)
    frame["coded_by"] = frame["reading_by"].map(READERS).fillna(frame["reading_by"])
    frame = frame.sort_values(["sort_date", "forum", "party"], kind="stable")
    years = [d[:4] if d != "9999" else "undated" for d in frame["sort_date"]]
    frame["who"] = [f"{p} · {y}" for p, y in zip(frame["party"], years)]
    return frame


@two_forms
def positions(
    readings: pd.DataFrame, case: str | None = None, title: str | None = None, layout: str = WIDE
) -> alt.LayerChart:
    """Who said what: one point per party and forum, placed by what it emphasised
    (sovereignty and aggression, both, or atrocities and genocide), coloured by
    bloc and shaped by forum. A menu picks out one bloc; hover for the words,
    the source and whose coding it is. ``layout``: ``"wide"``, ``"narrow"`` (a phone's column: who
    spoke named above each row, the legends one under the other) or by default both
    (:mod:`helpers.charts.layout`)."""
    frame = debate_rows(readings, case)
    frame["who_lines"] = frame["who"].map(lambda w: band.wrap(w, 32))  # long names wrap, never cut short
    blocs = sorted(frame["bloc"].unique())
    forums = list(dict.fromkeys(frame["forum"]))
    data = records(
        frame,
        [
            "id",
            "who",
            "who_lines",
            "party",
            "forum",
            "when",
            "stance",
            "position",
            "bloc",
            "summary",
            "words",
            "cite",
            "coded_by",
        ],
    )
    pick = alt.selection_point(
        name="bloc_pick",
        fields=["bloc"],
        bind=alt.binding_select(options=[None, *blocs], labels=["All blocs", *blocs], name="Bloc: "),
    )
    labels = position_labels()
    order = list(labels)
    names = " : ".join(f"datum.value == '{p}' ? '{labels[p]}'" for p in order[:-1])
    x = alt.X(
        "position:N",
        title="What the statement emphasised (the book's coding)",
        scale=alt.Scale(domain=order),
        axis=alt.Axis(labelExpr=f"{names} : '{labels[order[-1]]}'", labelAngle=0, orient="top"),
    )
    y = alt.Y("who_lines:N", title=None, sort=list(frame["who_lines"]), axis=alt.Axis(labelExpr=band.LINES))
    tooltip = [
        alt.Tooltip("who:N", title="Who"),
        alt.Tooltip("forum:N", title="Forum"),
        alt.Tooltip("when:N", title="When"),
        alt.Tooltip("stance:N", title="Emphasis"),
        alt.Tooltip("bloc:N", title="Bloc"),
        alt.Tooltip("summary:N", title="Position"),
        alt.Tooltip("words:N", title="In their words"),
        alt.Tooltip("cite:N", title="Source"),
        alt.Tooltip("coded_by:N", title="Coded by"),
    ]
    if layout != WIDE:
        return _narrow(frame, data, pick, blocs, forums, tooltip, title, layout)
    legends = [alt.Legend(orient="bottom", direction="vertical")] * 2
    guide, points = _marks(alt.Chart(data), x, y, (blocs, forums), legends, pick, tooltip, 170)
    chart = alt.layer(guide, points).properties(
        width=WIDTH, height=max(160, ROW_HEIGHT * len(frame)), description=_description(frame, title)
    )
    return _with_table(chart, frame)


def _marks(base, x, y, styles, legends, pick, tooltip, size: int) -> tuple[alt.Chart, alt.Chart]:
    """A dotted guide along each row, and the points: coloured by bloc and shaped by forum (``styles``:
    the blocs and the forums), with their ``legends``, dimmed outside the bloc picked."""
    blocs, forums = styles
    colours = PALETTE[: len(blocs)] if len(blocs) <= len(PALETTE) else None
    guide = base.mark_rule(color=GREY, opacity=0.25, strokeDash=[2, 3], aria=False).encode(y=y)  # decoration
    points = (
        base.mark_point(filled=True, size=size)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "bloc:N",
                title="Bloc (the book's coding)",
                scale=alt.Scale(domain=blocs, range=colours),
                legend=legends[0],
            ),
            shape=alt.Shape("forum:N", title="Forum", scale=alt.Scale(domain=forums), legend=legends[1]),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    return guide, points


def _description(frame: pd.DataFrame, title: str | None) -> str:
    summary = "; ".join(f"{w}: {s.lower()} ({b})" for w, s, b in zip(frame["who"], frame["stance"], frame["bloc"]))
    return title or f"Who said what, coded by emphasis and bloc (the book's reading). {summary}."


def _narrow(frame, data, pick, blocs, forums, tooltip, title, layout) -> alt.LayerChart:
    """A phone's form: who spoke named above each row, the three emphases as columns across the whole
    column (their names wrapped), and the two legends one under the other below the rows."""
    inner = width_of(layout) - 16
    labels = position_labels()
    order = list(labels)
    column = chars(inner / len(order) - 6)
    lines = {p: band.wrap(labels[p], column) for p in order}
    head = LINE * max(t.count("\n") for t in lines.values()) + 4  # the emphases' lines below the axis
    names = [band.wrap(w, chars(inner)).split("\n") for w in frame["who"]]
    tops, bodies, height = stack(names, NARROW_ROW, gap=6)
    tops, bodies, height = [t + head for t in tops], [b + head for b in bodies], height + head
    data = data.assign(name=names, name_top=tops, mid=[b + NARROW_ROW / 2 for b in bodies])
    names_expr = " : ".join(f"datum.value == '{p}' ? {json.dumps(lines[p])}" for p in order[:-1])
    x = alt.X(
        "position:N",
        title=band.wrap("What the statement emphasised (the book's coding)", chars(inner, 8.6)).split("\n"),  # 13 px bold
        scale=alt.Scale(domain=order),
        axis=alt.Axis(labelExpr=f"split({names_expr} : {json.dumps(lines[order[-1]])}, '\\n')", labelAngle=0,
                      orient="top", labelLineHeight=LINE, domain=False, ticks=False),
    )  # fmt: skip
    y = alt.Y("mid:Q", scale=None, axis=None)
    # The legends one under the other, in the room kept under the rows (side by side they overflow).
    first = height + 14
    second = first + 20 + 15 * len(blocs) + 12
    room = second + 20 + 15 * len(forums) - height
    base = alt.Chart(data)
    who = base.mark_text(align="left", baseline="top", x=0, fontSize=12, color=MUTED, lineHeight=LINE).encode(
        y=alt.Y("name_top:Q", scale=None, axis=None), text="name:N"
    )
    legends = [alt.Legend(orient="none", legendX=0, legendY=at, direction="vertical") for at in (first, second)]
    guide, points = _marks(base, x, y, (blocs, forums), legends, pick, tooltip, 150)
    chart = alt.layer(guide, who, points).properties(
        width=width_of(layout), height=height + room, description=_description(frame, title)
    )
    return _with_table(chart, frame)


def _with_table(chart: alt.LayerChart, frame: pd.DataFrame) -> alt.LayerChart:
    columns = {
        "party": "Party",
        "forum": "Forum",
        "when": "When",
        "stance": "Emphasis (coded)",
        "bloc": "Bloc (coded)",
        "words": "In their words",
        "cite": "Source",
        "coded_by": "Coded by",
    }
    note = (
        "Each point is one party's position in one forum, placed by what it emphasised and coloured by its Cold "
        "War alignment; both codings are the book's reading. The Bloc menu picks out one bloc's members."
    )
    return with_table(chart, frame, columns, "The statements in this chart", note=note)
