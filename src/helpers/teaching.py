"""The teaching part: each guide's 50-minute core plan, read and checked, and the Sphinx directives that
put a lesson's materials in front of a teacher.

**The core plan.** A guide (``teaching/<chapter>.md``) has a section whose heading says "50-minute core"
(``## The 50-minute core``), with a table of timed steps under it::

    | Minutes | Step | Material |
    | --- | --- | --- |
    | 5 | **Opening.** The content note read aloud; ... | Chapter opening |

Each row's *Minutes* are that step's length (a whole number), and its *Step* starts with the step's name
in bold. :func:`core_plan` reads the table; :func:`problems` says, by file and line, what is wrong with it
(no such section or table, a step without minutes or name, or steps that add up to more than
:data:`LIMIT` minutes: what does not fit goes in the guide's optional extension). The extension
(``helpers.teaching`` in ``_config.yml``) reports those problems as warnings, so a guide whose plan runs
over fails the build (warnings are errors), and provides three directives:

- ``lessons`` (the teaching index's "Teach a lesson tomorrow"): for each chapter of this edition that has a
  guide, the guide, its handouts, its pack and its pre-reading;
- ``session-plan``: one 50-minute session per chapter of this edition, each with its core steps and minutes,
  read from the guides (so the index and the guides cannot disagree);
- ``core-path`` (a guide's pre-reading): the chapter's core sections by title, with their length and
  reading time (:mod:`helpers.course.core`), read from the notebook;
- ``excerpt``, ``quotation`` and ``provision`` (a handout's primary source, quotations, the Convention's
  articles): a row of ``excerpts.csv``, ``quotes.csv`` or ``provisions.csv`` as the chapters print it
  (:mod:`helpers.text`), so that a handout carries the checked words, never a copy that could drift.

Each lists only what the edition holds, so the index may stand in any course's instructor edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import helpers
from helpers.course import core
from helpers.course.catalog import ANSWER_KEY, handout_kind, handouts, notebook_cells, notebook_title, plain

LIMIT = 50  # minutes: a lesson
HEADING = re.compile(r"^#{2,4}\s+.*\b50-minute core\b", re.I)
BOLD_NAME = re.compile(r"^\*\*(.+?)\*\*")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    minutes: int
    name: str  # the bold words that open the step, e.g. "Opening"
    line: int  # in the guide's file, from 1


@dataclass(frozen=True)
class Plan:
    line: int  # the heading's line
    steps: tuple[Step, ...]

    @property
    def total(self) -> int:
        return sum(step.minutes for step in self.steps)

    def glance(self) -> str:
        """The steps in one line: "Opening (4) · What was on record (8) · ...: 50 minutes"."""
        return " · ".join(f"{s.name} ({s.minutes})" for s in self.steps) + f": {self.total} minutes"


class PlanError(ValueError):
    """A guide whose core plan cannot be read: ``line`` (from 1) and ``message`` say where and what."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.message = line, message


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def core_plan(text: str) -> Plan:
    """The core plan of a guide's Markdown ``text``; raises :class:`PlanError` naming the line and what is
    wrong (and what was expected)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if HEADING.match(line)), None)
    if start is None:
        raise PlanError(1, "no '50-minute core' section (expected a heading such as '## The 50-minute core')")
    i = start + 1
    while i < len(lines) and not lines[i].lstrip().startswith("|"):
        if lines[i].startswith("#"):
            break
        i += 1
    rows = []
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        rows.append((i + 1, _cells(lines[i])))
        i += 1
    if len(rows) < 3:
        raise PlanError(start + 1, "the 50-minute core has no table of steps (expected | Minutes | Step | ... |)")
    header = [cell.lower() for cell in rows[0][1]]
    if "minutes" not in header or header.index("minutes") + 1 >= len(header):
        raise PlanError(rows[0][0], f"the core plan's columns are {rows[0][1]} (expected 'Minutes', then 'Step')")
    at = header.index("minutes")
    steps = []
    for line, cells in rows[2:]:
        value = cells[at] if at < len(cells) else ""
        if not re.fullmatch(r"[1-9]\d*", value):
            raise PlanError(line, f"Minutes: {value!r} (expected the step's length in whole minutes, e.g. 5)")
        step = cells[at + 1] if at + 1 < len(cells) else ""
        name = BOLD_NAME.match(step)
        if not name:
            raise PlanError(line, f"Step: {step[:40]!r} (expected the step's name in bold first, e.g. **Opening.**)")
        steps.append(Step(int(value), name.group(1).strip().rstrip(".:"), line))
    return Plan(start + 1, tuple(steps))


def problems(text: str) -> list[PlanError]:
    """What is wrong with a guide's core plan (nothing if it is right)."""
    try:
        plan = core_plan(text)
    except PlanError as err:
        return [err]
    if plan.total > LIMIT:
        return [
            PlanError(
                plan.line,
                f"the 50-minute core's steps add up to {plan.total} minutes (expected at most {LIMIT}: "
                "move what does not fit to the optional extension)",
            )
        ]
    return []


