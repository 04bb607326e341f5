"""The library of documents on file: headers checked, quotations and excerpts found word for word in them.

Each check is proved to catch its defect: a changed word in a quotation fails with a message naming the
file, the row, the closest passage and the word that differs, while typography alone (quote marks,
dashes, spaces, line breaks, an ellipsis for a gap) passes.
"""

from __future__ import annotations

import csv

import pytest
import test_data
from test_data import GOOD, LIBRARY_DOC, break_cell, problems_for

from conftest import ROOT
from helpers import data, library, wording

clean = test_data.clean  # the fixture: a small valid data folder, with one document on file (doc-a)

DOC = "library/doc-a.txt"


def set_doc(folder, text: str, name: str = "doc-a") -> None:
    (folder / "library" / f"{name}.txt").write_text(text)


def quote_row(folder, **values) -> None:
    """Row 1 of quotes.csv (line 3) made to quote the fixture's document."""
    row = {"document": "doc-a", "source": "src-a", "locator": "para. 2", **values}
    for field, value in row.items():
        break_cell(folder, "quotes", field, value)


# --------------------------------------------------------------------------
# Words compared, allowing only typography
# --------------------------------------------------------------------------

TEXT = (
    "1. The Council met.\n\n430. It is clear that the obligation in question is one of conduct and not one of result,\n"
    "in the sense that a State cannot be under an obligation to succeed -- whatever the circumstances -- in "
    'preventing the commission of genocide: the obligation is "rather" to employ all means.\n\n[...]\n\n'
    "431. The State's duty to act arises at the instant that it learns of a serious risk."
)


@pytest.mark.parametrize(
    "quotation",
    [
        "the obligation in question is one of conduct and not one of result",  # as printed
        "The obligation in question is one of conduct",  # a capital the document does not have
        "one of result, in the sense that a State",  # across a line break
        "to succeed — whatever the circumstances — in preventing",  # another dash
        "to succeed–whatever the circumstances–in preventing",  # en dashes without spaces
        "the obligation is “rather” to employ all means.",  # curly quotes, a full stop closing the cut
        "the obligation is ‘rather’ to employ",  # single quotes for double
        "It is clear that…not one of result",  # an ellipsis for the words left out
        "It is clear that ... not one of result",
        "one of result, in the sense…The State's duty to act",  # an ellipsis may span the library's [...]
        "It is clear that [...] in preventing the commission of genocide",
        "The State’s duty to act arises",  # a curly apostrophe
        "a State cannot be under [an] obligation to succeed",  # a bracketed word standing for one
        "[i]t is clear that the obligation",  # a letter changed in brackets
    ],
)
def test_typography_alone_is_not_a_difference(quotation):
    assert wording.find(quotation, TEXT) is not None, wording.parts(quotation)


@pytest.mark.parametrize(
    "quotation",
    [
        "the obligation in question is one of conduct and not one of results",  # a changed word
        "the obligation in question is one of conduct, and not one of result",  # an added comma
        "the obligation in question is of conduct and not one of result",  # a missing word
        "the obligation is rather to employ all means",  # the document's quote marks left out
        "It is clear that…The State's duty…the commission of genocide",  # parts out of order
        "whatever the circumstances in preventing",  # a dash dropped between words
        "all means. 431. The State's duty",  # words run across the library's [...] without an ellipsis
    ],
)
def test_a_changed_word_or_mark_is_a_difference(quotation):
    assert wording.find(quotation, TEXT) is None


def test_the_closest_passage_names_the_word_that_differs():
    near = wording.closest("a State cannot be under an duty to succeed", TEXT)
    assert near.passage == "a State cannot be under an obligation to succeed"
    assert near.differences == ["“obligation” where the quotation has “duty”"]


def test_a_quotation_with_no_words_is_refused():
    with pytest.raises(ValueError, match="no words"):
        wording.find("…", TEXT)


# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------

