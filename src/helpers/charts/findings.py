"""Two investigations, one definition: findings on the elements of Article II, side by side.

A grid with one row per element of the definition (group, act, intent, in whole or in part) and one
column per investigation. A radio control switches between readings of a disputed phrase (for Darfur,
"in whole or in part"), and each cell is shaded by whether that reading supports the finding, puts it
under strain, or leaves it unaffected. Which is which is *given* by the caller (the book's reading,
declared on the page), never computed: the chart explains reasoning, it does not deliver verdicts.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import vocabulary
from helpers.charts import annotate as band
from helpers.charts.layout import LINE, WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import with_table
from helpers.charts.theme import WIDTH
from helpers.frames import citations, require_table
from helpers.sources import citation

# The shades of a finding under a reading of the phrase (the vocabulary of frame ``finding-support``).
STATUS_COLOURS = {"supported": "#009E73", "under-strain": "#E69F00", "unaffected": "#BBBBBB"}
UNAFFECTED = "unaffected"
ROW_HEIGHT = 70
NARROW_ROW = 34  # pixels: a narrow form's row of cells, under its element's name
COLUMNS = ["id", "frame", "topic", "party", "position", "summary", "quote", "source", "locator", "reading_by"]


def support(readings: pd.DataFrame, findings: pd.DataFrame) -> dict[str, dict[str, str]]:
    """What each reading of the disputed phrase does to each finding: ``{reading: {finding id: status}}``,
    from the rows of frame ``finding-support`` (``topic`` the reading, ``about`` the finding,
    ``position`` the status), in the vocabulary's order of readings."""
    rows = readings[(readings["frame"] == "finding-support") & readings["about"].isin(set(findings["id"]))]
    if rows.empty:
        raise ValueError(
            "readings has no rows of frame 'finding-support' about these findings (expected the book's reading of "
            "what each reading of the phrase does to each finding, with `about` naming the finding)"
        )
    order = [t for t in vocabulary.frame("finding-support").topics if t in set(rows["topic"])]
    return {
        t: dict(zip(rows.loc[rows["topic"] == t, "about"], rows.loc[rows["topic"] == t, "position"])) for t in order
    }