@dataclass(frozen=True)
class CorePath:
    sections: tuple[str, ...]  # the titles of the core sections, in order
    words: int

    @property
    def minutes(self) -> int:
        return max(1, round(core.minutes(self.words)))


def core_path(notebook: Path) -> CorePath:
    """A chapter's core path: its core sections' titles and the words a reader reads in them."""
    cells = notebook_cells(notebook)
    kept = [c for c in cells if c["cell_type"] == "markdown" and core.on_the_page(c) and core.is_core(c)]
    titles = [
        plain(match.group(1)) for cell in kept for match in re.finditer(r"^#{2,3}\s+(.+?)\s*$", core.source(cell), re.M)
    ]
    return CorePath(tuple(titles), core.words(core.prose(cells, core_only=True)))


# --- the Sphinx extension --------------------------------------------------------------------------


def _guide_slug(docname: str) -> str | None:
    match = re.fullmatch(r"teaching/([\w-]+)", docname)
    return match.group(1) if match and match.group(1) != "index" else None


def check_guide(app: Any, docname: str, source: list[str]) -> None:
    """A guide's core plan, checked as the guide is read: each problem is a warning at its line."""
    if _guide_slug(docname) is None:
        return
    for err in problems(source[0]):
        logger.warning(err.message, location=(docname, err.line))


def taught(env: Any) -> list[str]:
    """The chapters of this build that have their guide in it, in the table of contents' order."""
    order = list(getattr(env, "external_site_map", None) or [])
    docs = sorted(env.found_docs, key=lambda d: (order.index(d) if d in order else len(order), d))
    return [d.split("/", 1)[1] for d in docs if d.startswith("chapters/") and f"teaching/{d.split('/', 1)[1]}" in docs]


def doc_link(env: Any, target: str, text: str) -> nodes.Node:
    """A link to the document ``target`` (absolute, e.g. ``/teaching/rwanda``), as the ``doc`` role makes."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=target, refexplicit=True, refwarn=True, refdoc=env.docname
    )
    ref += nodes.inline(text, text, classes=["xref", "std", "std-doc"])
    return ref


def handout_label(doc: str, slug: str) -> str:
    kind = handout_kind(doc, slug)
    return "answer key (instructor only)" if kind == ANSWER_KEY else kind.replace("-", " ")


def inner_quotes(title: str) -> str:
    """A title's own quotation marks made single, to sit inside double ones: The word ‘genocide’."""
    return re.sub(r"[\"“](.*?)[\"”]", r"‘\1’", title)


class _TeachingDirective(SphinxDirective):
    def src(self, *parts: str) -> Path:
        path = Path(self.env.srcdir).joinpath(*parts)
        self.env.note_dependency(str(path))  # the page is read again when the guide or the chapter changes
        return path

    def title(self, slug: str) -> str:
        return notebook_title(self.src("chapters", f"{slug}.ipynb"))

    def length(self, slug: str) -> str:
        path = core_path(self.src("chapters", f"{slug}.ipynb"))
        return f"about {round(path.words, -2):,} words ({path.minutes} minutes' reading)"


class Lessons(_TeachingDirective):
    """For each chapter of this edition with a guide: its guide, its handouts, its pack, its pre-reading."""

    def run(self) -> list[nodes.Node]:
        from helpers.packs import pack_reference, packable

        html = self.env.app.builder.format == "html"
        packs = packable(self.env.app)
        items = nodes.bullet_list(classes=["lessons"])
        for slug in taught(self.env):
            heading = nodes.paragraph()
            heading += nodes.strong(text=self.title(slug))
            para = nodes.paragraph()
            para += doc_link(self.env, f"/teaching/{slug}", "The guide")
            found = [d for d in handouts(self.env.srcdir, slug) if d in self.env.found_docs]
            if found:
                para += nodes.Text("; handouts: ")
                for n, doc in enumerate(found):
                    para += nodes.Text(", " if n else "")
                    para += doc_link(self.env, f"/{doc}", handout_label(doc, slug))
            if slug in packs:
                para += nodes.Text("; the pack, ")
                para += pack_reference(self.env.docname, slug, html)
            para += nodes.Text(f"; pre-reading: the chapter's core path, {self.length(slug)}.")
            items += nodes.list_item("", heading, para)
        return [items]


