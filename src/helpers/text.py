"""Writing pages from the data: quotations, the Convention's articles, the Data appendix.

The words on the page come from the data, so they are checked once, in one
place. Each function returns Markdown (an IPython ``Markdown`` object for a
notebook cell, or a string for the appendix).
"""

from __future__ import annotations

import os
import re
from typing import Any

from helpers.data.loading import describe, load
from helpers.data.rules import is_date_field
from helpers.dates import label
from helpers.milestones import MILESTONES, check_keys


def _row(table: str, row_id: str, data_dir: Any) -> Any:
    frame = load(table, data_dir)
    row = frame[frame["id"] == row_id]
    if row.empty:
        raise KeyError(f"no row with id {row_id!r} in {table}.csv (expected one of {', '.join(frame['id'])})")
    return row.iloc[0]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def quote(quote_id: str, data_dir: str | os.PathLike | None = None) -> Any:
    """One row of ``quotes`` as a Markdown block quote, attributed and cited.

    Quotations the book takes from the article are marked "as quoted in" it.
    """
    from IPython.display import Markdown

    q = _row("quotes", quote_id, data_dir)
    context = _text(q["context"])
    when = label(q["date"]) if _text(q["date"]) else ""
    # Give the date unless the context already says it ("His August 1993 report ...").
    when = f", {when}" if when and when not in context else ""
    locator = f", {q['locator']}" if _text(q["locator"]) else ""
    quoted_in = "as quoted in " if "as quoted in" in _text(q["note"]).lower() else ""
    context = f" {context}." if context else ""
    return Markdown(
        f"> “{q['text']}”\n>\n> — {q['speaker']}, {q['role']}{when}.{context} "
        f"({quoted_in}{{cite}}`{q['source']}`{locator})"
    )


def provision(provision_id: str, data_dir: str | os.PathLike | None = None) -> Any:
    """One article of the Convention (a row of ``provisions``) as a cited block quote."""
    from IPython.display import Markdown

    p = _row("provisions", provision_id, data_dir)
    locator = f", {p['locator']}" if _text(p["locator"]) else ""
    return Markdown(
        f"> “{p['text']}”\n>\n> — Convention on the Prevention and Punishment of the Crime of Genocide, "
        f"Article {p['article']} ({{cite}}`{p['source']}`{locator})"
    )


def paragraphs(article: str, data_dir: str | os.PathLike | None = None) -> Any:
    """The lettered paragraphs of an article (``"II"``: the five acts, II(a) to II(e)) as one cited block quote."""
    from IPython.display import Markdown

    provisions = load("provisions", data_dir)
    parts = provisions[provisions["article"].str.fullmatch(rf"{re.escape(article)}\([a-e]\)")]
    if parts.empty:
        raise KeyError(
            f"no lettered paragraphs of Article {article} in provisions.csv (expected rows such as {article}(a))"
        )
    items = [f"> ({a[-2]}) {t}" for a, t in zip(parts["article"], parts["text"])]
    source = parts["source"].iloc[0]
    return Markdown(
        ";\n".join(items) + f".\n>\n> — Convention on the Prevention and Punishment of the Crime of Genocide, "
        f"Article {article} ({{cite}}`{source}`)"
    )


DATA_RULE = re.compile(r"\s*Rows (?:of|whose) .*$", re.S)


def for_readers(definition: str) -> str:
    """A milestone's definition as a reader needs it: without its closing rule for the data's authors
    ("Rows of category deployment tagged milestone:force-arrived; ..."), which the Data appendix and
    ``helpers.milestones`` keep."""
    return DATA_RULE.sub("", definition)


def milestones(keys: Any = None, heading: str | None = None, table: bool = False) -> Any:
    """What counts as each milestone (all, or ``keys`` in their order), from the rules the charts apply:
    a list of "**Label.** Definition" lines under an optional bold ``heading``, or a two-column table."""
    from IPython.display import Markdown

    chosen = [MILESTONES[k] for k in check_keys(keys)]
    if table:
        body = "| Milestone | What counts |\n| --- | --- |\n" + "\n".join(
            f"| **{m.label}** | {for_readers(m.definition)} |" for m in chosen
        )
    else:
        body = "\n".join(f"- **{m.label}.** {for_readers(m.definition)}" for m in chosen)
    return Markdown(f"**{heading}**\n\n{body}" if heading else body)


FRIENDLY_PATTERNS = {
    "id": "a lowercase slug, such as `rw-1994-04-21-res-912`",
    "tags": "labels such as `word:used`, separated by `;`",
    "article": "an article in Roman numerals, with a paragraph letter: `VIII`, `III(c)`",
    "events": "ids of events, separated by `;`",
}


def _allowed(field: dict[str, Any]) -> str:
    c = field.get("constraints", {})
    allowed = []
    if "enum" in c:
        allowed.append(", ".join(f"`{v}`" for v in c["enum"]))
    if is_date_field(field):
        allowed.append("`YYYY`, `YYYY-MM` or `YYYY-MM-DD`")
    elif "pattern" in c:
        allowed.append(FRIENDLY_PATTERNS.get(field["name"], "a lowercase slug"))
    if "minimum" in c:
        allowed.append(f"at least {c['minimum']}")
    if c.get("unique"):
        allowed.append("unique")
    if field["name"] == "source":
        allowed.append("a key of `references.bib`")
    return "; ".join(allowed)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def appendix_markdown(data_dir: str | os.PathLike | None = None, link_prefix: str = "../data/") -> str:
    """The Data appendix, as MyST Markdown generated from the schema.

    Each table gets its description, row count, a download link to its CSV
    (``link_prefix`` is the path from the page to ``data/``) and a table of its
    fields: name, type, whether required, meaning and allowed values.
    """
    lines: list[str] = []
    for table in describe(data_dir):
        lines += [
            f"## {table['title']} (`{table['name']}`)",
            "",
            f"{table['description']} **{table['rows']} rows.** "
            f"Download: {{download}}`{table['path']} <{link_prefix}{table['path']}>`.",
            "",
            "| Field | Type | Required | Meaning | Allowed values |",
            "| --- | --- | --- | --- | --- |",
        ]
        for field in table["fields"]:
            required = "yes" if field.get("constraints", {}).get("required") else "no"
            lines.append(
                f"| `{field['name']}` | {field['type']} | {required} | {_cell(field.get('description', ''))} "
                f"| {_cell(_allowed(field))} |"
            )
        lines.append("")
    return "\n".join(lines)
