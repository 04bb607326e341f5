"""Chapter rules: parameters, content notes, and numbers in the prose that trace to the data."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import ROOT, case_chapters, jupyter_book, toc_notebooks
from helpers import charts, data

CASE_CHAPTERS = case_chapters()
DRAWING = re.compile(r"charts\.(" + "|".join(charts.__all__) + r")\(")


def cells(nb):
    return json.loads(nb.read_text())["cells"]


def prose(nb) -> str:
    return "\n".join("".join(c["source"]) for c in cells(nb) if c["cell_type"] == "markdown")


TEMPLATE = ROOT / "templates" / "case-chapter.ipynb"


@pytest.mark.parametrize("nb", [*CASE_CHAPTERS, TEMPLATE], ids=lambda p: p.name)
def test_case_chapter_has_content_note_objectives_and_parameters(nb):
    text = prose(nb)
    assert "Content note" in text.split("##")[0], "a case chapter opens with a content note"
    assert "Learning objectives" in text
    assert "## Check your understanding" in text and ":class: dropdown" in text
    assert "## Discussion questions" in text and "## Key terms" in text and "## Further reading" in text
    assert "## Primary sources" in text and "## Afterwards" in text
    preamble = [c for c in cells(nb) if "chapter.open(" in "".join(c["source"])]
    assert len(preamble) == 1, "one preamble cell: chapter.open(...) checks the parameters"
    tagged = [c for c in cells(nb) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one papermill parameters cell"


def test_drawing_code_is_folded_on_the_static_page():
    for nb in toc_notebooks():
        for cell in cells(nb):
            src = "".join(cell["source"])
            if cell["cell_type"] == "code" and DRAWING.search(src):
                tags = cell.get("metadata", {}).get("tags", [])
                if nb.stem != "make-your-own-chart":  # that page teaches the calls, so it shows them
                    assert {"hide-input", "remove-input"} & set(tags), f"{nb.name}: a drawing cell is not folded"
                assert "figure" in cell.get("metadata", {}).get("mystnb", {}), (
                    f"{nb.name}: a chart without a numbered figure and caption"
                )


def known_numbers() -> set[int]:
    """Every count the data state, and every number in a document symbol."""
    numbers: set[int] = set()
    for table, cols in (("figures", ["low", "high", "best"]), ("deployments", ["strength"])):
        frame = data.load(table, ROOT / "data")
        for col in cols:
            numbers |= {int(v) for v in frame[col].dropna()}
    for symbol in data.load("documents", ROOT / "data")["symbol"]:
        numbers |= {int(n) for n in re.findall(r"\d+", symbol)}
    return numbers


@pytest.mark.parametrize("nb", CASE_CHAPTERS, ids=lambda p: p.name)
def test_numbers_in_the_prose_come_from_the_data(nb):
    """A count written in figures (32 or more, not a year or a footnote) must be a value in the data."""
    text = re.sub(r"\bnn?\.\s*\d+(?:\s*[–-]\s*\d+)?", "", prose(nb))  # footnote locators: n. 72, n. 69–70
    text = re.sub(r"\{numref\}`[^`]+`|\{cite[^`]*`[^`]+`|`[^`]*`", "", text)
    found = {int(m.replace(",", "")) for m in re.findall(r"(?<![\w.-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w-])", text)}
    years = {n for n in found if 1900 <= n <= 2030}
    unknown = sorted(n for n in found - years if n >= 32 and n not in known_numbers())
    assert not unknown, f"{nb.name}: numbers in the prose with no data row behind them: {unknown}"


def test_case_chapters_are_found_from_the_toc():
    assert "rwanda" in [nb.stem for nb in CASE_CHAPTERS]


def test_no_chapter_draws_its_data_table_by_hand():
    """Every chart carries its own table; hand-written tables drift from what the chart draws."""
    for nb in toc_notebooks():
        for cell in cells(nb):
            assert "data_table(" not in "".join(cell["source"]), f"{nb.name}: a hand-written data table"


# What a chapter may point at and still build alone: itself and the appendices every edition carries.
APPENDICES = {"chapters/data-appendix", "glossary", "references"}
ROLE = re.compile(r"\{(doc|ref|numref|eq)\}`([^`]+)`")
LINK = re.compile(r"\]\(([^)#\s]+\.(?:ipynb|md|html))(?:#[^)]*)?\)")
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.M)


def outside_references(nb) -> list[str]:
    """References in ``nb``'s prose and captions to anything but its own labels and the appendices."""
    own = set(LABEL.findall(prose(nb)))
    own |= {c.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name") for c in cells(nb)} - {None}
    text = prose(nb) + "\n".join(
        str(c.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption", "")) for c in cells(nb)
    )
    here = nb.parent.relative_to(ROOT) if nb.is_relative_to(ROOT) else Path("chapters")
    found = []
    for role, target in ROLE.findall(text):
        target = target.split("<")[-1].rstrip(">").strip()  # {numref}`Figure %s <fig-x>`
        if role == "doc":
            doc = posixpath.normpath(posixpath.join(str(here), target)) if not target.startswith("/") else target[1:]
            if doc not in APPENDICES and doc != f"{here}/{nb.stem}":
                found.append(f"{{doc}}`{target}`")
        elif target not in own:
            found.append(f"{{{role}}}`{target}`")
    for link in LINK.findall(text):
        doc = posixpath.normpath(posixpath.join(str(here), link)).rsplit(".", 1)[0]
        if doc not in APPENDICES and doc != f"{here}/{nb.stem}":
            found.append(f"]({link})")
    return found


@pytest.mark.parametrize("nb", CASE_CHAPTERS, ids=lambda p: p.name)
def test_case_chapter_points_only_at_itself_and_the_appendices(nb):
    """An instructor's edition of one chapter plus the appendices builds without warnings only if the chapter
    refers to nothing else: checked statically here for every case chapter, and by one real build below."""
    assert not outside_references(nb), f"{nb.name} refers outside itself and the appendices: {outside_references(nb)}"


def test_the_reference_check_finds_references_to_other_chapters(tmp_path):
    nb = tmp_path / "chapters" / "x.ipynb"
    nb.parent.mkdir()
    source = (
        "(own-label)=\n## A section\nSee {numref}`fig-x-own`, {ref}`own-label`, the [data](data-appendix.ipynb), "
        "{doc}`../glossary`, then {numref}`fig-rw-map`, {doc}`rwanda` and [Darfur](darfur.ipynb#top)."
    )
    nb.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": source},
        {"cell_type": "code", "metadata": {"mystnb": {"figure": {"name": "fig-x-own", "caption": "{ref}`sec-y`"}}}, "source": ""},
    ]}))  # fmt: skip
    assert outside_references(nb) == ["{numref}`fig-rw-map`", "{doc}`rwanda`", "{ref}`sec-y`", "](darfur.ipynb)"]


