"""The library's rules: every document's header is complete, and every row that names a document is true to it.

* **Headers** (:func:`header_problems`): each file of ``data/library/`` has every field of
  :data:`helpers.library.REQUIRED` and no unknown one; its ``id`` is its file name; its ``date`` is a real
  date at a precision (YYYY, YYYY-MM or YYYY-MM-DD); its ``cases`` are the book's; its ``source`` is a key of
  ``references.bib``; it has text after the header.
* **Quotations** (``quotes.document``): the row's ``text`` is in the document, allowing only typography
  (:mod:`helpers.wording`); its ``source`` is the document's key; its ``locator`` says where, and when it
  names a paragraph of a document that numbers them, the words are in that paragraph. Otherwise the problem
  quotes the closest passage and the words that differ.
* **Excerpts** (``excerpts.document``): the first and last words are in the document (the first once), and
  the passage between them runs :data:`MIN_WORDS`-:data:`MAX_WORDS` words.
* **Documents** (``documents.library``): the file exists and is about the row's case.

Problems are located like every other: ``library/s-1994-470.txt:4: date: ...`` for a header (the line of
the field), ``quotes.csv:12: text: ...`` for a row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from helpers import library, wording
from helpers.datapackage import Problem
from helpers.dates import DATE_RE, parse_date

MIN_WORDS, MAX_WORDS = 150, 300
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def header_problems(
    data_dir: Path, package: dict[str, Any], bib: set[str] | None, cases: tuple[str, ...]
) -> list[Problem]:
    """Every problem in the headers of the library's files."""
    import re

    problems = []
    folder = data_dir / package.get("library", "library")
    for path in library.files(data_dir):
        name = f"{folder.name}/{path.name}"
        try:
            doc = library.read(path)
        except library.HeaderError as err:
            problems.append(Problem(name, err.line, None, err.message, err.expected))
            continue

        def at(field: str, problem: str, expected: str, doc: library.Document = doc, name: str = name) -> None:
            problems.append(Problem(name, doc.lines.get(field, 1), field, problem, expected))

        h = doc.header
        for field in library.REQUIRED:
            if field not in h or h[field] in ("", [], None):
                at(field, "missing or blank", f"a value: every header gives {', '.join(library.REQUIRED)}")
        for field in h:
            if field not in library.REQUIRED + library.OPTIONAL:
                at(field, "unknown field", "only " + ", ".join(library.REQUIRED + library.OPTIONAL))
        for field, value in h.items():
            if field != "cases" and not isinstance(value, str):
                at(field, f"{value!r} is not text", "one line of text, or a folded block (>-)")
        if "id" in h and h["id"] != path.stem:
            at("id", f"{h['id']!r} is not the file's name ({path.stem})", f"id: {path.stem}")
        if not re.match(SLUG, path.stem):
            problems.append(Problem(name, None, None, "the file's name is not a slug", "a name such as s-1994-470.txt"))
        date = h.get("date")
        if isinstance(date, str) and date and not DATE_RE.match(date):
            at("date", f"{date!r} is not a date at a precision", "an ISO date YYYY, YYYY-MM or YYYY-MM-DD")
        elif isinstance(date, str) and date and parse_date(date) is None:
            at("date", f"{date!r} is not a real calendar date", "a date that exists, such as 1994-04-20")
        listed = h.get("cases")
        if "cases" in h and not isinstance(listed, list):
            at("cases", f"{listed!r} is not a list", "a list such as [rwanda] or [convention, darfur]")
        elif isinstance(listed, list):
            for case in listed:
                if case not in cases:
                    at("cases", f"unknown case {case!r}", "cases among " + ", ".join(cases))
        source = h.get("source")
        if bib is not None and isinstance(source, str) and source and source not in bib:
            at("source", f"{source!r} is not a key in references.bib", "the key of a references.bib entry")
        if not doc.text.strip():
            problems.append(Problem(name, len(doc.lines) + 2, None, "no text after the header", "the document's words"))
    return problems


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            yield from enumerate(csv.DictReader(fh), start=2)
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # reported by the table's own validation


