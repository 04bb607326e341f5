"""Writing pages from the data: quotations, primary-source excerpts, the Convention's articles, the Data appendix.

The words on the page come from the data, so they are checked once, in one
place. Each function returns Markdown (an IPython ``Markdown`` object for a
notebook cell, or a string for the appendix).
"""

from __future__ import annotations

import os
import re
from typing import Any

from helpers import library
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


# Markdown that a document's words must not trigger: emphasis, links, roles, math, HTML, tables, escapes.
_INLINE = re.compile(r"([\\`*_{}\[\]<>$|~&])")
# ... and a paragraph that would open a list, a heading, a quotation or a fence.
_BLOCK = re.compile(r"^(\d+)([.)])|^([-+*#>:=|])")


def _escaped(paragraph: str) -> str:
    """A paragraph of a document as Markdown that shows exactly its characters."""
    text = _INLINE.sub(r"\\\1", paragraph)
    return _BLOCK.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text, count=1)


def excerpt_markdown(excerpt_id: str, data_dir: str | os.PathLike | None = None) -> str:
    """The primary-source block of one row of ``excerpts`` as MyST Markdown (see :func:`excerpt`)."""
    e = _row("excerpts", excerpt_id, data_dir)
    doc = library.document(e["document"], data_dir)
    passage = library.excerpt(doc, e["first_words"], e["last_words"])
    quoted = "\n>\n".join(f"> {_escaped(p)}" for p in passage.text.split("\n\n"))
    return (
        f":::{{admonition}} Primary source: {e['title']}\n:class: primary-source\n\n"
        f"**Source.** {e['source_line']} ({{cite}}`{doc.source}`)\n\n"
        f"{quoted}\n\n"
        f"*{e['paragraphs'][:1].upper()}{e['paragraphs'][1:]}, {passage.words} words, as the book's library has "
        f"them (`data/library/{doc.id}.txt`).*\n\n"
        f"**Questions**\n\n"
        f"1. *Sourcing.* {e['q_sourcing']}\n"
        f"2. *Context.* {e['q_context']}\n"
        f"3. *Close reading.* {e['q_close_reading']}\n"
        ":::"
    )


def excerpt(excerpt_id: str, data_dir: str | os.PathLike | None = None) -> Any:
    """One row of ``excerpts`` as a primary-source block: the source line (who, to whom, when, why), the
    excerpt with its paragraph numbers, and three questions (sourcing, context, close reading).

    The words are read from the document on file (``data/library/``) between the row's first and last
    words, so the page cannot drift from the document. It is one MyST admonition, so it reads the same on
    the site, in JupyterLab (jupyterlab-myst) and in print (the print stylesheet keeps it on one page).
    """
    from IPython.display import Markdown

    return Markdown(excerpt_markdown(excerpt_id, data_dir))


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


def onsets(events: Any, cases: Any, which: Any = None) -> Any:
    """Each case's day 0, the article's and the alternative the data offer, as a cited Markdown table
    (from :func:`helpers.charts.compare.onsets`)."""
    from IPython.display import Markdown

    from helpers.charts.compare import onsets as onset_rows

    def cited(source: str, locator: str) -> str:
        return f"{{cite}}`{source}`" + (f" ({locator})" if locator else "") if source else ""

    lines = ["| Case | Day 0 on the clock | Alternative day 0 |", "| --- | --- | --- |"]
    for r in onset_rows(events, cases, which).itertuples():
        alternative = (
            f"{r.alternative_when} ({r.apart}): {r.alternative_event} "
            f"{cited(r.alternative_source, r.alternative_locator)}"
            if r.alternative_when
            else "none in the data"
        )
        lines.append(
            f"| {r.case_name} | {r.onset_when}: {r.onset_event} {cited(r.onset_source, r.onset_locator)} | "
            f"{alternative} |"
        )
    return Markdown("\n".join(lines))


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


def _quotation_counts(data_dir: Any) -> dict[str, list[str]]:
    """The quotations by how the book has checked them (ids of quotes.csv rows)."""
    quotes, docs = load("quotes", data_dir), library.documents(data_dir)
    on_file = {d.source for d in docs.values()}
    found: dict[str, list[str]] = {"checked": [], "passage": [], "quoted": [], "other": []}
    for _, q in quotes.iterrows():
        if _text(q["document"]):
            found["checked"].append(q["id"])
        elif q["source"] in on_file:
            found["passage"].append(q["id"])
        elif "as quoted in" in _text(q["note"]).lower():
            found["quoted"].append(q["id"])
        else:
            found["other"].append(q["id"])
    return found


def library_markdown(data_dir: str | os.PathLike | None = None, link_prefix: str = "../data/") -> str:
    """The Data appendix's account of the library: how many quotations are checked against a document on
    file and how many are not (and why), then the documents on file case by case, each linked to its file
    and cited, and the documents the data rely on that are not on file."""
    from helpers import cases as case_names

    docs = library.documents(data_dir)
    counts = _quotation_counts(data_dir)
    total = sum(len(v) for v in counts.values())
    excerpts = load("excerpts", data_dir)
    folder = library.library_dir(data_dir).name
    lines = [
        f"The library (`data/{folder}/`) holds public documents (**{len(docs)} on file**): resolutions, reports, "
        "letters and cables, treaties, judgments and orders, government statements. Each is a plain-text file that "
        "starts with a header saying what the document is, who issued it, when, where its text was read and why it "
        "may be stored; long documents keep only the paragraphs the book cites, with `[...]` for what is left out. "
        "Press articles, scholarly work and other copyrighted texts are never stored: the book quotes them briefly "
        "and cites them.",
        "",
        f"**Quotations checked word for word against a document on file: {len(counts['checked'])} of the {total} "
        "rows of `quotes.csv`.** The data check fails if a word of one of them differs from the document (only "
        "typography may differ: quote marks, dashes, spaces). The others:",
        "",
        f'- read only through another text, marked "as quoted in" (the article, a scholar\'s book, a newspaper), '
        f"because the original was not found or is not a public document: {len(counts['quoted'])};",
        f"- from a document on file whose copy stops before the passage quoted: {len(counts['passage'])};",
        "- from texts the library does not store or has not found (press reports, testimony published by an "
        f"archive project, transcripts), each checked as its note says: {len(counts['other'])}.",
        "",
        f"**Primary-source excerpts** of 150-300 words taken from these files, with their questions "
        f"(`excerpts.csv`, shown by `text.excerpt(id)`): {len(excerpts)}.",
        "",
    ]
    names = case_names.names(data_dir)
    for case in case_names.cases(data_dir):
        chosen = sorted((d for d in docs.values() if case in (d.cases or [])), key=lambda d: (d.date, d.id))
        lines += [
            f"### {names.get(case, case)}: documents on file ({len(chosen)})",
            "",
            "| Date | Document | Cited as | File |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {label(d.date)} | {_cell(d.title)} | {{cite:t}}`{d.source}` "
            f"| {{download}}`{d.id} <{link_prefix}{folder}/{d.id}.txt>` |"
            for d in chosen
        ]
        lines.append("")
    documents = load("documents", data_dir)
    missing = documents[documents["library"].isna()]
    lines += [
        f"### Documents the data rely on that are not on file ({len(missing)})",
        "",
        "Their rows in `documents.csv` leave `library` blank and rest on the source they cite.",
        "",
    ]
    lines += [f"- {_cell(r['symbol'])}: {_cell(r['title'])} ({label(r['date'])})" for _, r in missing.iterrows()]
    return "\n".join(lines) + "\n"