BAD_HEADERS = [
    # (what replaces what in the fixture's file, the problem's start, words it must contain)
    (("date: 1994-04-30", "date: 30 April 1994"), f"{DOC}:5: date:", ["is not a date at a precision", "YYYY-MM-DD"]),
    (("date: 1994-04-30", "date: 1994-02-30"), f"{DOC}:5: date:", ["not a real calendar date"]),
    (("cases: [rwanda]", "cases: [bosnia]"), f"{DOC}:7: cases:", ["unknown case 'bosnia'", "convention, cambodia"]),
    (("cases: [rwanda]", "cases: rwanda"), f"{DOC}:7: cases:", ["is not a list"]),
    (("source: src-a", "source: nobody-2020"), f"{DOC}:8: source:", ["'nobody-2020' is not a key in references.bib"]),
    (("id: doc-a", "id: doc-b"), f"{DOC}:2: id:", ["'doc-b' is not the file's name (doc-a)"]),
    (("reuse: Official UN document.\n", ""), f"{DOC}:1: reuse:", ["missing or blank"]),
    (("extent: whole document", "extent: whole document\ncolour: red"), f"{DOC}:12: colour:", ["unknown field"]),
    (("title: A statement", "title: [A statement"), f"{DOC}:", ["not valid YAML"]),
    (("extent: whole document\n---", "extent: whole document\n"), f"{DOC}:1:", ["never closed"]),
    (("---\nid:", "id:"), f"{DOC}:1:", ["no header"]),
]


@pytest.mark.parametrize("change,where,words", BAD_HEADERS, ids=[b[0][1][:24] for b in BAD_HEADERS])
def test_a_bad_header_is_reported_at_its_line(clean, change, where, words):
    set_doc(clean, LIBRARY_DOC.replace(*change, 1))
    located = [p for p in problems_for(clean) if p.startswith(where)]
    assert located, problems_for(clean)
    assert all(w in located[0] for w in words), located[0]
    assert "(expected " in located[0]


def test_a_header_with_no_text_after_it(clean):
    set_doc(clean, LIBRARY_DOC.split("---\n1.")[0] + "---\n")
    assert any(p.startswith(f"{DOC}:") and "no text after the header" in p for p in problems_for(clean))


def test_every_document_on_file_has_a_complete_header():
    found = library.documents(ROOT / "data")
    assert len(found) == len(library.files(ROOT / "data")) >= 100
    for doc_id, doc in found.items():
        assert doc.id == doc.header["id"] == doc_id
        assert all(doc.header.get(f) for f in library.REQUIRED), doc_id
        assert isinstance(doc.date, str) and isinstance(doc.cases, list), doc_id  # read as text, not converted


# --------------------------------------------------------------------------
# Quotations naming a document
# --------------------------------------------------------------------------

SAID = "It recalls that the killing of the members of a group constitutes a crime."


def test_a_quotation_of_a_document_on_file_passes(clean):
    quote_row(clean, text=SAID)
    assert problems_for(clean) == []
    quote_row(clean, text="it recalls that the killing of the members…constitutes a crime")
    assert problems_for(clean) == []


def test_a_changed_word_is_caught_with_the_file_the_row_and_the_closest_passage(clean):
    quote_row(clean, text=SAID.replace("killing", "murder"))
    problems = problems_for(clean)
    assert problems == [
        f"quotes.csv:3: text: not found word for word in {DOC}; closest passage: “It recalls that the killing of the "
        "members of a group constitutes a crime.”; the document has “killing” where the quotation has “murder” "
        "(expected the document's words, allowing only typography (quote marks, dashes, spaces, line breaks, … for "
        "a gap))"
    ]


@pytest.mark.parametrize(
    "values,where,words",
    [
        ({"document": "doc-z"}, "quotes.csv:3: document:", ["'doc-z' is not a document on file", "data/library"]),
        ({"source": "src-b"}, "quotes.csv:3: source:", ["'src-b' is not doc-a's key 'src-a'"]),
        ({"locator": ""}, "quotes.csv:3: locator:", ["no locator for a quotation of doc-a"]),
        ({"locator": "para. 1"}, "quotes.csv:3: locator:", ["'para. 1', but the words are in paragraph 2"]),
        ({"case": "darfur"}, "quotes.csv:3: document:", ["doc-a is not about darfur"]),
    ],
)
def test_a_quotation_must_cite_and_locate_its_document(clean, values, where, words):
    quote_row(clean, text=SAID, **values)
    located = [p for p in problems_for(clean) if p.startswith(where)]
    assert located, problems_for(clean)
    assert all(w in located[0] for w in words), located[0]


def test_load_refuses_a_quotation_that_is_not_the_documents_words(clean):
    quote_row(clean, text="It recalls that the killing of members of a group constitutes a crime.")
    with pytest.raises(data.DataError, match=r"quotes.csv:3: text: not found word for word"):
        data.load("quotes", clean)


