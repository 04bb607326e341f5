"""A case read against the UN Framework of Analysis for Atrocity Crimes (2014).

The Framework (United Nations Office on Genocide Prevention and the
Responsibility to Protect, 2014; ``un-framework-2014`` in references.bib)
lists fourteen risk factors: eight common to genocide, crimes against
humanity and war crimes (1-8), two specific to genocide (9-10), two to crimes
against humanity (11-12) and two to war crimes (13-14). The data package's
vocabulary (frame ``risk``) names the first ten, the ones the book reads; a
reading of another factor fails ``python -m helpers.data validate``.

A reading is a row of ``readings.csv`` with ``frame=risk``, ``topic`` the
factor (``rf-1`` ... ``rf-10``), ``position`` one of present, unclear or
absent, and ``events`` the ids of the events that bear on it. Whose reading it
is (``reading_by``) travels with it: the book's readings are the book's, not
the UN's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from helpers import vocabulary
from helpers.charts import annotate as band
from helpers.charts.layout import LINE, WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import with_table
from helpers.charts.theme import WIDTH
from helpers.dates import MONTHS, check_parameter, label
from helpers.frames import records, require_table, select_case, with_display_columns


def factors() -> dict[str, tuple[int, str, str]]:
    """Number, name and group of each factor, as the data package's vocabulary of frame ``risk`` gives them."""
    return {k: (v["number"], v["label"], v["group"]) for k, v in vocabulary.frame("risk").topics.items()}


def positions() -> list[str]:
    """The positions a risk reading may take (present, unclear, absent)."""
    return list(vocabulary.frame("risk").positions)


GROUPS = {
    "common": "common to all atrocity crimes",
    "genocide": "specific to genocide",
    "crimes-against-humanity": "specific to crimes against humanity",
    "war-crimes": "specific to war crimes",
}
GROUP_MENU = {"common": "common", "genocide": "genocide", "crimes-against-humanity": "crimes against humanity",
              "war-crimes": "war crimes"}  # fmt: skip
NOT_MARKED = "not marked"
# Okabe-Ito: vermillion, orange, blue; a grey for a factor the reader has not marked. Each cell also
# prints its position, so colour is never the only cue.
# Vermilion is darkened so that its white label has 4.5:1 contrast.
POSITION_COLOURS = {"present": "#B34700", "unclear": "#E69F00", "absent": "#0072B2", NOT_MARKED: "#BBBBBB"}
WHITE_INK = ("present", "absent")  # cells whose label is white; the others are dark
ROW_HEIGHT = 40
LABEL_CHARS = 48  # a factor's name wraps at this many characters: every name fits in two lines
NARROW_CELL = 26  # pixels: a narrow form's cell, under its factor's name
BOOK, YOU = "The book's reading", "Your reading"


def reader_label(date: Any) -> str:
    """The column heading of one of the book's readings: "The book" and, for a dated reading, its month."""
    if isinstance(date, pd.Timestamp) and not pd.isna(date):
        return f"The book, {MONTHS[date.month - 1][:3]} {date.year}"
    return BOOK


def risk_table(
    readings: pd.DataFrame,
    events: pd.DataFrame | None = None,
    case: str | None = None,
    as_of: str | None = None,
    reading_by: str = "book",
) -> pd.DataFrame:
    """One row per risk factor read (per reading date, where the readings are dated): its number,
    name and group, the position, the reasoning, and the events that bear on it.

    A dated reading lists only the events certainly past by its own date (an event dated to a month
    counts once the month is over), and ``as_of``, when given, keeps only the readings made by then
    (undated readings are always kept) and holds back the events after it.

    Raises a clear error for a table that is not ``readings``, an unknown case, a
    factor or position this module does not know, or a case with no risk readings (by ``as_of``).
    """
    require_table(
        readings, "readings", ["id", "case", "frame", "topic", "position", "summary", "events", "reading_by", "source"]
    )
    frame = select_case(readings, case)
    frame = frame[(frame["frame"] == "risk") & (frame["reading_by"] == reading_by)]
    if frame.empty:
        where = f" for case {case!r}" if case else ""
        raise ValueError(
            f"no risk readings{where} by {reading_by!r} (expected rows in readings.csv with frame=risk and reading_by={reading_by})"
        )
    known = factors()
    unknown = sorted(set(frame["topic"]) - set(known))
    if unknown:
        raise ValueError(f"unknown risk factor(s) {', '.join(unknown)} (expected one of {', '.join(known)})")
    bad = sorted(set(frame["position"]) - set(positions()))
    if bad:
        raise ValueError(f"unknown position(s) {', '.join(bad)} (expected one of {', '.join(positions())})")
    by = check_parameter(as_of, "as_of").last if as_of is not None else None
    frame = with_display_columns(frame)
    dated = frame["date_last"] if "date_last" in frame else pd.Series(pd.NaT, index=frame.index)
    frame["reading_date"] = pd.to_datetime(dated)
    if by is not None:
        frame = frame[frame["reading_date"].isna() | (frame["reading_date"] <= by)]
        if frame.empty:
            raise ValueError(
                f"no risk readings for case {case!r} made by {label(by)} (expected an as_of on or after the "
                "earliest reading's date)"
            )
    frame["number"] = frame["topic"].map(lambda t: known[t][0])
    frame["factor"] = frame["topic"].map(lambda t: known[t][1])
    frame["group"] = frame["topic"].map(lambda t: known[t][2])
    frame["group_text"] = frame["group"].map(GROUPS)
    frame["factor_label"] = [f"{n}. {name}" for n, name in zip(frame["number"], frame["factor"])]
    frame["reader"] = frame["reading_date"].map(reader_label)
    frame["as_of_text"] = frame["reading_date"].map(lambda d: label(d) if not pd.isna(d) else "the whole record")
    lookup: dict[str, Any] = {}
    if events is not None:
        require_table(events, "events", ["id", "title", "date", "start", "date_last"])
        lookup = {r["id"]: r for _, r in events.iterrows()}

    def evidence(ids: Any, until: Any) -> str:
        if not isinstance(ids, str) or not ids:
            return ""
        cuts = [d for d in (until, by) if d is not None]
        cut = min(cuts) if cuts else None
        parts, later = [], 0
        for event_id in ids.split(";"):
            row = lookup.get(event_id)
            if row is None:
                if events is not None:
                    raise ValueError(
                        f"reading names event {event_id!r}, which is not in the events given (expected an id in events.csv)"
                    )
                parts.append(event_id)
                continue
            if cut is not None and row["date_last"] > cut:
                later += 1
                continue
            parts.append(f"{label(row['date'])}: {row['title']}")
        text = "; ".join(parts) if parts else "none on record by then"
        return text + (f" (and {later} later)" if later else "")

    frame["evidence"] = [
        evidence(ids, None if pd.isna(d) else d) for ids, d in zip(frame["events"], frame["reading_date"])
    ]
    return frame.sort_values(["number", "reading_date"], na_position="first").reset_index(drop=True)


