"""Chapter rules: parameters, content notes, and numbers in the prose that trace to the data."""

from __future__ import annotations

import json
import re

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


@pytest.mark.parametrize("nb", CASE_CHAPTERS, ids=lambda p: p.name)
def test_case_chapter_builds_alone_in_a_remixed_book(nb, tmp_path, book_build):
    """An instructor's edition: this chapter as the root, with only the appendices, builds with no warning.
    The notebooks come from the session build's execution cache, so nothing runs twice."""
    import shutil

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
