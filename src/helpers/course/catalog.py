"""The book's chapters as an instructor sees them, read from ``_toc.yml`` and the notebooks.

Nothing here is a hard-coded list: a chapter is a notebook in the table of contents' part
"The cases", its title is the notebook's first heading, and its one-line summary is the first
sentence of the case's ``summary`` in ``data/cases.csv`` (or of the notebook's first paragraph). Its
teaching guide is ``teaching/<chapter>.md``, and the guide's handouts are the pages
``teaching/handouts/<chapter>-<kind>.md`` (:func:`handouts`).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from helpers import toc as _toc

CASES_PART = "The cases"
APPENDICES = ("chapters/data-appendix", "glossary", "references")
TEACHING_INDEX = "teaching/index"
HANDOUTS = "teaching/handouts"
# The order a guide lists its handouts in; other kinds come after these, the answer key always last.
HANDOUT_KINDS = ("worksheet", "options-card", "role-cards")
ANSWER_KEY = "answer-key"  # the one handout for the instructor's eyes only
ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Chapter:
    slug: str  # the notebook's name, e.g. "rwanda"
    file: str  # its path in the table of contents, e.g. "chapters/rwanda"
    title: str
    summary: str  # one sentence
    guide: str | None  # its teaching guide, e.g. "teaching/rwanda", if the book has one
    handouts: tuple[str, ...] = ()  # the guide's printable pages, e.g. "teaching/handouts/rwanda-worksheet"


def toc_part(root: Path, caption: str) -> list[str]:
    """The files of one part of ``_toc.yml``, in order (empty if the part is missing)."""
    return _toc.part(Path(root) / "_toc.yml", caption)


def notebook_cells(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["cells"]


def _markdown(path: Path) -> str:
    return "\n\n".join("".join(c["source"]) for c in notebook_cells(path) if c["cell_type"] == "markdown")


def plain(text: str) -> str:
    """MyST reduced to plain words: roles, links and emphasis dropped, whitespace collapsed."""
    text = re.sub(r"\{cite[^}]*\}`[^`]*`", "", text)
    text = re.sub(r"\{(?:term|doc|ref|numref)\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).replace(" .", ".").replace(" ,", ",").strip()


def first_sentence(text: str) -> str:
    text = plain(text)
    match = re.search(r"^(.+?[.!?])(?=\s+[A-Z“\"‘'(]|$)", text)
    return match.group(1) if match else text


def notebook_title(path: Path) -> str:
    match = re.search(r"^#\s+(.+)$", _markdown(path), re.M)
    if not match:
        raise ValueError(f"{path}: no '# Title' heading in its first markdown cells (expected the chapter's title)")
    return plain(match.group(1))


def first_paragraph(path: Path) -> str:
    """The first paragraph of prose: not a heading, not inside a fenced block (the content note)."""
    text = re.sub(r"^(```+|:::+)\{[^\n]*\n.*?^\1\s*$", "", _markdown(path), flags=re.M | re.S)
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block and not block.startswith(("#", "|", "```", ":::", "<", "!")):
            return block
    return ""


def handouts(root: Path, slug: str) -> tuple[str, ...]:
    """The handouts of a chapter's guide (documents without suffix), in the order the guide lists them:
    the kinds of :data:`HANDOUT_KINDS` first, then any other kind by name, the answer key last."""
    found = {p.stem.removeprefix(f"{slug}-"): p for p in (Path(root) / HANDOUTS).glob(f"{slug}-*.md")}

    def order(kind: str) -> tuple[int, str]:
        known = HANDOUT_KINDS.index(kind) if kind in HANDOUT_KINDS else len(HANDOUT_KINDS)
        return (len(HANDOUT_KINDS) + 1 if kind == ANSWER_KEY else known, kind)

    return tuple(f"{HANDOUTS}/{slug}-{kind}" for kind in sorted(found, key=order))


def handout_kind(doc: str, slug: str) -> str:
    """``teaching/handouts/rwanda-role-cards`` of ``rwanda`` -> ``role-cards``."""
    return doc.rsplit("/", 1)[-1].removeprefix(f"{slug}-")


def case_summaries(root: Path) -> dict[str, str]:
    path = Path(root) / "data" / "cases.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {row["id"]: row["summary"] for row in csv.DictReader(f) if row.get("summary")}


def has_parameters(path: Path) -> bool:
    """A chapter that runs on its own with papermill parameters (the ones a pack is made for)."""
    return any("parameters" in c.get("metadata", {}).get("tags", []) for c in notebook_cells(path))


def chapters(root: Path = ROOT) -> list[Chapter]:
    """The chapters of the part "The cases" of ``root/_toc.yml``, in the book's order."""
    root = Path(root)
    summaries = case_summaries(root)
    found = []
    for file in toc_part(root, CASES_PART):
        nb = root / f"{file}.ipynb"
        if not nb.exists():
            continue
        slug = nb.stem
        guide = f"teaching/{slug}" if (root / "teaching" / f"{slug}.md").exists() else None
        summary = first_sentence(summaries.get(slug) or first_paragraph(nb))
        found.append(Chapter(slug, file, notebook_title(nb), summary, guide, handouts(root, slug) if guide else ()))
    if not found:
        raise ValueError(f"{root / '_toc.yml'}: no notebooks in the part {CASES_PART!r} (expected the book's chapters)")
    return found