def _compare_rows(table: pd.DataFrame, compare: Mapping[str, Any]) -> pd.DataFrame:
    unknown = sorted(set(compare) - set(factors()))
    if unknown:
        raise ValueError(
            f"compare names unknown risk factor(s) {', '.join(unknown)} (expected keys like rf-1 ... rf-14)"
        )
    rows = []
    latest = table.drop_duplicates("topic", keep="last")  # a reader's mark sits beside the book's latest reading
    for _, r in latest.iterrows():
        given = compare.get(r["topic"], NOT_MARKED)
        position, note = given if isinstance(given, (tuple, list)) else (given, "")
        position = position or NOT_MARKED
        if position not in [*positions(), NOT_MARKED]:
            raise ValueError(f"compare[{r['topic']!r}] = {position!r} (expected one of {', '.join(positions())})")
        rows.append(
            {
                **r.to_dict(),
                "id": None,
                "reader": YOU,
                "position": position,
                "summary": note or "(your note)",
                "cite": "your reading",
            }
        )
    return pd.DataFrame(rows)


@two_forms
def risk_profile(
    readings: pd.DataFrame,
    events: pd.DataFrame | None = None,
    case: str | None = None,
    as_of: str | None = None,
    compare: Mapping[str, Any] | None = None,
    title: str | None = None,
    layout: str = WIDE,
) -> alt.Chart:
    """The book's reading of each risk factor as a labelled grid: one row per
    factor, one column per reading (the book's, one for each date it reads, and
    a reader's own), each cell coloured and labelled with its position
    (present, unclear, absent). Hover for the reasoning and the events that bear
    on it; a menu shows one group of factors (common, or specific to one crime).

    ``compare`` adds a second column, a reader's own marks, as
    ``{"rf-1": "present", ...}`` or ``{"rf-1": ("present", "my note"), ...}``;
    a factor left out shows as "not marked". ``layout``: ``"wide"``, ``"narrow"`` (a phone's column:
    each factor named above its cells) or by default both (:mod:`helpers.charts.layout`).
    """
    table = risk_table(readings, events, case, as_of)
    shown = table
    if compare:
        shown = pd.concat([table.astype(object), _compare_rows(table, compare).astype(object)], ignore_index=True)
    shown["factor_lines"] = shown["factor_label"].map(lambda f: band.wrap(f, LABEL_CHARS))  # wrapped, never cut short
    data = records(
        shown,
        [
            "id",
            "reader",
            "factor_label",
            "factor_lines",
            "number",
            "group",
            "group_text",
            "position",
            "summary",
            "evidence",
            "cite",
            "as_of_text",
        ],
    )
    readers = list(dict.fromkeys(table["reader"])) + ([YOU] if compare else [])
    numbers = table.drop_duplicates("topic")
    groups = [g for g in GROUPS if g in set(numbers["group"])]
    spans = {g: f"{numbers.loc[numbers['group'] == g, 'number'].min()}-{numbers.loc[numbers['group'] == g, 'number'].max()}"
             for g in groups}  # fmt: skip
    group = alt.param(
        name="factor_group", value="all",
        bind=alt.binding_select(options=["all", *groups],
                                labels=[f"all {len(numbers)}", *(f"{GROUP_MENU[g]} ({spans[g]})" for g in groups)],
                                name="Factors: "),
    )  # fmt: skip
    order = list(dict.fromkeys(band.wrap(f, LABEL_CHARS) for f in table["factor_label"]))
    y = alt.Y("factor_lines:N", title=None, sort=order, axis=alt.Axis(labelExpr=band.LINES, domain=False, ticks=False))
    x = alt.X(
        "reader:N",
        title=None,
        sort=readers,
        axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=12, domain=False, ticks=False),
    )
    colour = alt.Color(
        "position:N", title="Reading",
        scale=alt.Scale(domain=list(POSITION_COLOURS), range=list(POSITION_COLOURS.values())),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip("factor_label:N", title="Risk factor"),
        alt.Tooltip("group_text:N", title="Group"),
        alt.Tooltip("reader:N", title="Whose reading"),
        alt.Tooltip("as_of_text:N", title="Evidence on record by"),
        alt.Tooltip("position:N", title="Reading"),
        alt.Tooltip("summary:N", title="Why"),
        alt.Tooltip("evidence:N", title="Events that bear on it"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    base = alt.Chart(data).transform_filter("factor_group == 'all' || datum.group == factor_group")
    if layout != WIDE:  # each factor named above its cells, which span the column
        inner = width_of(layout) - 16
        names = {f: band.wrap(f, chars(inner)).split("\n") for f in table["factor_label"]}
        head = LINE + 4  # the readers' names, above the first factor
        tops, bodies, height = stack(list(names.values()), NARROW_CELL, gap=10)
        at = {f: (t + head, b + head) for f, t, b in zip(names, tops, bodies)}
        data = data.assign(
            y0=data["factor_label"].map(lambda f: at[f][1]), name_top=data["factor_label"].map(lambda f: at[f][0]),
            name=data["factor_label"].map(names),
        )  # fmt: skip
        data["y1"], data["mid"] = data["y0"] + NARROW_CELL, data["y0"] + NARROW_CELL / 2
        base = alt.Chart(data).transform_filter("factor_group == 'all' || datum.group == factor_group")
        y = alt.Y("y0:Q", scale=None, axis=None)
        x = alt.X("reader:N", title=None, sort=readers, scale=alt.Scale(paddingInner=0.02, paddingOuter=0),
                  axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=12, domain=False, ticks=False, labelPadding=4))  # fmt: skip
        colour = alt.Color(**{**colour.to_dict(), "legend": alt.Legend(columns=2)})
        cells = base.mark_rect(stroke="white", strokeWidth=2).encode(x=x, y=y, y2="y1:Q", color=colour, tooltip=tooltip)
        names_layer = (
            base.transform_filter(alt.datum.reader == readers[0])  # once per factor
            .mark_text(align="left", baseline="top", x=0, fontSize=12, color="#595959", lineHeight=LINE)
            .encode(y=alt.Y("name_top:Q", scale=None, axis=None), text="name:N")
        )
        y = alt.Y("mid:Q", scale=None, axis=None)
        height = head + height
    else:
        cells = base.mark_rect(stroke="white", strokeWidth=2).encode(x=x, y=y, color=colour, tooltip=tooltip)
    ink = alt.condition(  # 4.5:1 on each fill
        " || ".join(f"datum.position == '{p}'" for p in WHITE_INK), alt.value("white"), alt.value("#222")
    )
    texts = base.mark_text(fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="position:N", color=ink, tooltip=tooltip
    )
    where = f" by {label(check_parameter(as_of, 'as_of').last)}" if as_of else ""
    description = title or (
        f"The UN Framework of Analysis for Atrocity Crimes, risk factors 1 to {numbers['number'].max()}, with the "
        "book's reading of each"
        + (" beside a reader's own" if compare else "")
        + f" (evidence on record{where}): "
        + "; ".join(
            f"{reader}: " + ", ".join(f"{n} {p}" for n, p in zip(part["number"], part["position"]))
            for reader, part in table.groupby("reader", sort=False)
        )
    )
    if layout == WIDE:
        chart = (
            alt.layer(cells, texts)
            .add_params(group)
            .properties(width=WIDTH, height=ROW_HEIGHT * len(numbers), description=description)
        )
    else:
        chart = (
            alt.layer(names_layer, cells, texts)
            .add_params(group)
            .properties(width=width_of(layout), height=height, description=description)
        )
    columns = {"number": "Factor", "factor": "Risk factor", "group_text": "Group", "reader": "Whose reading",
               "as_of_text": "Evidence on record by", "position": "Reading", "summary": "Why",
               "evidence": "Events that bear on it", "cite": "Source"}  # fmt: skip
    note = (
        "One row per risk factor of the UN Framework of Analysis, one column per reading (the book's, dated, each "
        "with only the evidence on record by its date); colour and label: the reading (present, unclear, absent). "
        "The menu shows one group of factors."
    )
    return with_table(chart, table, columns, "The book's reading of each risk factor, with its evidence", note=note)
