"""Read the Convention: its key articles side by side, what each obliges or
allows and the question it leaves open, against the events (in every case)
where it was used, refused or ignored.

Which events bear on which article is data (:func:`helpers.provisions.article_links`): the
``links`` table, each pair with what the event shows and whose reading it is, and the readings
of Article II's elements. The chart grows as the case chapters add rows.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.charts import annotate as band
from helpers.charts.layout import WIDE, chars, stack, two_forms, width_of
from helpers.charts.marks import axis_for, with_table
from helpers.charts.theme import CATEGORY_ORDER, MUTED, WIDTH, category_scales
from helpers.dates import iso
from helpers.frames import records, require_table, with_display_columns
from helpers.provisions import article_links, open_questions, read_articles

INNER = WIDTH - 16  # the chart's width inside its padding
CASE_LABELS = 150  # room for the cases' names left of the events ("Central African Republic" at 12 px)
TEXT_CHARS = 60  # characters per line of what an article obliges and leaves open
LINE_PX = 16
__all__ = ["convention_articles"]


def _legend(cats: list[str], colour: alt.Scale, shape: alt.Scale, width: int = INNER - CASE_LABELS) -> alt.LayerChart:
    """The kinds of event, drawn right under the events in columns (a Vega legend in a vconcat goes under
    the whole chart, below the room kept for an article's text, far from the marks it explains): four
    a row, or two in a phone's narrower ``width``."""
    per_row = 4 if width >= INNER - CASE_LABELS else 2
    rows = [{"category": c, "col": i % per_row, "row": i // per_row} for i, c in enumerate(cats)]
    n_rows = (len(cats) + per_row - 1) // per_row
    x = alt.X("col:O", axis=None, scale=alt.Scale(paddingOuter=0, align=0))  # a point scale: no paddingInner
    y = alt.Y("row:O", axis=None)
    base = alt.Chart(alt.Data(values=rows)).encode(x=x, y=y)
    return alt.layer(
        base.mark_point(filled=True, size=70, opacity=1, xOffset=6).encode(
            color=alt.Color("category:N", scale=colour, legend=None),
            shape=alt.Shape("category:N", scale=shape, legend=None),
        ),
        base.mark_text(align="left", xOffset=16, fontSize=12, color=MUTED).encode(text="category:N"),
    ).properties(width=width, height=18 * n_rows, title=alt.Title("Kind of event", fontSize=13))


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width) or [""]


@two_forms
def convention_articles(
    provisions: pd.DataFrame,
    events: pd.DataFrame,
    links: pd.DataFrame,
    readings: pd.DataFrame | None = None,
    which: Sequence[str] | None = None,
    layout: str = WIDE,
) -> alt.VConcatChart:
    """Read the Convention: the key articles side by side, what each obliges or
    allows and the question it leaves open, and the events (every case) that
    bear on it.

    Click an article (or choose it in the menu) to show only its events and its
    text; click empty space, or choose "All articles", to see every link.
    ``links`` is the ``links`` table (with ``readings``, the readings of
    Article II's elements add theirs); ``which`` (default: every article whose
    provision says what it leaves open) picks the articles shown. ``layout``: ``"wide"``, ``"narrow"``
    (a phone's column: the articles' names and texts wrapped to it, each case named above its events)
    or by default both (:mod:`helpers.charts.layout`).
    """
    narrow = layout != WIDE
    # Each part's width (narrow, less a few pixels for the marks at the events' first and last dates).
    inner = width_of(layout) - 16 - 8 if narrow else INNER - CASE_LABELS
    text_chars = chars(inner) if narrow else TEXT_CHARS
    require_table(provisions, "provisions", ["id", "article", "heading", "measure", "source"])
    require_table(
        events, "events", ["id", "case", "date", "category", "title", "description", "source", "start", "date_last"]
    )
    require_table(provisions, "provisions", ["leaves_open"])
    which = read_articles(provisions) if which is None else list(which)
    questions = open_questions(provisions)
    links = article_links(provisions, links, readings)
    missing = [a for a in which if a not in set(provisions["article"])]
    if missing:
        raise ValueError(
            f"no provision for article(s) {', '.join(missing)} in provisions.csv (expected one of {', '.join(provisions['article'])})"
        )
    unanswered = [a for a in which if a not in questions]
    if unanswered:
        raise ValueError(
            f"provisions.csv gives no leaves_open for article(s) {', '.join(unanswered)} (expected one question per article shown)"
        )

    order = list(which)
    label = {a: f"Art. {a}" for a in order}
    prov = provisions[provisions["article"].isin(order)].drop_duplicates("article").set_index("article")
    arts = pd.DataFrame(
        {
            "article": order,
            "label": [f"{label[a]}  {prov.loc[a, 'heading']}" for a in order],
            "obliges": [["What it obliges or allows:", *_lines(prov.loc[a, "measure"], text_chars)] for a in order],
            "open": [["The question it leaves open:", *_lines(questions[a], text_chars)] for a in order],
            "n": [int((links["article"] == a).sum()) for a in order],
        }
    )
    arts["label"] = [f"{text} ({n})" for text, n in zip(arts["label"], arts["n"])]
    arts["open_y"] = [4 + LINE_PX * len(lines) + 12 for lines in arts["obliges"]]  # under what it obliges
    text_height = max(y + LINE_PX * len(lines) for y, lines in zip(arts["open_y"], arts["open"]))

    chosen = links[links["article"].isin(order)].merge(events, on="id", how="left")
    if chosen.empty:
        raise ValueError(
            "no event is linked to the articles shown (expected rows of links.csv naming events in the table)"
        )
    frame = with_display_columns(chosen)
    frame["event"] = frame["id"]
    frame["id"] = frame["article"] + ":" + frame["event"]  # one row per link: an event can bear on two articles
    frame["at"] = frame["start"] + (frame["date_last"] - frame["start"]) / 2
    frame["art_label"] = frame["article"].map(label)
    frame["basis_label"] = frame["linked_by"]
    frame["slot"] = frame["article"].map({a: i for i, a in enumerate(order)})
    frame = frame.sort_values(["slot", "start"])
    data = records(
        frame,
        [
            "article",
            "art_label",
            "slot",
            "id",
            "at",
            "when",
            "case_name",
            "category",
            "title",
            "description",
            "cite",
            "basis_label",
            "basis",
        ],
    )

    pick = alt.selection_point(
        fields=["article"],
        name="article_pick",
        empty=True,
        bind=alt.binding_select(
            options=[None, *order], labels=["All articles", *[label[a] for a in order]], name="Article "
        ),
    )
    left = alt.Chart(arts)
    row_y = alt.Y("article:N", sort=order, axis=None)
    menu = (
        alt.layer(
            left.mark_rect(color="#8881", stroke="#8884").encode(
                y=row_y,
                x=alt.value(0),
                x2=alt.value(INNER - CASE_LABELS),
                opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            ),
            left.mark_text(align="left", x=6, fontSize=12, color=MUTED).encode(
                y=row_y,
                text="label:N",
                opacity=alt.condition(pick, alt.value(1), alt.value(0.45)),
                tooltip=[alt.Tooltip("label:N", title="Article")],
            ),
        )
        .add_params(pick)
        .properties(width=INNER - CASE_LABELS, height=34 * len(order), title="Choose an article")
    )
    if narrow:  # each article's name wrapped to the column, in a box of its own height
        lines = [band.wrap(t, chars(inner - 12)).split("\n") for t in arts["label"]]
        rows = arts.assign(lines=lines)
        rows["y0"] = pd.Series([0, *(LINE_PX * len(n) + 14 for n in lines)]).cumsum().iloc[:-1].to_numpy()
        rows["y1"] = rows["y0"] + [LINE_PX * len(n) + 10 for n in lines]
        rows["text_y"] = rows["y0"] + 5
        left = alt.Chart(rows)
        menu = (
            alt.layer(
                left.mark_rect(color="#8881", stroke="#8884").encode(
                    y=alt.Y("y0:Q", scale=None, axis=None), y2="y1:Q", x=alt.value(0), x2=alt.value(inner),
                    opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
                ),
                left.mark_text(align="left", baseline="top", x=6, fontSize=12, color=MUTED, lineHeight=LINE_PX).encode(
                    y=alt.Y("text_y:Q", scale=None, axis=None), text="lines:N",
                    opacity=alt.condition(pick, alt.value(1), alt.value(0.45)),
                    tooltip=[alt.Tooltip("label:N", title="Article")],
                ),
            )
            .add_params(pick)
            .properties(width=inner, height=int(rows["y1"].iloc[-1]), title="Choose an article")
        )  # fmt: skip

    cases = [_cases.names()[c] for c in _cases.cases() if c in set(frame["case"])]
    tooltip = [
        alt.Tooltip("art_label:N", title="Article"),
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("case_name:N", title="Case"),
        alt.Tooltip("category:N", title="Kind of event"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("basis:N", title="What it shows"),
        alt.Tooltip("basis_label:N", title="Linked by"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    pad = pd.Timedelta(days=365)
    span = [iso(frame["at"].min() - pad), iso(frame["at"].max() + pad)]
    cats = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    colour_scale, shape_scale = category_scales(cats)  # the book's colour and shape per kind of event
    y = {"y": alt.Y("case_name:N", title=None, sort=cases), "yOffset": alt.YOffset("slot:O")}
    if narrow:  # each case named above its events, a row for each article's
        names = [band.wrap(c, chars(inner, 7.6)).split("\n") for c in cases]
        step = 6  # pixels between two articles' rows of a case
        tops, bodies, lanes_height = stack(names, step * (len(order) - 1) + 12, gap=8)
        body = dict(zip(cases, bodies))
        data = data.assign(y=[body[c] + 6 + step * s for c, s in zip(data["case_name"], data["slot"])])
        y = {"y": alt.Y("y:Q", scale=None, axis=None)}
    right = (
        alt.Chart(data)
        .transform_filter(pick)
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            # One padded domain for every article: picking one never squeezes its events against an edge.
            x=alt.X("at:T", title=None, axis=axis_for(), scale=alt.Scale(domain=span, nice=False)),
            **y,
            color=alt.Color("category:N", title="Kind of event", scale=colour_scale, legend=None),
            shape=alt.Shape("category:N", title="Kind of event", scale=shape_scale, legend=None),
            tooltip=tooltip,
        )
        .properties(
            width=INNER - CASE_LABELS, height=max(150, 48 * len(cases)), title="Events that bear on it, by case"
        )
    )
    if narrow:
        case_names = (
            alt.Chart(pd.DataFrame({"name": names, "top": tops}))
            .mark_text(align="left", baseline="top", x=0, fontSize=12, fontWeight="bold", color=MUTED, lineHeight=LINE_PX)
            .encode(y=alt.Y("top:Q", scale=None, axis=None), text="name:N")
        )  # fmt: skip
        right = alt.layer(case_names, right).properties(
            width=inner, height=lanes_height, title="Events that bear on it, by case"
        )
    legend = _legend(cats, colour_scale, shape_scale, inner)
    texts = alt.Chart(arts).transform_filter({"param": pick.name, "empty": False})
    said = "Choose an article above (menu or click)\nto read what it obliges and what it leaves open."
    if narrow:
        said = band.wrap(said.replace("\n", " "), chars(inner))
    hint = alt.Chart(alt.Data(values=[{"t": said}]))
    detail = alt.layer(
        hint.mark_text(
            align="left",
            baseline="top",
            x=0,
            y=4,
            fontSize=12,
            color=MUTED,
            fontStyle="italic",
            lineBreak="\n",
            lineHeight=LINE_PX,
        )
        .encode(text="t:N")
        .transform_filter(f"!isValid({pick.name}.article) || length({pick.name}.article) == 0"),
        texts.mark_text(align="left", baseline="top", x=0, y=4, fontSize=12, color=MUTED, lineHeight=LINE_PX).encode(
            text="obliges:N"
        ),
        texts.mark_text(align="left", baseline="top", x=0, fontSize=12, color=MUTED, lineHeight=LINE_PX).encode(
            text="open:N", y=alt.Y("open_y:Q", scale=None)
        ),
    ).properties(width=inner, height=text_height)
    n_links = len(frame)
    description = (
        f"The Convention's key articles ({', '.join(label[a] for a in order)}), each with what it obliges and the question it leaves open, "
        f"beside {n_links} links to events across the cases where the article was used, refused or ignored."
    )
    # One above the other, lined up on the events' plot (the cases' names to its left).
    chart = alt.vconcat(menu, right, legend, detail, spacing=14).properties(description=description, autosize="pad")
    columns = {"art_label": "Article", "when": "Date", "case_name": "Case", "title": "Event", "category": "Kind of event",
               "basis_label": "Linked by", "cite": "Source"}  # fmt: skip
    note = (
        "Choose an article in the menu, or click it, to see only its events; click empty space to see them all. "
        "Which events bear on an article is partly the book's reading: the table says whose each link is."
    )
    return with_table(chart, frame, columns, "The links in this chart", note=note)