def test_a_case_chapter_builds_alone_in_a_remixed_book(tmp_path, book_build):
    """An instructor's edition: one chapter as the root, with only the appendices, builds with no warning.
    The notebook comes from the session build's execution cache, so nothing runs twice. One real build
    stands for all (the check above covers every chapter's references)."""
    import shutil

    nb = ROOT / "chapters" / "rwanda.ipynb"
    book = tmp_path / "book"
    book.mkdir()
    for name in ("_config.yml", "references.bib", "references.md", "glossary.md"):
        shutil.copy(ROOT / name, book / name)
    shutil.copytree(ROOT / "data", book / "data")
    (book / "chapters").mkdir()
    shutil.copy(nb, book / "chapters" / nb.name)
    shutil.copy(ROOT / "chapters" / "data-appendix.ipynb", book / "chapters")
    (book / "_toc.yml").write_text(
        f"format: jb-book\nroot: chapters/{nb.stem}\nchapters:\n  - file: chapters/data-appendix\n  - file: glossary\n  - file: references\n"
    )
    shutil.copytree(book_build / ".jupyter_cache", book / "_build" / ".jupyter_cache")
    run = jupyter_book("build", str(book), "--warningiserror", "--keep-going")
    assert run.returncode == 0, f"{nb.name} does not build alone:\n{(run.stdout + run.stderr)[-4000:]}"
