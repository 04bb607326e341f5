"""Read the Convention, live: choose an article and a case, see what the article
obliges, the question it leaves open, and the events in that case that bear on it.

:func:`convention_reader` returns a :class:`helpers.widgets.live.LiveView`: live with a
kernel (JupyterLab, Binder), and on the static site the table for its default
settings with a note that the controls are live in Binder.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers.frames import require_table, with_display_columns
from helpers.provisions import article_links, open_questions, read_articles
from helpers.widgets.live import LiveView

__all__ = ["convention_reader", "reader_rows"]

ALL = "all"


def reader_rows(events: pd.DataFrame, links: pd.DataFrame, article: str, case: str = ALL) -> pd.DataFrame:
    """The events linked to ``article`` (in ``case``, or in every case), oldest first; ``links`` is
    what :func:`helpers.provisions.article_links` returns."""
    require_table(events, "events", ["id", "case", "date", "title", "category", "source", "start"])
    require_table(links, "links", ["article", "id", "linked_by"], allow_empty=True)
    if case != ALL:
        _cases.check_case(case)
    chosen = links[links["article"] == article].merge(with_display_columns(events), on="id", how="inner")
    if case != ALL:
        chosen = chosen[chosen["case"] == case]
    chosen = chosen.sort_values("start")
    chosen["case_name"] = chosen["case"].map(_cases.names())
    chosen["basis_label"] = chosen["linked_by"]
    return chosen


def _table(provisions: pd.DataFrame, questions: Mapping[str, str], rows: pd.DataFrame, article: str, case: str) -> Any:
    from IPython.display import HTML

    p = provisions[provisions["article"] == article].iloc[0]
    where = "every case" if case == ALL else _cases.names()[case]
    # Line breaks between cells: the page's text (search excerpts, the search index) keeps them apart.
    body = "\n".join(
        "<tr>\n"
        + "\n".join(
            f"<td>{html.escape(v)}</td>" for v in (r.when, r.case_name, r.title, r.category, r.basis_label, r.cite)
        )
        + "\n</tr>"
        for r in rows.itertuples()
    )
    if not body:
        body = (
            "<tr><td colspan='6'><em>No event in the data is linked to this article for this case yet.</em></td></tr>"
        )
    return HTML(
        f"<p><strong>Article {html.escape(article)}: {html.escape(p['heading'])}</strong><br>"
        f"What it obliges or allows: {html.escape(p['measure'])}<br>"
        f"The question it leaves open: {html.escape(questions.get(article, ''))}</p>\n"
        f"<table class='table'><caption>Events in {html.escape(where)} that bear on Article {html.escape(article)}</caption>"
        "\n<thead><tr>\n<th scope='col'>Date</th>\n<th scope='col'>Case</th>\n<th scope='col'>Event</th>\n"
        "<th scope='col'>Kind</th>\n<th scope='col'>Linked by</th>\n<th scope='col'>Source</th>\n</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody></table>"
    )


def convention_reader(
    provisions: pd.DataFrame,
    events: pd.DataFrame,
    links: pd.DataFrame,
    readings: pd.DataFrame | None = None,
    article: str = "I",
    case: str = ALL,
    articles: tuple[str, ...] | None = None,
) -> LiveView:
    """Choose an article and a case: the article's reading, and the events there that bear on it.

    ``links`` is the ``links`` table (with ``readings``, the readings of Article II's elements add
    theirs); ``articles`` (default: every article whose provision says what it leaves open) are the
    menu's choices."""
    import ipywidgets as w

    require_table(provisions, "provisions", ["id", "article", "heading", "measure", "leaves_open"])
    articles = tuple(read_articles(provisions)) if articles is None else tuple(articles)
    questions = open_questions(provisions)
    links = article_links(provisions, links, readings)
    if article not in articles:
        raise ValueError(
            f"article {article!r} is not one of the articles this reader shows (expected one of {', '.join(articles)})"
        )
    missing = [a for a in articles if a not in set(provisions["article"])]
    if missing:
        raise ValueError(
            f"no provision for article(s) {', '.join(missing)} in provisions.csv (expected rows for every article shown)"
        )
    if case != ALL:
        _cases.check_case(case)
    reader_rows(events, links, article, case)  # fail now, with a clear message, on bad tables
    names = _cases.names()
    article_menu = w.Dropdown(options=[(f"Article {a}", a) for a in articles], value=article, description="Article")
    case_menu = w.Dropdown(
        options=[("Every case", ALL), *[(names[c], c) for c in _cases.cases()]], value=case, description="Case"
    )

    def view(article: str, case: str) -> Any:
        return _table(provisions, questions, reader_rows(events, links, article, case), article, case)

    return LiveView({"article": article_menu, "case": case_menu}, view, "Read the Convention")
