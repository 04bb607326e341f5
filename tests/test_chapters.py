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
    """A count written in figures (32 or more, not a year, a footnote, a page or a paragraph) must be a value in
    the data."""
    # Locators: footnotes (n. 72, nn. 69–70), pages (p. 253, pp. 79–95) and paragraphs (para. 430, paras. 85–86).
    text = re.sub(r"\b(?:nn?|pp?|paras?)\.\s*\d+(?:\s*[–-]\s*\d+)?", "", prose(nb))
    text = re.sub(r"\{numref\}`[^`]+`|\{cite[^`]*`[^`]+`|`[^`]*`", "", text)
    found = {int(m.replace(",", "")) for m in re.findall(r"(?<![\w.-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w-])", text)}
    years = {n for n in found if 1900 <= n <= 2030}
    unknown = sorted(n for n in found - years if n >= 32 and n not in known_numbers())
    assert not unknown, f"{nb.name}: numbers in the prose with no data row behind them: {unknown}"


def test_the_number_check_skips_locators_but_not_counts(tmp_path):
    nb = tmp_path / "x.ipynb"
    source = "The Court (para. 430; paras. 85–86; p. 253) said 1,234 people died (n. 72)."
    nb.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": source}]}))
    with pytest.raises(AssertionError, match=r"no data row behind them: \[1234\]"):
        test_numbers_in_the_prose_come_from_the_data(nb)


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


# --- A clear path through every chapter (issue 23) -----------------------------------------------

from helpers.course import core as core_path  # noqa: E402
from helpers.course.catalog import toc_part  # noqa: E402

NUMBERED = [ROOT / f"{f}.ipynb" for f in toc_part(ROOT, "The cases")]
# The template's sections after the chapter's own, in its order: every numbered chapter ends so.
ENDING = [
    "Primary sources",
    "Check your understanding",
    "Discussion questions",
    "Afterwards",
    "Key terms",
    "Further reading",
    "Key takeaways",
]
FENCE = re.compile(r"^```\{admonition\} ([^\n]+)\n(.*?)^```$", re.M | re.S)


def page_cells(nb) -> list[dict]:
    """The cells the site shows (a cell tagged remove-cell is the notebook's only)."""
    return [c for c in cells(nb) if core_path.on_the_page(c)]


def headings(nb, level: int = 2) -> list[str]:
    text = "\n".join("".join(c["source"]) for c in page_cells(nb) if c["cell_type"] == "markdown")
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)  # no heading inside a fenced block
    return re.findall(rf"^{'#' * level} (.+?)\s*$", text, re.M)


def admonitions(nb) -> dict[str, str]:
    first = "".join(cells(nb)[0]["source"])
    return {title.strip(): body for title, body in FENCE.findall(first)}


def test_the_numbered_chapters_are_the_six_cases():
    assert [nb.stem for nb in NUMBERED] == ["convention", "cambodia", "rwanda", "darfur", "conclusion", "car"]


@pytest.mark.parametrize("nb", [*NUMBERED, TEMPLATE], ids=lambda p: p.name)
def test_a_chapter_opens_with_in_brief_after_its_content_note(nb):
    first = "".join(cells(nb)[0]["source"])
    fences = list(FENCE.finditer(first))
    assert [f.group(1).strip() for f in fences[:2]] == ["Content note", "In brief"], (
        f"{nb.name}: the first cell opens with the content note, then the In brief box"
    )
    between = first[fences[0].end() : fences[1].start()]
    assert not between.strip(), f"{nb.name}: the In brief box comes right after the content note"
    body = admonitions(nb)["In brief"]
    findings = re.findall(r"^- ", body, re.M)
    assert 3 <= len(findings) <= 4, f"{nb.name}: In brief gives {len(findings)} findings (expected three or four)"
    assert re.search(r"Reading time: about \S+ minutes \(core sections: about \S+ minutes\)", body), (
        f"{nb.name}: In brief states the reading time, and the core sections' (see the template)"
    )