class SessionPlan(_TeachingDirective):
    """One 50-minute session per chapter of this edition, in order, with the steps of its guide's core."""

    def run(self) -> list[nodes.Node]:
        items = nodes.enumerated_list(classes=["session-plan"])
        for slug in taught(self.env):
            para = nodes.paragraph()
            para += nodes.strong(text=self.title(slug))
            para += nodes.Text(" (")
            para += doc_link(self.env, f"/teaching/{slug}", "guide")
            try:
                plan = core_plan(self.src("teaching", f"{slug}.md").read_text(encoding="utf-8"))
                para += nodes.Text(f"): {plan.glance()}.")
            except PlanError:  # reported where the guide is read
                para += nodes.Text("): its guide has no 50-minute core yet.")
            items += nodes.list_item("", para)
        return [items]


class CorePathDirective(_TeachingDirective):
    """A guide's pre-reading: ```{core-path} rwanda``` names the chapter's core sections and their length."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0]
        notebook = Path(self.env.srcdir) / "chapters" / f"{slug}.ipynb"
        if not notebook.exists():
            raise self.error(f"core-path: no chapter {slug!r} (expected chapters/{slug}.ipynb)")
        path = core_path(self.src("chapters", f"{slug}.ipynb"))
        para = nodes.paragraph(classes=["core-path"])
        para += nodes.strong(text="Pre-reading: ")
        para += nodes.Text("the core path of ")
        para += doc_link(self.env, f"/chapters/{slug}", self.title(slug))
        para += nodes.Text(f", {self.length(slug)}: its opening (content note, In brief, objectives), then ")
        named = [f"“{inner_quotes(title)}”" for title in path.sections]
        para += nodes.Text(", ".join(named[:-1]) + f" and {named[-1]}" if len(named) > 1 else "".join(named))
        para += nodes.Text(". A course's core edition (--core) prints exactly these sections.")
        return [para]


class _RowDirective(SphinxDirective):
    """A row of the book's data written as the chapters write it (``markdown(row_id, data_dir)``)."""

    required_arguments = 1
    table = ""

    def markdown(self, row_id: str, data: Path) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        data = Path(self.env.srcdir) / "data"
        # The table and every document on file (Sphinx counts a dependency that is not a file, such as the
        # library's folder, as changed in every build: each incremental build read these pages again).
        for path in [data / f"{self.table}.csv", *sorted(p for p in (data / "library").rglob("*") if p.is_file())]:
            self.env.note_dependency(str(path))
        try:
            text = self.markdown(self.arguments[0], data)
        except (KeyError, FileNotFoundError, ValueError) as err:
            raise self.error(f"{self.name}: {err}") from None
        box = nodes.container()
        self.state.nested_parse(StringList(text.splitlines(), self.get_source_info()[0]), self.content_offset, box)
        return box.children


class Excerpt(_RowDirective):
    """```{excerpt} rw-belgian-withdrawal-1994-04```: the primary-source block of that row of excerpts.csv."""

    table = "excerpts"

    def markdown(self, row_id: str, data: Path) -> str:
        from helpers.text import excerpt_markdown

        return excerpt_markdown(row_id, data)


class Quotation(_RowDirective):
    """```{quotation} rw-felicien-not-prepared-to-kill```: that row of quotes.csv, attributed and cited."""

    table = "quotes"

    def markdown(self, row_id: str, data: Path) -> str:
        from helpers.text import quote

        return quote(row_id, data).data


class Provision(_RowDirective):
    """```{provision} art-i```: that article of the Convention (a row of provisions.csv), cited."""

    table = "provisions"

    def markdown(self, row_id: str, data: Path) -> str:
        from helpers.text import provision

        return provision(row_id, data).data


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", check_guide)
    app.add_directive("lessons", Lessons)
    app.add_directive("session-plan", SessionPlan)
    app.add_directive("core-path", CorePathDirective)
    app.add_directive("excerpt", Excerpt)
    app.add_directive("quotation", Quotation)
    app.add_directive("provision", Provision)
    return {"version": helpers.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
