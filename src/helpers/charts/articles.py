"""Read the Convention: its key articles side by side, what each obliges or
allows and the question it leaves open, against the events (in every case)
where it was used, refused or ignored.

An event bears on an article when its ``tags`` name it (``article:viii``,
``article:iii-c``), when a ``readings`` row of frame ``definition`` lists it
(Article II), or when the chapter passes an explicit pairing (the book's
reading, declared as such on the page). The chart is drawn from the data, so
it grows as the case chapters add rows.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.charts.marks import axis_for, records, require_table, with_table
from helpers.charts.theme import CATEGORY_ORDER, MUTED, WIDTH, category_scales
from helpers.dates import iso
from helpers.dates import label as date_label
from helpers.sources import citation

INNER = WIDTH - 16  # the chart's width inside its padding
CASE_LABELS = 150  # room for the cases' names left of the events ("Central African Republic" at 12 px)
TEXT_CHARS = 60  # characters per line of what an article obliges and leaves open
LINE_PX = 16
__all__ = ["BASES", "DEFAULT_ARTICLES", "article_links", "convention_articles"]

BASES = {"tag": "tagged on the event", "reading": "a reading of Article II", "book": "the book's pairing"}
DEFAULT_ARTICLES = ("I", "II", "III(c)", "VIII", "IX")
_TAG = re.compile(r"^([ivx]+)(?:-([a-e]))?$")


def _tag_article(value: str) -> str:
    m = _TAG.match(value)
    if not m:
        raise ValueError(
            f"tag 'article:{value}' does not name an article (expected a lower-case Roman numeral with an optional "
            "paragraph letter, such as article:viii or article:iii-c)"
        )
    return m.group(1).upper() + (f"({m.group(2)})" if m.group(2) else "")


def article_links(
    events: pd.DataFrame,
    readings: pd.DataFrame | None = None,
    pairs: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Which events bear on which article, and on what basis.

    Returns one row per (article, event) with ``basis`` ``tag``, ``reading``
    or ``book``; an event linked twice to one article keeps the first basis in
    that order. ``pairs`` maps an article (``"VIII"``, ``"III(c)"``) to event
    ids: the book's own pairing. Unknown ids are an error, not a silent gap.
    """
    require_table(events, "events", ["id", "tags"])
    known = set(events["id"])
    rows: list[dict[str, str]] = []
    for eid, tags in zip(events["id"], events["tags"]):
        if isinstance(tags, str):
            for tag in tags.split(";"):
                key, _, value = tag.partition(":")
                if key == "article":
                    rows.append({"article": _tag_article(value), "id": eid, "basis": "tag"})
    if readings is not None:
        require_table(readings, "readings", ["frame", "events"])
        for ids in readings.loc[readings["frame"] == "definition", "events"].dropna():
            for eid in str(ids).split(";"):
                if eid not in known:
                    raise ValueError(
                        f"readings: event {eid!r} is not in the events table (expected ids from events.csv)"
                    )
                rows.append({"article": "II", "id": eid, "basis": "reading"})
    for article, ids in (pairs or {}).items():
        if not re.match(r"^[IVX]+(\([a-e]\))?$", article):
            raise ValueError(
                f"pairs: {article!r} is not an article (expected the Convention's numbering: I, II, III(c), VIII)"
            )
        for eid in ids:
            if eid not in known:
                raise ValueError(f"pairs[{article!r}]: no event with id {eid!r} (expected ids from events.csv)")
            rows.append({"article": article, "id": eid, "basis": "book"})
    links = pd.DataFrame(rows, columns=["article", "id", "basis"])
    return links.drop_duplicates(["article", "id"], keep="first").reset_index(drop=True)


def _legend(cats: list[str], colour: alt.Scale, shape: alt.Scale) -> alt.LayerChart:
    """The kinds of event, drawn right under the events in columns (a Vega legend in a vconcat goes under
    the whole chart, below the room kept for an article's text, far from the marks it explains)."""
    per_row = 4
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
    ).properties(width=INNER - CASE_LABELS, height=18 * n_rows, title=alt.Title("Kind of event", fontSize=13))


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width) or [""]