def stated_minutes(nb) -> tuple[int, int]:
    found = re.search(
        r"Reading time: about (\d+) minutes \(core sections: about (\d+) minutes\)", admonitions(nb)["In brief"]
    )
    assert found, f"{nb.name}: no reading time in numbers"
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("nb", NUMBERED, ids=lambda p: p.name)
def test_the_reading_time_stated_is_the_proses_at_230_words_a_minute(nb):
    full, core = stated_minutes(nb)
    for stated, text, what in (
        (full, core_path.prose(cells(nb)), "the chapter"),
        (core, core_path.prose(cells(nb), core_only=True), "its core sections"),
    ):
        computed = core_path.minutes(core_path.words(text))
        assert abs(stated - computed) <= max(2, 0.1 * computed), (
            f"{nb.name}: In brief says {stated} minutes for {what}; its {core_path.words(text)} words take "
            f"{computed:.1f} at {core_path.WORDS_PER_MINUTE} a minute"
        )


def test_the_reading_time_check_catches_a_wrong_number(tmp_path):
    nb = tmp_path / "x.ipynb"
    prose_cell = {"cell_type": "markdown", "metadata": {"tags": ["core"]}, "source": "word " * 2300}
    opening = (
        "# X\n\n```{admonition} Content note\n:class: warning\nA note.\n```\n\n```{admonition} In brief\n"
        ":class: note\n- a\n- b\n- c\n\nReading time: about 30 minutes (core sections: about 10 minutes).\n```\n"
    )
    nb.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": opening}, prose_cell]}))
    with pytest.raises(AssertionError, match=r"says 30 minutes for the chapter"):
        test_the_reading_time_stated_is_the_proses_at_230_words_a_minute(nb)


@pytest.mark.parametrize("nb", [*NUMBERED, TEMPLATE], ids=lambda p: p.name)
def test_learning_objectives_are_one_line_each(nb):
    body = admonitions(nb)["Learning objectives"]
    items = re.split(r"^\d+\. ", body, flags=re.M)[1:]
    assert 3 <= len(items) <= 5, f"{nb.name}: {len(items)} objectives (expected three to five)"
    for item in items:
        assert "\n" not in item.strip() and core_path.words(item) <= 20, (
            f"{nb.name}: an objective longer than one line of at most 20 words: {item.strip()[:90]}"
        )


@pytest.mark.parametrize("nb", [*NUMBERED, TEMPLATE], ids=lambda p: p.name)
def test_every_chapter_ends_in_the_templates_order(nb):
    found = headings(nb)
    assert "Primary sources" in found, f"{nb.name}: no Primary sources section"
    assert found[found.index("Primary sources") :] == ENDING, (
        f"{nb.name}: its last sections are {found[found.index('Primary sources') :]} (expected {ENDING})"
    )


def test_the_template_names_the_same_ending():
    assert headings(TEMPLATE)[-len(ENDING) :] == ENDING


@pytest.mark.parametrize("nb", NUMBERED, ids=lambda p: p.name)
def test_a_chapters_core_sections_carry_about_2500_words(nb):
    n = core_path.words(core_path.prose(cells(nb), core_only=True))
    assert 2000 <= n <= 3200, f"{nb.name}: its core sections come to {n} words (expected 2,000-3,200)"
    assert core_path.is_core(cells(nb)[0]), f"{nb.name}: the opening cell (title, In brief) is core"
    last = [c for c in cells(nb) if c["cell_type"] == "markdown"][-1]
    assert core_path.is_core(last) and "## Key takeaways" in "".join(last["source"]), (
        f"{nb.name}: Key takeaways, the last section, is core"
    )


