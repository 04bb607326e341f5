"""The definition, element by element: Article II's five elements against the
cases, one mark per reading (a ``readings`` row of frame ``definition``),
coloured by what it says about the element and shaped by whose reading it is.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers import vocabulary
from helpers.charts import annotate as band
from helpers.charts.layout import LINE, WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import with_table
from helpers.charts.theme import PALETTE, WIDTH
from helpers.dates import label as date_label
from helpers.frames import citations, records, require_table

__all__ = ["POSITION_COLOURS", "READERS", "definition_elements"]

# What a definition reading says about an element, coloured (Okabe-Ito); the words are the data
# package's (the vocabulary of frame ``definition``), as are the elements, in the order of Article II.
POSITION_COLOURS = {
    "met": PALETTE[2],
    "not-met": PALETTE[3],
    "in-doubt": PALETTE[1],
    "contested": PALETTE[4],
    "open": PALETTE[7],
}
READERS = {
    "source": ("the party's own finding", "circle"),
    "article": ("Maddox's reading", "square"),
    "book": ("the book's reading", "diamond"),
}
ROW_HEIGHT = 56
NARROW_ROW = 34  # pixels: a narrow form's row of cells, under its element's name
TEXT_ITSELF = "The text itself"  # the definition chart's column for readings of the text, not of a case
NO_WORDS = "(no quotation on file)"  # the tooltip of a reading whose words the data do not quote


@two_forms
def definition_elements(readings: pd.DataFrame, title: str | None = None, layout: str = WIDE) -> alt.LayerChart:
    """Article II element by element against the cases: one mark per reading,
    coloured by what it says about the element and shaped by whose reading it
    is (the party's own, Maddox's, or the book's). A menu shows one kind of
    reader at a time; hover for the reading, the party's words and the source.
    ``layout``: ``"wide"``, ``"narrow"`` (a phone's column: each element named above its row of
    cells) or by default both (:mod:`helpers.charts.layout`)."""
    require_table(
        readings, "readings", ["id", "case", "frame", "topic", "party", "position", "summary", "reading_by", "source"]
    )
    frame = readings[readings["frame"] == "definition"].copy()
    if frame.empty:
        raise ValueError("readings has no rows with frame 'definition' (expected readings of Article II's elements)")
    words = vocabulary.frame("definition")
    elements = words.topic_labels()
    position_words = {p: (label, POSITION_COLOURS[p]) for p, label in words.position_labels().items()}
    bad = sorted(set(frame["topic"]) - set(elements))
    if bad:
        raise ValueError(f"definition readings with topic(s) {', '.join(bad)} (expected one of {', '.join(elements)})")
    bad = sorted(set(frame["position"]) - set(position_words))
    if bad:
        raise ValueError(
            f"definition readings with position(s) {', '.join(bad)} (expected one of {', '.join(position_words)})"
        )
    names = dict(_cases.names(), convention=TEXT_ITSELF)
    frame["case_name"] = frame["case"].map(names)
    frame["element"] = frame["topic"].map(elements)
    frame["reading"] = frame["position"].map(lambda p: position_words[p][0])
    frame["whose"] = frame["reading_by"].map(lambda r: READERS[r][0])
    frame["when"] = frame["date"].map(lambda d: date_label(d) if isinstance(d, str) else "undated")
    frame["cite"] = citations(frame)
    frame["slot"] = frame.groupby(["case", "topic"]).cumcount()
    # A reading with no quotation on file says so in its tooltip (a missing value would read "null").
    frame["words"] = frame["quote"].fillna("").replace("", NO_WORDS) if "quote" in frame else NO_WORDS
    data = records(
        frame, ["id", "case_name", "element", "reading", "whose", "party", "when", "summary", "words", "cite", "slot"]
    )
    data["slot"] = data["slot"].astype(int)

    cases = [names[c] for c in _cases.cases() if c in set(frame["case"]) or c in ("cambodia", "rwanda", "darfur")]
    index = {c: i for i, c in enumerate(cases)}
    data["n"] = data.groupby(["case_name", "element"])["slot"].transform("count")
    data["xpos"] = [index[c] + (s - (n - 1) / 2) * 0.22 for c, s, n in zip(data["case_name"], data["slot"], data["n"])]
    grid = pd.DataFrame(
        [(c, e, index[c] - 0.48, index[c] + 0.48) for c in cases for e in elements.values()],
        columns=["case_name", "element", "x0", "x1"],
    )
    labels = "{" + ", ".join(f"'{i}': '{c}'" for c, i in index.items()) + "}"
    x_scale = alt.Scale(domain=[-0.5, len(cases) - 0.5], nice=False, zero=False)
    x_axis = alt.Axis(
        orient="top",
        values=list(range(len(cases))),
        labelExpr=f"{labels}[datum.value]",
        grid=False,
        ticks=False,
        domain=False,
        labelFontSize=12,
        labelFontWeight="bold",
    )
    y = alt.Y("element:N", title=None, sort=list(elements.values()))
    narrow = layout != WIDE
    if narrow:  # each element named above its row; the cases' names wrapped over their columns
        inner = width_of(layout) - 16
        column = chars(inner / len(cases), 7.6)
        heads = pd.DataFrame(
            {"xpos": [index[c] for c in cases], "name": [band.wrap(c, column).split("\n") for c in cases]}
        )
        head = LINE * max(len(n) for n in heads["name"]) + 6  # the cases' names, above the first row
        x_axis = None
        names = {e: band.wrap(e, chars(inner)).split("\n") for e in elements.values()}
        tops, bodies, height = stack(list(names.values()), NARROW_ROW, gap=8)
        tops, bodies, height = [t + head for t in tops], [b + head for b in bodies], height + head
        at = {e: (t, b) for e, t, b in zip(names, tops, bodies)}
        grid = grid.assign(y0=grid["element"].map(lambda e: at[e][1]))
        grid["y1"] = grid["y0"] + NARROW_ROW
        data = data.assign(mid=data["element"].map(lambda e: at[e][1] + NARROW_ROW / 2))
        y = alt.Y("mid:Q", scale=None, axis=None)
        element_names = pd.DataFrame({"name": list(names.values()), "top": tops})
    x = alt.X("xpos:Q", title=None, scale=x_scale, axis=x_axis)
    whose = alt.selection_point(
        fields=["whose"],
        name="whose_pick",
        bind=alt.binding_select(
            options=[None, *[r[0] for r in READERS.values()]],
            labels=["Every reading", *[r[0] for r in READERS.values()]],
            name="Whose reading ",
        ),
    )
    tooltip = [
        alt.Tooltip("element:N", title="Element"),
        alt.Tooltip("case_name:N", title="Case"),
        alt.Tooltip("party:N", title="Whose reading"),
        alt.Tooltip("when:N", title="When"),
        alt.Tooltip("reading:N", title="The element is"),
        alt.Tooltip("summary:N", title="Reading"),
        alt.Tooltip("words:N", title="In their words"),
        alt.Tooltip("whose:N", title="Kind"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    cells = (
        alt.Chart(grid)
        .mark_rect(fill="#8881", stroke="#8886")
        .encode(x=alt.X("x0:Q", title=None, scale=x_scale, axis=x_axis), x2="x1:Q", y=y)
    )
    if narrow:
        cells = (
            alt.Chart(grid)
            .mark_rect(fill="#8881", stroke="#8886")
            .encode(
                x=alt.X("x0:Q", title=None, scale=x_scale, axis=x_axis), x2="x1:Q",
                y=alt.Y("y0:Q", scale=None, axis=None), y2="y1:Q",
            )
        )  # fmt: skip
    marks = (
        alt.Chart(data)
        .mark_point(filled=True, size=150, opacity=1, stroke="#fff", strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "reading:N",
                title="The element is",
                legend=alt.Legend(columns=1),  # each legend one column, side by side under the chart
                scale=alt.Scale(
                    domain=[p[0] for p in position_words.values()], range=[p[1] for p in position_words.values()]
                ),
            ),
            shape=alt.Shape(
                "whose:N",
                title="Whose reading",
                legend=alt.Legend(columns=1),
                scale=alt.Scale(domain=[r[0] for r in READERS.values()], range=[r[1] for r in READERS.values()]),
            ),
            opacity=alt.condition(whose, alt.value(1.0), alt.value(0.08)),
            tooltip=tooltip,
        )
        .add_params(whose)
    )
    counts = frame.groupby("case_name").size().to_dict()
    summary = "; ".join(f"{c}: {counts.get(c, 0)} reading(s)" for c in cases)
    description = (
        title or f"Article II's five elements against the cases, one mark per reading of an element. {summary}."
    )
    if narrow:
        labels = (
            alt.Chart(element_names)
            .mark_text(align="left", baseline="top", x=0, fontSize=12, color="#595959", lineHeight=LINE)
            .encode(y=alt.Y("top:Q", scale=None, axis=None), text="name:N")
        )
        case_names = (
            alt.Chart(heads)
            .mark_text(baseline="top", y=0, fontSize=12, fontWeight="bold", color="#595959", lineHeight=LINE)
            .encode(x=alt.X("xpos:Q", scale=x_scale, axis=None), text="name:N")
        )
        chart = alt.layer(case_names, labels, cells, marks).properties(
            width=width_of(layout), height=height, description=description
        )
    else:
        chart = alt.layer(cells, marks).properties(
            width=WIDTH, height=ROW_HEIGHT * len(elements), description=description
        )
    columns = {"case_name": "Case", "element": "Element", "party": "Whose reading", "when": "When", "reading": "The element is",
               "summary": "Reading", "whose": "Kind of reading", "cite": "Source"}  # fmt: skip
    note = (
        "One mark per reading of an element in a case. Colour: what the reading says (met, not met, in doubt, "
        "contested, left open by the text); shape: whose reading it is (the party's own finding, Maddox's, or "
        "the book's). An empty cell: the data record no dispute there. The menu shows one kind of reading."
    )
    return with_table(chart, frame, columns, "The readings in this chart", note=note)