@two_forms
def findings(
    readings: pd.DataFrame,
    control: str = "Reading of “in whole or in part”: ",
    title: str | None = None,
    layout: str = WIDE,
) -> alt.Chart:
    """Findings of several investigations on the elements of Article II, side by side, with a
    control (radio buttons) that switches between readings of a disputed phrase.

    ``readings`` are rows of the ``readings`` table: those of frame ``finding`` are the findings, and
    those of frame ``finding-support`` say what each reading of the phrase (their ``topic``) does to
    the finding they are ``about``: ``supported``, ``under-strain`` or ``unaffected`` (a finding no
    row names is unaffected). The words of the control and the shades come from the data package's
    vocabulary. ``layout``: ``"wide"``, ``"narrow"`` (a phone's column: each element named above its
    row) or by default both (:mod:`helpers.charts.layout`).
    """
    frame = require_table(readings, "readings", COLUMNS)
    frame = frame[frame["frame"] == "finding"]
    if frame.empty:
        raise ValueError(
            "readings has no rows whose frame is 'finding' (expected the findings of at least one investigation)"
        )
    words = vocabulary.frame("finding")
    element_labels = words.topic_labels()
    finding_words = words.position_labels()
    unknown = sorted(set(frame["topic"]) - set(element_labels))
    if unknown:
        raise ValueError(
            f"findings on unknown element(s) {', '.join(unknown)} (expected one of {', '.join(element_labels)})"
        )
    chosen = support(readings, frame)
    phrase = vocabulary.frame("finding-support")
    labels = phrase.topic_labels()
    status_words = phrase.position_labels()
    statuses = [status_words[s] for s in STATUS_COLOURS]
    options = list(chosen)
    order = [element_labels[e] for e in element_labels if e in set(frame["topic"])]
    parties = list(dict.fromkeys(frame["party"]))
    rows = []
    for option in options:
        for r in frame.itertuples():
            status = status_words[chosen[option].get(r.id, UNAFFECTED)]
            rows.append(
                {
                    "id": r.id,
                    "reading": option,
                    "reading_label": labels.get(option, option),
                    "element": element_labels[r.topic],
                    "party": r.party,
                    "finding": finding_words[r.position],
                    "status": status,
                    "summary": r.summary,
                    "quote": f"“{r.quote}”" if isinstance(r.quote, str) and r.quote else "(no words quoted)",
                    "whose": {
                        "source": "the investigation's own finding",
                        "article": "Maddox's reading of it",
                        "book": "this book's reading",
                    }.get(r.reading_by, r.reading_by),
                    "cite": citation(r.source, r.locator),
                }
            )
    data = pd.DataFrame(rows)
    reading = alt.param(
        name="reading",
        value=options[0],
        bind=alt.binding_radio(options=options, labels=[labels.get(o, o) for o in options], name=control),
    )
    # Each column's heading wrapped to the column's width (the element labels take about a third of the chart).
    per_line = max(12, int(WIDTH * 2 / 3 / len(parties) / band.CHAR_PX) - 2)
    heading = {party: band.wrap(party, per_line) for party in parties}
    data["column"] = data["party"].map(heading)
    x = alt.X("column:N", title=None, sort=[heading[p] for p in parties],
              axis=alt.Axis(orient="top", labelAngle=0, labelLimit=0, labelExpr=band.LINES, ticks=False))  # fmt: skip
    y = alt.Y("element:N", title=None, sort=order, axis=alt.Axis(labelLimit=200))
    tooltip = [
        alt.Tooltip("party:N", title="Investigation"),
        alt.Tooltip("element:N", title="Element"),
        alt.Tooltip("finding:N", title="Finding"),
        alt.Tooltip("status:N", title="Under this reading"),
        alt.Tooltip("summary:N", title="Reasoning"),
        alt.Tooltip("quote:N", title="In their words"),
        alt.Tooltip("whose:N", title="Whose reading"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    narrow = layout != WIDE
    if narrow:  # each element named above its row; the investigations' names over their columns
        inner = width_of(layout) - 16
        heading = {party: band.wrap(party, chars(inner / len(parties) - 8, 7.6)) for party in parties}  # bold
        data["column"] = data["party"].map(heading)
        head = LINE * max(h.count("\n") + 1 for h in heading.values()) + 6
        names = {e: band.wrap(e, chars(inner)).split("\n") for e in order}
        tops, bodies, height = stack(list(names.values()), NARROW_ROW, gap=8)
        at = {e: (t + head, b + head) for e, t, b in zip(names, tops, bodies)}
        data["y0"] = data["element"].map(lambda e: at[e][1])
        data["y1"], data["mid"] = data["y0"] + NARROW_ROW, data["y0"] + NARROW_ROW / 2
        data["name_top"], data["name"] = data["element"].map(lambda e: at[e][0]), data["element"].map(names)
        x = alt.X("column:N", title=None, sort=[heading[p] for p in parties], scale=alt.Scale(paddingInner=0.03),
                  axis=alt.Axis(orient="top", labelAngle=0, labelLimit=0, labelExpr=band.LINES, ticks=False,
                                domain=False, labelPadding=4, labelBaseline="top", labelFontWeight="bold"))  # fmt: skip
        y = alt.Y("y0:Q", scale=None, axis=None)
    base = alt.Chart(data).transform_filter(alt.datum.reading == reading)
    cells = base.mark_rect(stroke="#888", strokeWidth=0.5, cornerRadius=3).encode(
        x=x,
        y=y,
        **({"y2": "y1:Q"} if narrow else {}),
        tooltip=tooltip,
        color=alt.Color(
            "status:N",
            title="Under this reading, the finding is",
            legend=alt.Legend(titleLimit=400),
            scale=alt.Scale(domain=statuses, range=list(STATUS_COLOURS.values())),
        ),
    )
    words = base.mark_text(fontSize=13, fontWeight="bold", color="#222").encode(
        x=x, y=alt.Y("mid:Q", scale=None, axis=None) if narrow else y, text="finding:N", tooltip=tooltip
    )
    summary = "; ".join(
        f"{r.party} on {element_labels[r.topic].strip('“”')}: {finding_words[r.position]}" for r in frame.itertuples()
    )
    description = title or (
        f"Findings on the elements of Article II, by investigation ({summary}). A control switches between "
        f"readings ({', '.join(labels.get(o, o) for o in options)}) and shades each finding as supported, "
        "under strain or unaffected by that reading; the shading is the book's reading, not a verdict."
    )
    if narrow:
        first = data.drop_duplicates("element")
        element_names = (
            alt.Chart(first)
            .mark_text(align="left", baseline="top", x=0, fontSize=12, color="#595959", lineHeight=LINE)
            .encode(y=alt.Y("name_top:Q", scale=None, axis=None), text="name:N")
        )
        # the legend's title over two lines, to fit the column
        cells = cells.encode(color=alt.Color("status:N", title=["Under this reading,", "the finding is"],
                                             scale=alt.Scale(domain=statuses, range=list(STATUS_COLOURS.values()))))  # fmt: skip
        chart = (
            alt.layer(element_names, cells, words)
            .add_params(reading)
            .properties(width=width_of(layout), height=head + height, description=description)
        )
    else:
        chart = (
            alt.layer(cells, words)
            .add_params(reading)
            .properties(width=WIDTH, height=ROW_HEIGHT * len(order), description=description)
        )
    table = frame.assign(
        element=frame["topic"].map(element_labels),
        finding=frame["position"].map(finding_words),
        words=frame["quote"].fillna(""),
        cite=citations(frame),
        **{f"under {o}": [status_words[chosen[o].get(i, UNAFFECTED)] for i in frame["id"]] for o in options},
    )
    columns = {
        "party": "Investigation",
        "element": "Element",
        "finding": "Finding",
        "summary": "Reasoning",
        "words": "In their words",
    }
    columns.update({f"under {o}": f"Reading: {labels.get(o, o)}" for o in options})
    columns["cite"] = "Source"
    note = (
        "One row per element of Article II the investigations weighed. The control switches the reading of "
        '"in whole or in part"; the shading says whether each finding is supported, under strain or '
        "unaffected under that reading, on the book's reading of the article, not as a verdict."
    )
    return with_table(
        chart, table, columns, "The findings in this chart, and what each reading does to them", note=note
    )