@pytest.mark.parametrize("nb", NUMBERED, ids=lambda p: p.name)
def test_a_core_edition_refers_only_to_what_it_keeps(nb):
    """A core paragraph may point at a figure anywhere (the core edition keeps it) but at a section label
    only in a core cell, and a core subsection has a core section above it: so the edition builds with -W."""
    kept = [c for c in cells(nb) if core_path.is_core(c)]
    text = "\n".join("".join(c["source"]) for c in kept if c["cell_type"] == "markdown")
    labels = set(LABEL.findall(text))
    missing = [t for role, t in ROLE.findall(text) if role == "ref" and t.split("<")[-1].rstrip(">") not in labels]
    assert not missing, f"{nb.name}: core text refers to sections its core edition leaves out: {missing}"
    level = 1
    for heading in re.findall(r"^(#+) ", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S), re.M):
        assert len(heading) <= level + 1, f"{nb.name}: a core {heading} heading without a core parent section"
        level = len(heading)


def test_the_core_words_are_counted_as_a_reader_reads_them():
    text = core_path.plain_prose(
        "## A heading\n\n```{admonition} Answer\n:class: dropdown\nTwo words.\n```\n\n| a | b |\n| --- | --- |\n"
        "| one | two |\n\n- A {term}`term <Genocide>` and a citation {cite}`maddox2015` (n. 5)."
    )
    assert core_path.words(text) == 15, text  # A heading; Two words; a b one two; A term and a citation n 5


CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")


def caption_words(caption: str) -> int:
    """A caption's words as a reader counts them: each citation as its label ([Maddox 2015])."""
    from helpers import sources

    text = CITE.sub(
        lambda m: " ".join(sources.label(k.strip(), ROOT / "references.bib") for k in m.group(1).split(",")), caption
    )
    return core_path.words(core_path.plain_prose(text.replace("`", " ")))


def figures(nb) -> list[tuple[str, str]]:
    found = []
    for cell in cells(nb):
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if figure and core_path.on_the_page(cell):
            found.append((figure.get("name", "?"), str(figure.get("caption", ""))))
    return found


@pytest.mark.parametrize("nb", [*toc_notebooks(), TEMPLATE], ids=lambda p: p.name)
def test_every_caption_says_its_point_in_at_most_40_words(nb):
    long = {name: caption_words(caption) for name, caption in figures(nb) if caption_words(caption) > 40}
    assert not long, f"{nb.name}: captions over 40 words (say the point; the builders' notes say how to read): {long}"
    coded = [name for name, caption in figures(nb) if re.search(r"(?i)\bhover|\btagged\b|`\w+` tables?\b", caption)]
    assert not coded, f"{nb.name}: captions that explain tables, tags or hovering (the data table's note does): {coded}"


def test_the_caption_count_catches_a_long_caption():
    assert caption_words("A point in six words here. Sources: {cite}`maddox2015` (n. 3).") == 11
    assert caption_words("word " * 38 + "{cite}`unsc-res-918-1994`") == 40  # S/RES/918 (1994): two words


# Words that name what only a notebook has: a web page says them nowhere (a markdown cell tagged
# remove-cell, which only the notebook shows, may). Code is code: the page folds it away.
NOTEBOOK_WORDS = re.compile(
    r"parameters\s+cell|papermill|run\s+all|\bas_of\b|static\s+view\s+for\s+the\s+default\s+settings|\bkernel\b", re.I
)


def page_text(nb) -> str:
    """Everything of a notebook the site shows as text: its markdown cells (not those tagged remove-cell)
    without their code blocks, and its figures' captions."""
    markdown = "\n".join("".join(c["source"]) for c in page_cells(nb) if c["cell_type"] == "markdown")
    markdown = re.sub(r"^```(?:python|bash)?\n.*?^```$", "", markdown, flags=re.M | re.S)
    return (markdown + "\n" + "\n".join(caption for _, caption in figures(nb))).replace("`", "")


@pytest.mark.parametrize("nb", toc_notebooks(), ids=lambda p: p.name)
def test_no_page_gives_notebook_chores(nb):
    found = sorted({m.group(0) for m in NOTEBOOK_WORDS.finditer(page_text(nb))})
    assert not found, f"{nb.name}: the page names what only the notebook has: {found} (tag the cell remove-cell)"


