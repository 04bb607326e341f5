"""Two investigations, one definition: findings on the elements of Article II, side by side.

A grid with one row per element of the definition (group, act, intent, in whole or in part) and one
column per investigation. A radio control switches between readings of a disputed phrase (for Darfur,
"in whole or in part"), and each cell is shaded by whether that reading supports the finding, puts it
under strain, or leaves it unaffected. Which is which is *given* by the caller (the book's reading,
declared on the page), never computed: the chart explains reasoning, it does not deliver verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from helpers.charts import annotate as band
from helpers.charts.marks import require_table, with_table
from helpers.charts.theme import WIDTH
from helpers.sources import citation

STATUSES = ["supported", "under strain", "unaffected"]
STATUS_COLOURS = ["#009E73", "#E69F00", "#BBBBBB"]
ELEMENTS = ["group", "act", "intent", "in-whole-or-in-part", "as-such"]
ELEMENT_LABELS = {
    "group": "Protected group",
    "act": "Prohibited acts",
    "intent": "Intent to destroy",
    "in-whole-or-in-part": "“In whole or in part”",
    "as-such": "“As such”",
}
POSITION_LABELS = {"met": "met", "not-met": "not met", "not-addressed": "not addressed"}
ROW_HEIGHT = 70
COLUMNS = ["id", "frame", "topic", "party", "position", "summary", "quote", "source", "locator", "reading_by"]


def _check_support(support: Mapping[str, Mapping[str, str]], ids: set[str]) -> None:
    if not isinstance(support, Mapping) or not support:
        raise ValueError(
            "support must map each reading to {row id: status} (expected a non-empty dict, "
            "e.g. {'in part': {'row-id': 'supported'}})"
        )
    for reading, rows in support.items():
        if not isinstance(rows, Mapping):
            raise ValueError(f"support[{reading!r}] must map row ids to a status (expected a dict)")
        unknown = sorted(set(rows) - ids)
        if unknown:
            raise ValueError(
                f"support[{reading!r}] names rows that are not findings in the table: {', '.join(unknown)} "
                f"(expected ids of readings rows with frame 'finding')"
            )
        bad = sorted({s for s in rows.values() if s not in STATUSES})
        if bad:
            raise ValueError(
                f"support[{reading!r}] has unknown status(es) {', '.join(map(repr, bad))} (expected one of {', '.join(STATUSES)})"
            )


def findings(
    readings: pd.DataFrame,
    support: Mapping[str, Mapping[str, str]],
    readings_labels: Mapping[str, str] | None = None,
    control: str = "Reading of “in whole or in part”: ",
    title: str | None = None,
) -> alt.Chart:
    """Findings of several investigations on the elements of Article II, side by side, with a
    control (radio buttons) that switches between readings of a disputed phrase.

    ``readings`` are rows of the ``readings`` table (rows whose ``frame`` is not ``finding`` are
    ignored). ``support`` maps each reading (the control's options, in order) to ``{row id: status}``,
    where status is ``supported``, ``under strain`` or ``unaffected``; rows it does not name are
    ``unaffected``. ``readings_labels`` gives the control's label for each reading.
    """
    frame = require_table(readings, "readings", COLUMNS)
    frame = frame[frame["frame"] == "finding"]
    if frame.empty:
        raise ValueError(
            "readings has no rows whose frame is 'finding' (expected the findings of at least one investigation)"
        )
    unknown = sorted(set(frame["topic"]) - set(ELEMENTS))
    if unknown:
        raise ValueError(f"findings on unknown element(s) {', '.join(unknown)} (expected one of {', '.join(ELEMENTS)})")
    _check_support(support, set(frame["id"]))
    labels = dict(readings_labels or {})
    extra = sorted(set(labels) - set(support))
    if extra:
        raise ValueError(
            f"readings_labels names reading(s) {', '.join(extra)} that support does not (expected keys of support)"
        )
    options = list(support)
    order = [ELEMENT_LABELS[e] for e in ELEMENTS if e in set(frame["topic"])]
    parties = list(dict.fromkeys(frame["party"]))
    rows = []
    for option in options:
        for r in frame.itertuples():
            status = support[option].get(r.id, "unaffected")
            rows.append(
                {
                    "id": r.id,
                    "reading": option,
                    "reading_label": labels.get(option, option),
                    "element": ELEMENT_LABELS[r.topic],
                    "party": r.party,
                    "finding": POSITION_LABELS.get(r.position, r.position.replace("-", " ")),
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
    chars = max(12, int(WIDTH * 2 / 3 / len(parties) / band.CHAR_PX) - 2)
    heading = {party: band.wrap(party, chars) for party in parties}
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
    base = alt.Chart(data).transform_filter(alt.datum.reading == reading)
    cells = base.mark_rect(stroke="#888", strokeWidth=0.5, cornerRadius=3).encode(
        x=x,
        y=y,
        tooltip=tooltip,
        color=alt.Color(
            "status:N",
            title="Under this reading, the finding is",
            legend=alt.Legend(titleLimit=400),
            scale=alt.Scale(domain=STATUSES, range=STATUS_COLOURS),
        ),
    )
    words = base.mark_text(fontSize=13, fontWeight="bold", color="#222").encode(
        x=x, y=y, text="finding:N", tooltip=tooltip
    )
    summary = "; ".join(
        f"{r.party} on {ELEMENT_LABELS[r.topic].strip('“”')}: {POSITION_LABELS.get(r.position, r.position)}"
        for r in frame.itertuples()
    )
    description = title or (
        f"Findings on the elements of Article II, by investigation ({summary}). A control switches between "
        f"readings ({', '.join(labels.get(o, o) for o in options)}) and shades each finding as supported, "
        "under strain or unaffected by that reading; the shading is the book's reading, not a verdict."
    )
    chart = (
        alt.layer(cells, words)
        .add_params(reading)
        .properties(width=WIDTH, height=ROW_HEIGHT * len(order), description=description)
    )
    table = frame.assign(
        element=frame["topic"].map(ELEMENT_LABELS),
        finding=frame["position"].map(lambda p: POSITION_LABELS.get(p, p)),
        words=frame["quote"].fillna(""),
        cite=[citation(s, loc) for s, loc in zip(frame["source"], frame["locator"])],
        **{f"under {o}": [support[o].get(i, "unaffected") for i in frame["id"]] for o in options},
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
    return with_table(chart, table, columns, "The findings in this chart, and what each reading does to them")