def convention_articles(
    provisions: pd.DataFrame,
    events: pd.DataFrame,
    links: pd.DataFrame,
    open_questions: Mapping[str, str],
    which: Sequence[str] = DEFAULT_ARTICLES,
) -> alt.VConcatChart:
    """Read the Convention: the key articles side by side, what each obliges or
    allows and the question it leaves open, and the events (every case) that
    bear on it.

    Click an article (or choose it in the menu) to show only its events and its
    text; click empty space, or choose "All articles", to see every link.
    ``open_questions`` maps each article to the question it leaves open (the
    book's reading); ``links`` comes from :func:`article_links`.
    """
    require_table(provisions, "provisions", ["id", "article", "heading", "measure", "source"])
    require_table(
        events, "events", ["id", "case", "date", "category", "title", "description", "source", "start", "date_last"]
    )
    if not isinstance(links, pd.DataFrame) or not {"article", "id", "basis"} <= set(links.columns):
        raise ValueError("links must be the table article_links() returns (expected columns article, id, basis)")
    missing = [a for a in which if a not in set(provisions["article"])]
    if missing:
        raise ValueError(
            f"no provision for article(s) {', '.join(missing)} in provisions.csv (expected one of {', '.join(provisions['article'])})"
        )
    unanswered = [a for a in which if a not in open_questions]
    if unanswered:
        raise ValueError(
            f"open_questions has no entry for article(s) {', '.join(unanswered)} (expected one question per article shown)"
        )

    order = list(which)
    label = {a: f"Art. {a}" for a in order}
    prov = provisions[provisions["article"].isin(order)].drop_duplicates("article").set_index("article")
    arts = pd.DataFrame(
        {
            "article": order,
            "label": [f"{label[a]}  {prov.loc[a, 'heading']}" for a in order],
            "obliges": [["What it obliges or allows:", *_lines(prov.loc[a, "measure"], TEXT_CHARS)] for a in order],
            "open": [["The question it leaves open:", *_lines(open_questions[a], TEXT_CHARS)] for a in order],
            "n": [int((links["article"] == a).sum()) for a in order],
        }
    )
    arts["label"] = [f"{text} ({n})" for text, n in zip(arts["label"], arts["n"])]
    arts["open_y"] = [4 + LINE_PX * len(lines) + 12 for lines in arts["obliges"]]  # under what it obliges
    text_height = max(y + LINE_PX * len(lines) for y, lines in zip(arts["open_y"], arts["open"]))

    chosen = links[links["article"].isin(order)].merge(events, on="id", how="left")
    if chosen.empty:
        raise ValueError(
            "no event is linked to the articles shown (expected links from article_links() naming events in the table)"
        )
    frame = chosen.copy()
    frame["event"] = frame["id"]
    frame["id"] = frame["article"] + ":" + frame["event"]  # one row per link: an event can bear on two articles
    frame["at"] = frame["start"] + (frame["date_last"] - frame["start"]) / 2
    frame["when"] = frame["date"].map(date_label)
    frame["case_name"] = frame["case"].map(_cases.names())
    frame["cite"] = [citation(s, loc) for s, loc in zip(frame["source"], frame.get("locator", [None] * len(frame)))]
    frame["art_label"] = frame["article"].map(label)
    frame["basis_label"] = frame["basis"].map(BASES)
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

    cases = [_cases.names()[c] for c in _cases.cases() if c in set(frame["case"])]
    tooltip = [
        alt.Tooltip("art_label:N", title="Article"),
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("case_name:N", title="Case"),
        alt.Tooltip("category:N", title="Kind of event"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("basis_label:N", title="Linked by"),
        alt.Tooltip("cite:N", title="Source"),
    ]
    pad = pd.Timedelta(days=365)
    span = [iso(frame["at"].min() - pad), iso(frame["at"].max() + pad)]
    cats = [c for c in CATEGORY_ORDER if c in set(frame["category"])]
    colour_scale, shape_scale = category_scales(cats)  # the book's colour and shape per kind of event
    right = (
        alt.Chart(data)
        .transform_filter(pick)
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            # One padded domain for every article: picking one never squeezes its events against an edge.
            x=alt.X("at:T", title=None, axis=axis_for(), scale=alt.Scale(domain=span, nice=False)),
            y=alt.Y("case_name:N", title=None, sort=cases),
            yOffset=alt.YOffset("slot:O"),
            color=alt.Color("category:N", title="Kind of event", scale=colour_scale, legend=None),
            shape=alt.Shape("category:N", title="Kind of event", scale=shape_scale, legend=None),
            tooltip=tooltip,
        )
        .properties(
            width=INNER - CASE_LABELS, height=max(150, 48 * len(cases)), title="Events that bear on it, by case"
        )
    )
    legend = _legend(cats, colour_scale, shape_scale)
    texts = alt.Chart(arts).transform_filter({"param": pick.name, "empty": False})
    hint = alt.Chart(
        alt.Data(
            values=[{"t": "Choose an article above (menu or click)\nto read what it obliges and what it leaves open."}]
        )
    )
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
    ).properties(width=INNER - CASE_LABELS, height=text_height)
    n_links = len(frame)
    description = (
        f"The Convention's key articles ({', '.join(label[a] for a in order)}), each with what it obliges and the question it leaves open, "
        f"beside {n_links} links to events across the cases where the article was used, refused or ignored."
    )
    # One above the other, lined up on the events' plot (the cases' names to its left).
    chart = alt.vconcat(menu, right, legend, detail, spacing=14).properties(description=description, autosize="pad")
    columns = {"art_label": "Article", "when": "Date", "case_name": "Case", "title": "Event", "category": "Kind of event",
               "basis_label": "Linked by", "cite": "Source"}  # fmt: skip
    return with_table(chart, frame, columns, "The links in this chart")