def test_the_teaching_guides_give_no_notebook_chores():
    for guide in sorted((ROOT / "teaching").rglob("*.md")):  # the guides and their handouts
        found = sorted({m.group(0) for m in NOTEBOOK_WORDS.finditer(guide.read_text())})
        assert not found, f"{guide.name}: names what only the notebook has: {found}"


def test_the_notebook_words_check_catches_a_chore(tmp_path):
    nb = tmp_path / "x.ipynb"
    chore = "Change `as_of` in the parameters cell, then Run All."
    nb.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": chore},
        {"cell_type": "markdown", "metadata": {"tags": ["remove-cell"]}, "source": "In the notebook: papermill."},
    ]}))  # fmt: skip
    with pytest.raises(AssertionError, match=r"\['Run All', 'as_of', 'parameters cell'\]"):
        test_no_page_gives_notebook_chores(nb)


def test_the_guides_are_titled_after_their_chapters():
    """ "Teaching guide: " and the chapter's subject, the part of its title before the colon."""
    for nb in NUMBERED:
        title = re.search(r"^# (.+)$", "".join(cells(nb)[0]["source"]), re.M).group(1)
        subject = title.split(":")[0]
        subject = "the" + subject[3:] if subject.startswith("The ") else subject
        guide = (ROOT / "teaching" / f"{nb.stem}.md").read_text().splitlines()[0]
        assert guide == f"# Teaching guide: {subject}", (
            f"{nb.stem}: guide titled {guide!r} (expected the chapter's subject)"
        )
        assert re.fullmatch(r"[^:]+: (\"[^\"]+\"|[a-z][^\"]*)", title), (
            f"{nb.stem}: title {title!r} is not 'Subject: subtitle'"
        )


QUOTED = re.compile(r"text\.(?:quote|provision)\(\s*\"([\w-]+)\"")


@pytest.mark.parametrize("nb", NUMBERED, ids=lambda p: p.name)
def test_a_quotation_appears_once_in_a_chapter(nb):
    shown = [q for c in page_cells(nb) if c["cell_type"] == "code" for q in QUOTED.findall("".join(c["source"]))]
    twice = sorted({q for q in shown if shown.count(q) > 1})
    assert not twice, f"{nb.name}: quoted more than once (point back to the first instead): {twice}"


@pytest.mark.parametrize("nb", [*toc_notebooks(), TEMPLATE], ids=lambda p: p.name)
def test_citations_are_short_labels_not_names(nb):
    """{cite:t} prints the author's full name before the label ("United Nations Independent Inquiry ...
    [UN Independent Inquiry 1999]"); the book cites by its short labels only."""
    text = "\n".join("".join(c["source"]) for c in cells(nb)) + str([caption for _, caption in figures(nb)])
    assert "{cite:t}" not in text, f"{nb.name}: a textual citation; use {{cite}}"


def test_every_citation_label_is_short_and_names_one_entry():
    """The prose's citation labels ([Maddox 2015], [S/RES/918 (1994)]) fit well inside a phone's line, and
    no two entries share one: a long institutional name needs a shortauthor (or a shorthand) in references.bib."""
    from helpers import sources
    from helpers.site.citations import MAX_LABEL, BookLabels

    bib = ROOT / "references.bib"
    labels = {key: sources.label(key, bib) for key in sources.keys(bib)}
    long = {k: v for k, v in labels.items() if len(v) > MAX_LABEL}
    assert not long, f"citation labels over {MAX_LABEL} characters (give the entry a shortauthor): {long}"
    shared = sorted({v for v in labels.values() if list(labels.values()).count(v) > 1})
    assert not shared, f"labels that name more than one entry: {shared}"
    assert labels["maddox2015"] == "Maddox 2015" and labels["unsc-res-918-1994"] == "S/RES/918 (1994)"
    entries = list(sources.entries(bib).values())
    assert list(BookLabels().format_labels(entries)) == [labels[e.key] for e in entries], "pybtex shows the same labels"
