"""The library of documents on file (``data/library/``): one public document per file, its header and its words.

Each file, ``<id>.txt``, starts with a YAML header between two ``---`` lines (what the document is, who
issued it, when, for which cases, which ``references.bib`` key cites it, where its text was read and why
it may be stored), then the document's own words: one paragraph per block, blank lines between, numbered
paragraphs starting with their number (``12.``), and a line ``[...]`` where paragraphs are left out.
``data/library/README.md`` describes the fields; :mod:`helpers.data.library_rules` checks them, and checks
that every quotation and excerpt naming a document is its words (:mod:`helpers.wording`).

The header is read with PyYAML's ``BaseLoader``: every value stays the text the file gives (a date
``1994-04-20`` is a string, not a ``datetime.date``), lists stay lists.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers import wording
from helpers.datapackage import find_data_dir, read_datapackage

REQUIRED = ("id", "citation", "title", "date", "issued_by", "cases", "source", "obtained_from", "reuse", "extent")
OPTIONAL = ("addressed_to", "note")
NUMBERED_RE = re.compile(r"^(\d+)\.\s")  # a numbered paragraph: "12. The Council ..."
OPENING, CLOSING = set("\"'“‘(«"), set(".,;:!?)\"'”’»")
LOCATOR_RE = re.compile(r"\bpara(?:graph)?s?\.?\s*(\d+)(?:\s*[-–]\s*(\d+))?", re.IGNORECASE)


class HeaderError(ValueError):
    """A file whose header cannot be read; ``line`` is where the trouble is."""

    def __init__(self, line: int | None, message: str, expected: str):
        self.line, self.message, self.expected = line, message, expected
        super().__init__(message)


@dataclass(frozen=True)
class Paragraph:
    """A block of a document's text: where it is, and the number of the numbered paragraph it belongs to."""

    start: int
    end: int
    number: int | None  # its own number ("430. ...") or that of the numbered paragraph it continues


@dataclass(frozen=True)
class Document:
    id: str
    path: Path
    header: dict[str, Any]
    lines: dict[str, int]  # each header field's line in the file
    text: str  # the document's words (NFC), after the header

    def __getattr__(self, name: str) -> Any:
        if name in REQUIRED or name in OPTIONAL:
            return self.header.get(name)
        raise AttributeError(name)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return _paragraphs(self.text)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.start <= offset < p.end), None)

    def words_in(self, start: int, end: int) -> str:
        """The document's own text from ``start`` to ``end``: one line per paragraph (a list's items, lines
        starting "- ", are paragraphs too), blank lines between them."""
        paragraphs = []
        for block in re.split(r"\n\s*\n", self.text[start:end]):
            for item in re.split(r"\n(?=\s*[-•] )", block):
                if item.split():
                    paragraphs.append(" ".join(item.split()))
        return "\n\n".join(paragraphs)


def _paragraphs(text: str) -> list[Paragraph]:
    found, number = [], None
    for m in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):  # runs of lines that are not blank
        own = NUMBERED_RE.match(m.group())
        number = int(own.group(1)) if own else number
        found.append(Paragraph(m.start(), m.end(), number))
    return found


def read(path: str | os.PathLike) -> Document:
    """One file of the library (read again only when it changes); a :class:`HeaderError` if its header
    cannot be read."""
    path = Path(path)
    return _cached(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=512)
def _cached(path: str, stamp: int) -> Document:
    return _read(Path(path))


def _read(path: Path) -> Document:
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml's, where PyYAML was built with it
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise HeaderError(None, f"not UTF-8 text ({exc.reason})", "a UTF-8 text file") from exc
    lines = raw.split("\n")
    if lines[0].strip() != "---":
        raise HeaderError(1, "no header: the file does not start with a line ---", "a YAML header between --- lines")
    close = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if close is None:
        raise HeaderError(1, "the header is never closed by a line ---", "a YAML header between --- lines")
    try:
        header = yaml.load("\n".join(lines[1:close]), Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise HeaderError(line, f"the header is not valid YAML: {getattr(exc, 'problem', exc)}", "YAML") from exc
    if not isinstance(header, dict):
        raise HeaderError(2, "the header is not a set of fields", "lines such as 'title: ...'")
    where = {}
    for i, line in enumerate(lines[1:close], start=2):
        key = re.match(r"^([A-Za-z_]\w*):", line)
        if key:
            where.setdefault(key.group(1), i)
    text = wording.normalise("\n".join(lines[close + 1 :]))
    return Document(path.stem, path, header, where, text)


def library_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The library's folder: ``library`` in the data folder, or what ``datapackage.json`` names."""
    folder = find_data_dir(data_dir)
    return folder / read_datapackage(folder).get("library", "library")


def files(data_dir: str | os.PathLike | None = None) -> list[Path]:
    folder = library_dir(data_dir)
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def documents(data_dir: str | os.PathLike | None = None) -> dict[str, Document]:
    """Every document on file whose header can be read, by id (its file name)."""
    found = {}
    for path in files(data_dir):
        try:
            found[path.stem] = read(path)
        except HeaderError:
            continue  # the validator reports it
    return found


def document(doc_id: str, data_dir: str | os.PathLike | None = None) -> Document:
    """One document on file; a KeyError naming the library's folder if there is none by that id."""
    found = documents(data_dir)
    if doc_id not in found:
        raise KeyError(f"no document {doc_id!r} in {library_dir(data_dir)} (expected the name of a file there)")
    return found[doc_id]


def locator_numbers(locator: Any) -> tuple[int, int] | None:
    """The paragraphs a locator names (``para. 431``, ``paras 1-5``), or None if it names none."""
    m = LOCATOR_RE.search(locator) if isinstance(locator, str) else None
    return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None


class ExcerptError(ValueError):
    """First or last words that do not name one passage of the document; ``field`` says which."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Excerpt:
    """A passage of a document, from its first words to its last, in the document's own text."""

    text: str
    start: int
    end: int

    @property
    def words(self) -> int:
        """Its length in words: paragraph numbers count, the library's ``[...]`` marks do not."""
        return len(re.findall(r"\w+(?:['’\-]\w+)*", self.text.replace("[...]", "")))


def excerpt(doc: Document, first: str, last: str) -> Excerpt:
    """The passage of ``doc`` that begins with the words ``first`` and ends with ``last``.

    An :class:`ExcerptError` says which of the two is not found, or is found more than once (``first`` in
    the document, ``last`` after ``first``): an excerpt names one passage only."""
    begin = wording.find(first, doc.text)
    if begin is None:
        raise ExcerptError("first_words", f"its first words {first!r} are not in {doc.id}")
    if (times := wording.count(first, doc.text)) > 1:
        raise ExcerptError("first_words", f"its first words {first!r} occur {times} times in {doc.id}")
    stop = wording.find(last, doc.text, begin.start)
    if stop is None:
        raise ExcerptError("last_words", f"its last words {last!r} are not in {doc.id} after {first!r}")
    if (times := wording.count(last, doc.text[begin.start :])) > 1:
        raise ExcerptError("last_words", f"its last words {last!r} occur {times} times after its first words")
    start, end = begin.start, stop.end
    while start > 0 and doc.text[start - 1] in OPENING:  # the marks the first words open with
        start -= 1
    while end < len(doc.text) and doc.text[end] in CLOSING:  # and those the last words close with
        end += 1
    para = doc.paragraph_at(begin.start)
    # First words just after a paragraph's number ("We have ..." of "1. We have ..."): the number comes too.
    if para and re.fullmatch(r"\s*\d+\.\s*", doc.text[para.start : start]):
        start = para.start
    return Excerpt(doc.words_in(start, end), start, end)
