"""The primary-source block: ``text.excerpt(id)`` renders its source line, the document's own words with their
paragraph numbers, and three questions, as one MyST admonition.

The block is rendered here with MyST's docutils parser (the book's extensions, warnings as errors) and read
back: the quoted paragraphs must be the library file's characters, whatever Markdown they contain.
"""

from __future__ import annotations

import html
import re

import pytest
import test_data
from test_data import GOOD, LIBRARY_DOC, break_cell

from conftest import ROOT
from helpers import data, library, text

clean = test_data.clean  # the fixture: a small valid data folder, with one document on file (doc-a)
EXTENSIONS = ["colon_fence", "deflist", "dollarmath", "linkify", "substitution"]  # as _config.yml


def render(markdown: str) -> str:
    """MyST Markdown as HTML (docutils), any warning an error; {cite} shown as its key."""
    from docutils import nodes
    from docutils.core import publish_parts
    from docutils.parsers.rst import roles
    from myst_parser.parsers.docutils_ import Parser

    def cite(name, rawtext, key, lineno, inliner, options=None, content=None):
        return [nodes.literal(text=f"cite:{key}")], []

    roles.register_local_role("cite", cite)
    settings = {"myst_enable_extensions": EXTENSIONS, "halt_level": 2, "report_level": 2}
    return publish_parts(markdown, parser=Parser(), writer_name="html5", settings_overrides=settings)["body"]


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def quoted_paragraphs(page: str) -> list[str]:
    quote = re.search(r"<blockquote>(.*?)</blockquote>", page, re.S)
    assert quote, page
    return [plain(p) for p in re.findall(r"<p>(.*?)</p>", quote.group(1), re.S)]


def test_the_block_renders_its_parts(clean):
    markdown = text.excerpt_markdown("ex-1", clean)
    # the source line names who wrote it; the citation is its short label, which stays on one line at 390 px
    # (a textual {cite:t} prints the author's full name too, in one unbreakable span that overflows a phone)
    assert "{cite:t}" not in markdown and "{cite}`src-a`" in markdown
    page = render(markdown)
    row = GOOD["excerpts"]
    assert '<aside class="admonition primary-source">' in page
    assert f"Primary source: {row['title']}" in plain(page)
    assert f"Source. {row['source_line']} (cite:src-a)" in plain(page)
    doc = library.read(clean / "library" / "doc-a.txt")
    passage = library.excerpt(doc, row["first_words"], row["last_words"])
    assert quoted_paragraphs(page) == passage.text.split("\n\n")
    assert quoted_paragraphs(page)[0].startswith("1. The Council met")  # the paragraph number, not a list
    assert f"Paras. 1-2, {passage.words} words, as the book's library has them (data/library/doc-a.txt)." in plain(page)
    questions = re.findall(r"<li>(.*?)</li>", page, re.S)
    assert [plain(q) for q in questions] == [
        f"Sourcing. {row['q_sourcing']}",
        f"Context. {row['q_context']}",
        f"Close reading. {row['q_close_reading']}",
    ]


def test_a_documents_markdown_characters_are_shown_as_written(clean):
    tricky = (
        "2. It recalls *this* and _that_, $5 and $10, <b>bold</b>, [a link](x), {cite}`key`, a|b, 3 < 4 & ~x~\n\n"
        "- a line that would open a list\n\n# not a heading\n\n::: not a fence\n\n> not a quotation\n\n"
        "12) not a list either. It recalls that the killing of the members of a group constitutes a crime. "
    )
    (clean / "library" / "doc-a.txt").write_text(
        LIBRARY_DOC.replace("2. It recalls that the killing of the members of a group constitutes a crime. ", tricky)
    )
    assert data.validate(clean) == []
    page = render(text.excerpt_markdown("ex-1", clean))
    doc = library.read(clean / "library" / "doc-a.txt")
    passage = library.excerpt(doc, GOOD["excerpts"]["first_words"], GOOD["excerpts"]["last_words"])
    assert "*this*" in passage.text and "<b>bold</b>" in passage.text
    assert quoted_paragraphs(page) == passage.text.split("\n\n")


def test_every_excerpt_in_the_book_renders_the_documents_words():
    excerpts = data.load("excerpts", ROOT / "data")
    assert len(excerpts) >= 12
    for _, row in excerpts.iterrows():
        page = render(text.excerpt_markdown(row["id"], ROOT / "data"))
        doc = library.document(row["document"], ROOT / "data")
        passage = library.excerpt(doc, row["first_words"], row["last_words"])
        assert quoted_paragraphs(page) == passage.text.split("\n\n"), row["id"]
        assert 150 <= passage.words <= 300, row["id"]


def test_excerpts_cover_every_case_twice():
    counts = data.load("excerpts", ROOT / "data")["case"].value_counts()
    assert all(counts.get(case, 0) >= 2 for case in ("convention", "cambodia", "rwanda", "darfur", "car")), counts


def test_an_unknown_excerpt_is_a_clear_error(clean):
    with pytest.raises(KeyError, match=r"no row with id 'ex-9' in excerpts\.csv"):
        text.excerpt_markdown("ex-9", clean)


def test_an_excerpt_that_no_longer_matches_its_document_stops_the_page(clean):
    break_cell(clean, "excerpts", "last_words", "in the evening.", row=0)
    with pytest.raises(data.DataError, match=r"excerpts.csv:2: last_words: its last words 'in the evening.'"):
        text.excerpt_markdown("ex-1", clean)