def test_a_changed_word_in_a_real_quotation_is_caught():
    """The book's own data: the Council's words of 30 April 1994, one word changed."""
    row = {
        "id": "rw-test-changed",
        "case": "rwanda",
        "speaker": "UN Security Council",
        "role": "The Council",
        "text": "recalls that the murder of the members of an ethnic group with the intention of destroying such a group",
        "source": "unsc-prst-1994-21",
        "locator": "para. 3",
        "document": "s-prst-1994-21",
    }
    problems = [str(p) for p in data.check_row("quotes", row, ROOT / "data")]
    assert len(problems) == 1, problems
    assert "quotes.csv:" in problems[0] and "text: not found word for word in library/s-prst-1994-21.txt" in problems[0]
    assert "closest passage: “recalls that the killing of the members of an ethnic group" in problems[0]
    assert "the document has “killing” where the quotation has “murder”" in problems[0]


def test_every_quotation_naming_a_document_is_found_in_it():
    with open(ROOT / "data" / "quotes.csv", encoding="utf-8") as fh:
        quotes = list(csv.DictReader(fh))
    named = [q for q in quotes if q["document"]]
    assert named, "no quotation names a document on file"
    docs = library.documents(ROOT / "data")
    for q in named:
        assert wording.find(q["text"], docs[q["document"]].text) is not None, q["id"]
        assert q["source"] == docs[q["document"]].source, q["id"]


# --------------------------------------------------------------------------
# Excerpts
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("first_words", "The Council sat", ["its first words 'The Council sat' are not in doc-a"]),
        ("last_words", "in the evening.", ["its last words 'in the evening.' are not in doc-a"]),
        ("first_words", "The members spoke", ["occur 9 times in doc-a"]),
        ("last_words", "could do about it", ["occur 9 times after its first words", "naming one passage"]),
        ("last_words", "constitutes a crime.", ["the excerpt runs ", "words (expected an excerpt of 150-300 words)"]),
        ("document", "doc-z", ["'doc-z' is not a document on file"]),
    ],
)
def test_a_bad_excerpt_fails_validation(clean, field, value, words):
    break_cell(clean, "excerpts", field, value)
    located = [p for p in problems_for(clean) if p.startswith(f"excerpts.csv:3: {field}: ")]
    assert located, problems_for(clean)
    assert all(w in located[0] for w in words), located[0]


def test_an_excerpt_longer_than_300_words_fails(clean):
    set_doc(clean, LIBRARY_DOC.replace("in the morning.", "in the morning. " + "More words here. " * 50 + "The end."))
    break_cell(clean, "excerpts", "last_words", "The end.")
    assert any(p.startswith("excerpts.csv:3: last_words: the excerpt runs 3") for p in problems_for(clean))


def test_an_excerpt_is_the_documents_own_text_with_its_paragraph_numbers(clean):
    doc = library.read(clean / "library" / "doc-a.txt")
    passage = library.excerpt(doc, GOOD["excerpts"]["first_words"], GOOD["excerpts"]["last_words"])
    assert passage.text.startswith("1. The Council met on 30 April 1994.")  # its number comes with it
    assert "\n\n2. It recalls that the killing" in passage.text  # paragraphs kept apart
    assert passage.text.endswith("in the morning.")
    assert 150 <= passage.words <= 300


# --------------------------------------------------------------------------
# The Data appendix
# --------------------------------------------------------------------------


def test_the_appendix_lists_the_library_and_counts_the_quotations_checked(clean):
    from helpers import text

    before = text.library_markdown(clean)
    assert "Quotations checked word for word against a document on file: 0 of the 2 rows" in before
    quote_row(clean, text=SAID)
    after = text.library_markdown(clean)
    assert "Quotations checked word for word against a document on file: 1 of the 2 rows" in after
    assert "(**1 on file**)" in after
    assert "### Rwanda: documents on file (1)" in after and "### The Convention: documents on file (0)" in after
    assert "| 30 April 1994 | A statement | {cite:t}`src-a` | {download}`doc-a <../data/library/doc-a.txt>` |" in after
    assert "### Documents the data rely on that are not on file (2)" in after  # the fixture's rows name no file
    assert "excerpts.csv`, shown by `text.excerpt(id)`): 2." in after


def test_the_built_appendix_links_every_document_on_file(site):
    """On the site, the Data appendix offers each library file for download, byte for byte."""
    import re

    page = (site / "chapters" / "data-appendix.html").read_text()
    links = re.findall(r'class="reference download internal" download="" href="([^"]+\.txt)"', page)
    files = {p.name: p for p in library.files(ROOT / "data")}
    assert sorted({link.rsplit("/", 1)[1] for link in links}) == sorted(files)
    for link in links:
        target = (site / "chapters" / link).resolve()
        assert target.is_file() and target.read_bytes() == files[target.name].read_bytes()
