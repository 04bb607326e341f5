"""The Convention's articles as the book reads them: the question each leaves open, and the events
that bear on each.

Both are data. A provision's ``leaves_open`` (``provisions.csv``) is the question the book reads the
article as leaving open; the ``links`` table pairs an event with a provision and says what the
event shows about it and whose reading that is (the source's own, where a court names the article,
or the book's). The readings of Article II's elements (``readings.csv``, frame ``definition``) link
the events they name to Article II too. The Convention chart and the Convention reader both draw
from :func:`article_links`.
"""

from __future__ import annotations

import pandas as pd

from helpers.frames import require_table

LINKED_BY = {
    "source": "the source itself",
    "article": "the article's reading",
    "book": "the book's reading",
    "definition": "a reading of Article II",
}
LINK_COLUMNS = ["article", "provision", "id", "basis", "linked_by"]


def read_articles(provisions: pd.DataFrame) -> list[str]:
    """The articles the book reads side by side: those whose provision says what it leaves open, in order."""
    require_table(provisions, "provisions", ["article", "leaves_open"])
    return list(dict.fromkeys(provisions.loc[provisions["leaves_open"].notna(), "article"]))


def open_questions(provisions: pd.DataFrame) -> dict[str, str]:
    """Each article's question it leaves open (the first provision of the article that states one)."""
    require_table(provisions, "provisions", ["article", "leaves_open"])
    chosen = provisions[provisions["leaves_open"].notna()].drop_duplicates("article")
    return dict(zip(chosen["article"], chosen["leaves_open"]))


def article_links(provisions: pd.DataFrame, links: pd.DataFrame, readings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (article, event): ``article`` (``"VIII"``), ``provision``, ``id`` (the event),
    ``basis`` (what the event shows) and ``linked_by`` (whose reading, in words).

    The ``links`` table comes first; the events named by readings of Article II's elements
    (``readings``, frame ``definition``) are added under Article II where the table does not pair
    them already. Ids are checked by the data validator, so every link names a known row.
    """
    require_table(provisions, "provisions", ["id", "article"])
    require_table(links, "links", ["provision", "event", "basis", "reading_by"], allow_empty=True)
    article = dict(zip(provisions["id"], provisions["article"]))
    unknown = sorted(set(links["provision"]) - set(article))
    if unknown:
        raise ValueError(
            f"links name provisions {unknown} that are not in the provisions given (expected ids of provisions.csv)"
        )
    rows = [
        {"article": article[p], "provision": p, "id": e, "basis": b, "linked_by": LINKED_BY.get(r, r)}
        for p, e, b, r in zip(links["provision"], links["event"], links["basis"], links["reading_by"])
    ]
    if readings is not None:
        require_table(readings, "readings", ["frame", "events", "summary"], allow_empty=True)
        chapeau = next((p for p, a in article.items() if a == "II"), None)
        for ids, summary in readings.loc[readings["frame"] == "definition", ["events", "summary"]].dropna().values:
            rows += [
                {"article": "II", "provision": chapeau, "id": e, "basis": summary, "linked_by": LINKED_BY["definition"]}
                for e in str(ids).split(";")
            ]
    out = pd.DataFrame(rows, columns=LINK_COLUMNS)
    return out.drop_duplicates(["article", "id"], keep="first").reset_index(drop=True)