def _named(row: dict[str, str], column: str, docs: dict[str, library.Document], file: str, line: int, folder: str):
    """The document a row names in ``column`` (None if it names none), or a problem if it is not on file."""
    doc_id = (row.get(column) or "").strip()
    if not doc_id:
        return None, None
    if doc_id not in docs:
        problem = Problem(
            file,
            line,
            column,
            f"{doc_id!r} is not a document on file",
            f"the name of a file in {folder}/, without .txt",
        )
        return None, problem
    return docs[doc_id], None


def quote_problems(row: dict[str, str], doc: library.Document, file: str, line: int) -> list[Problem]:
    """A quotation against the document it names: its words, its source and its locator."""
    problems = []
    text = row.get("text") or ""
    where = f"library/{doc.id}.txt"
    if row.get("source") and doc.source and row["source"] != doc.source:
        problems.append(
            Problem(
                file,
                line,
                "source",
                f"{row['source']!r} is not {doc.id}'s key {doc.source!r}",
                f"source {doc.source} (the document's header)",
            )
        )
    if not (row.get("locator") or "").strip():
        problems.append(
            Problem(
                file,
                line,
                "locator",
                f"no locator for a quotation of {doc.id}",
                "where in the document: para. 431, art. 2(7), preamble",
            )
        )
    try:
        found = wording.find(text, doc.text)
    except ValueError as exc:
        return [*problems, Problem(file, line, "text", str(exc), "the document's words")]
    if found is None:
        near = wording.closest(text, doc.text)
        said = f"; closest passage: “{near.passage}”" if near else ""
        diff = f"; the document has {'; '.join(near.differences)}" if near and near.differences else ""
        problems.append(
            Problem(
                file,
                line,
                "text",
                f"not found word for word in {where}{said}{diff}",
                "the document's words, allowing only typography (quote marks, dashes, spaces, line breaks, … for a gap)",
            )
        )
        return problems
    wanted = library.locator_numbers(row.get("locator"))
    numbered = {p.number for p in doc.paragraphs if p.number is not None}
    if wanted and numbered & set(range(wanted[0], wanted[1] + 1)):
        para = doc.paragraph_at(found.start)
        if para is None or para.number is None or not wanted[0] <= para.number <= wanted[1]:
            got = f"paragraph {para.number}" if para and para.number is not None else "an unnumbered passage"
            problems.append(
                Problem(
                    file,
                    line,
                    "locator",
                    f"{row['locator']!r}, but the words are in {got} of {where}",
                    "the paragraph the words are in",
                )
            )
    return problems


def excerpt_problems(row: dict[str, str], doc: library.Document, file: str, line: int) -> list[Problem]:
    try:
        passage = library.excerpt(doc, row.get("first_words") or "", row.get("last_words") or "")
    except library.ExcerptError as exc:
        return [Problem(file, line, exc.field, str(exc), "words of the document as it gives them, naming one passage")]
    if not MIN_WORDS <= passage.words <= MAX_WORDS:
        return [
            Problem(
                file,
                line,
                "last_words",
                f"the excerpt runs {passage.words} words",
                f"an excerpt of {MIN_WORDS}-{MAX_WORDS} words",
            )
        ]
    return []


def row_problems(data_dir: Path, package: dict[str, Any], wanted: set[str] | None) -> list[Problem]:
    """Every row of quotes, excerpts and documents that names a document, checked against it."""
    paths = {r["name"]: data_dir / r["path"] for r in package["resources"]}
    folder = f"{data_dir.name}/{package.get('library', 'library')}"
    docs = library.documents(data_dir)
    checks = {
        "quotes": ("document", quote_problems),
        "excerpts": ("document", excerpt_problems),
        "documents": ("library", None),
    }
    problems = []
    for table, (column, check) in checks.items():
        if table not in paths or (wanted is not None and table not in wanted):
            continue
        file = paths[table].name
        for line, row in _rows(paths[table]):
            doc, missing = _named(row, column, docs, file, line, folder)
            if missing:
                problems.append(missing)
            if doc is None:
                continue
            if row.get("case") and row["case"] not in (doc.cases or []):
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        f"{doc.id} is not about {row['case']} (its cases: {', '.join(doc.cases or [])})",
                        "a document whose header lists the row's case",
                    )
                )
            if check is not None:
                problems.extend(check(row, doc, file, line))
    return problems
