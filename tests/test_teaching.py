"""The teaching part: 50-minute plans that fit, handouts that print, answer keys for instructors only.

Fast tests read the guides, the handouts, ``_toc.yml`` and the packs made from a clone, and prove that each
check catches the defect it is for. The build tests read the built guide and index; the slow test prints
the handouts with the PDF command on a copy of the built site and reads their text back. (The editions of
a course, with and without answer keys, are checked in test_course.py, which builds them once.)
"""

from __future__ import annotations

import calendar
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from test_print import first_page_text, page_title, pdf_text, print_pages, strip_tags

from conftest import ROOT
from helpers import packs, teaching
from helpers.course import build, catalog, core
from helpers.course.spec import Course

GUIDES = [c for c in catalog.chapters(ROOT) if c.guide]
MONTHS = {calendar.month_name[i]: i for i in range(1, 13)}


def guide_text(slug: str) -> str:
    return (ROOT / "teaching" / f"{slug}.md").read_text(encoding="utf-8")


def handout_text(doc: str) -> str:
    return (ROOT / f"{doc}.md").read_text(encoding="utf-8")


# --- the 50-minute sums ---------------------------------------------------------------------------


def table_minutes(text: str) -> list[int]:
    """The Minutes column of the table under the "50-minute core" heading, read here without the toolkit."""
    after = re.split(r"^#{2,4} .*50-minute core.*$", text, maxsplit=1, flags=re.M)[1]
    rows = re.findall(r"^\|.*\|\s*$", after.split("\n#", 1)[0], re.M)
    header = [c.strip().lower() for c in rows[0].strip("|").split("|")]
    at = header.index("minutes")
    return [int(row.strip("|").split("|")[at]) for row in rows[2:]]


@pytest.mark.parametrize("chapter", GUIDES, ids=lambda c: c.slug)
def test_every_guides_core_plan_adds_up_to_at_most_50_minutes(chapter):
    text = guide_text(chapter.slug)
    assert teaching.problems(text) == [], f"teaching/{chapter.slug}.md: {teaching.problems(text)}"
    plan = teaching.core_plan(text)
    minutes = table_minutes(text)
    assert [s.minutes for s in plan.steps] == minutes, "the toolkit and the test read the table alike"
    assert sum(minutes) <= teaching.LIMIT, f"teaching/{chapter.slug}.md: the core plan takes {sum(minutes)} minutes"
    assert all(step.name for step in plan.steps)


def test_a_plan_of_55_minutes_fails_and_the_build_would_say_where():
    text = guide_text("rwanda")
    plan = teaching.core_plan(text)
    first = plan.steps[0]
    lines = text.splitlines()
    lines[first.line - 1] = lines[first.line - 1].replace(f"| {first.minutes} |", f"| {first.minutes + 5} |", 1)
    longer = "\n".join(lines)
    assert sum(table_minutes(longer)) == plan.total + 5 == 55
    (err,) = teaching.problems(longer)
    assert err.line == plan.line and "add up to 55 minutes (expected at most 50" in err.message


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (lambda t: t.replace("The 50-minute core", "The lesson"), 1, "no '50-minute core' section"),
        (
            lambda t: t.replace("| 8 | **What was on record.**", "| 5–13 | **What was on record.**"),
            None,
            "Minutes: '5–13'",
        ),
        (lambda t: t.replace("| 8 | **What was on record.**", "| 8 | What was on record."), None, "Step: 'What was on"),
        (lambda t: t.replace("| Minutes | Step |", "| Time | Step |"), None, "expected 'Minutes', then 'Step'"),
    ],
)
def test_a_plan_that_cannot_be_read_is_named_by_line(change, line, message):
    text = guide_text("rwanda")
    changed = change(text)
    assert changed != text
    (err,) = teaching.problems(changed)
    assert message in err.message
    if line is None:  # the line of the row or header that changed
        line = next(i for i, (a, b) in enumerate(zip(text.splitlines(), changed.splitlines()), 1) if a != b)
    assert err.line == line


def index_problems(text: str) -> list[str]:
    """What keeps the index from starting with the lesson: its first sections out of order, a command
    before the lesson's end, or the lessons and session plans not written from the guides."""
    sections = re.findall(r"^## (.+)$", text, re.M)
    if sections[:3] != ["Teach a lesson tomorrow", "Session plans", "Building a course"]:
        return [f"the index's first sections are {sections[:3]}"]
    lesson = text.split("## Teach a lesson tomorrow", 1)[1].split("\n## ", 1)[0]
    plans = text.split("## Session plans", 1)[1].split("\n## ", 1)[0]
    found = [] if "```{lessons}" in lesson else ["no lessons directive under 'Teach a lesson tomorrow'"]
    found += ["a command comes before the lesson"] if "python -m" in lesson else []
    return found + ([] if "```{session-plan}" in plans else ["no session-plan directive under 'Session plans'"])


def test_the_index_starts_with_the_lesson_then_sessions_then_commands():
    assert index_problems((ROOT / "teaching" / "index.md").read_text(encoding="utf-8")) == []


def test_the_index_check_catches_commands_first_or_a_missing_plan():
    text = (ROOT / "teaching" / "index.md").read_text(encoding="utf-8")
    lesson, rest = text.split("## Session plans", 1)
    commands_first = text.replace("## Teach a lesson tomorrow", "## Building a course first", 1)
    assert index_problems(commands_first) != []
    assert index_problems(lesson + "python -m helpers.course build\n\n## Session plans" + rest) == [
        "a command comes before the lesson"
    ]
    no_plan = text.replace("```{session-plan}", "```{note}")
    assert index_problems(no_plan) == ["no session-plan directive under 'Session plans'"]


def test_the_index_session_plans_are_the_guides_cores_and_fit():
    """The index's sessions are written from the guides' tables (the `session-plan` directive): one session
    a chapter, each adding up to at most 50 minutes."""
    for chapter in GUIDES:
        plan = teaching.core_plan(guide_text(chapter.slug))
        minutes = [int(m) for m in re.findall(r"\((\d+)\)", plan.glance())]
        assert minutes == [s.minutes for s in plan.steps] and sum(minutes) <= teaching.LIMIT
        assert plan.glance().endswith(f": {sum(minutes)} minutes")


# --- handouts: pages of their guide -----------------------------------------------------------------


def toc_sections() -> dict[str, list[str]]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = {}
    for part in toc["parts"]:
        for entry in part.get("chapters", []):
            found[entry["file"]] = [s["file"] for s in entry.get("sections", [])]
    return found


def toc_problems(sections: dict[str, list[str]], on_disk: list[str]) -> list[str]:
    """Handouts on disk that are not sections of their guide in ``_toc.yml``, or listed out of order."""
    slugs = {c.slug for c in GUIDES}
    found = []
    for doc in on_disk:
        slug = next((s for s in sorted(slugs, key=len, reverse=True) if Path(doc).name.startswith(f"{s}-")), None)
        if not slug:
            found.append(f"{doc}: a handout is named <chapter>-<kind> after a chapter with a guide ({sorted(slugs)})")
        elif doc not in sections.get(f"teaching/{slug}", []):
            found.append(f"{doc} is not a section of teaching/{slug} in _toc.yml")
    for chapter in GUIDES:
        if list(chapter.handouts) != sections.get(chapter.guide, []):
            found.append(
                f"{chapter.guide}: _toc.yml lists its handouts as {sections.get(chapter.guide)}, the folder has "
                f"{list(chapter.handouts)} (the guide's order: worksheet, options card, role cards, ..., answer key)"
            )
    return found


def handouts_on_disk() -> list[str]:
    return sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / catalog.HANDOUTS).glob("*.md"))


def test_every_handout_is_a_page_under_its_guide_in_the_table_of_contents():
    """Handouts missing from _toc.yml are never built (only_build_toc_files), so nothing else would notice."""
    assert handouts_on_disk(), "the book has handouts"
    assert toc_problems(toc_sections(), handouts_on_disk()) == []


def test_the_toc_check_catches_a_handout_left_out_or_misnamed():
    sections = toc_sections()
    dropped = {k: [d for d in v if not d.endswith("rwanda-answer-key")] for k, v in sections.items()}
    assert any("rwanda-answer-key is not a section" in p for p in toc_problems(dropped, handouts_on_disk()))
    reordered = {k: v[::-1] if k == "teaching/rwanda" else v for k, v in sections.items()}
    assert any("teaching/rwanda: _toc.yml lists" in p for p in toc_problems(reordered, handouts_on_disk()))
    assert any("named <chapter>-<kind>" in p for p in toc_problems(sections, ["teaching/handouts/quiz"]))


def unlinked(slug: str, text: str, handouts: tuple[str, ...]) -> list[str]:
    """What a guide fails to link: its pack (the chapter-packs directive) and each of its handouts."""
    missing = [] if re.search(rf"^```{{chapter-packs}} {slug}\s*$", text, re.M) else ["its pack"]
    for doc in handouts:
        target = doc.removeprefix("teaching/")
        if not re.search(rf"\{{doc\}}`[^`]*<{re.escape(target)}>`|\{{doc\}}`{re.escape(target)}`", text):
            missing.append(target)
    return missing


@pytest.mark.parametrize("chapter", GUIDES, ids=lambda c: c.slug)
def test_every_guide_links_its_handouts_and_its_pack(chapter):
    assert unlinked(chapter.slug, guide_text(chapter.slug), chapter.handouts) == []


def test_the_link_check_catches_a_guide_that_drops_a_handout_or_its_pack():
    rwanda = next(c for c in GUIDES if c.slug == "rwanda")
    text = guide_text("rwanda")
    assert rwanda.handouts, "the model guide has handouts"
    without = text.replace("<handouts/rwanda-answer-key>", "<handouts/rwanda-worksheet>")
    assert unlinked("rwanda", without, rwanda.handouts) == ["handouts/rwanda-answer-key"]
    assert unlinked("rwanda", text.replace("```{chapter-packs} rwanda", "```{chapter-packs}"), ()) == ["its pack"]


def answer_key_problems(handouts: tuple[str, ...], slug: str, read=handout_text) -> list[str]:
    keys = [d for d in handouts if catalog.handout_kind(d, slug) == catalog.ANSWER_KEY]
    if keys != [handouts[-1]]:
        return [f"{slug}: one answer key, listed last: {list(handouts)}"]
    body = read(keys[0]).split("\n", 1)[1]
    return (
        [] if "For the instructor only" in body.split("\n## ", 1)[0] else [f"{keys[0]}: no 'For the instructor only'"]
    )


@pytest.mark.parametrize("chapter", [c for c in GUIDES if c.handouts], ids=lambda c: c.slug)
def test_an_answer_key_says_it_is_for_the_instructor_and_is_listed_last(chapter):
    assert answer_key_problems(chapter.handouts, chapter.slug) == []


def test_the_answer_key_check_catches_a_missing_key_or_warning():
    rwanda = next(c for c in GUIDES if c.slug == "rwanda")
    assert answer_key_problems(rwanda.handouts[:-1], "rwanda") != []  # no key
    assert answer_key_problems(rwanda.handouts[::-1], "rwanda") != []  # the key first
    unmarked = lambda doc: handout_text(doc).replace("For the instructor only", "For the class")  # noqa: E731
    assert answer_key_problems(rwanda.handouts, "rwanda", unmarked) == [
        "teaching/handouts/rwanda-answer-key: no 'For the instructor only'"
    ]


# --- on paper: a section the lesson names is in the pre-reading, or in front of the student ---------

ON_PAPER = ("teacher reads aloud", "printed on the worksheet")  # a step may name a section that says so
EXTENSION_PART = re.compile(r"\b(homework|extension|second lesson)\b", re.I)


def chapter_sections(slug: str) -> dict[str, bool]:
    """Each heading of the chapter's notebook -> whether its cell is core (in the pre-reading)."""
    sections = {}
    for cell in catalog.notebook_cells(ROOT / "chapters" / f"{slug}.ipynb"):
        if cell["cell_type"] == "markdown":
            for name in re.findall(r"^#{1,4}\s+(.+?)\s*$", core.source(cell), re.M):
                sections[name] = core.is_core(cell)
    return sections


def core_material(guide: str) -> list[str]:
    """The Material cells of the guide's 50-minute core table."""
    after = re.split(r"^#{2,4} .*50-minute core.*$", guide, maxsplit=1, flags=re.M)[1]
    rows = [teaching._cells(r) for r in re.findall(r"^\|.*\|\s*$", after.split("\n#", 1)[0], re.M)]
    at = next(i for i, c in enumerate(rows[0]) if "material" in c.lower())
    return [row[at] for row in rows[2:]]


def worksheet_core(worksheet: str) -> list[str]:
    """The worksheet's paragraphs, leaving out the parts set for homework, an extension or a second lesson."""
    parts = re.split(r"^(?=## )", worksheet, flags=re.M)
    kept = [p for p in parts if not (p.startswith("## ") and EXTENSION_PART.search(p.split("\n", 1)[0]))]
    return [block for part in kept for block in re.split(r"\n\s*\n", part)]


def unread_sections(slug: str, guide: str, worksheets: list[str]) -> list[str]:
    """Sections of the chapter, named in quotation marks by a core step's Material or a worksheet's core
    parts, that are not core and are not marked as read aloud or printed: on paper, students cannot use them."""
    sections = chapter_sections(slug)
    blocks = [("the core plan's Material", m) for m in core_material(guide)]
    blocks += [("the worksheet", b) for w in worksheets for b in worksheet_core(w)]
    return [
        f'{slug}: {where} names "{name}", which is not a core section (tag it core, print it, or mark the '
        f"step {' or '.join(repr(m) for m in ON_PAPER)})"
        for where, block in blocks
        for name in re.findall(r'"([^"]+)"', block)
        if name in sections and not sections[name] and not any(mark in block for mark in ON_PAPER)
    ]


def worksheets_of(chapter) -> list[str]:
    return [handout_text(d) for d in chapter.handouts if catalog.handout_kind(d, chapter.slug) == "worksheet"]


@pytest.mark.parametrize("chapter", GUIDES, ids=lambda c: c.slug)
def test_every_section_a_core_step_names_is_core_or_read_aloud_or_printed(chapter):
    assert unread_sections(chapter.slug, guide_text(chapter.slug), worksheets_of(chapter)) == []


def test_the_paper_check_catches_a_step_or_a_question_that_needs_an_unread_section():
    conclusion = next(c for c in GUIDES if c.slug == "conclusion")
    guide, worksheets = guide_text("conclusion"), worksheets_of(conclusion)
    assert "The grid case by case" in chapter_sections("conclusion"), "a section that is not core"
    assert chapter_sections("conclusion")["The grid case by case"] is False
    assert "teacher reads aloud" in guide
    unmarked = guide.replace("teacher reads aloud", "the chapter")
    assert unread_sections("conclusion", unmarked, worksheets) == [
        'conclusion: the core plan\'s Material names "Primary sources", which is not a core section (tag it '
        "core, print it, or mark the step 'teacher reads aloud' or 'printed on the worksheet')"
    ]
    question = '1. Look in the chapter\'s "The grid case by case": what did the Council decide?\n'
    in_class = worksheets[0].replace("## Part B.", question + "\n## Part B.", 1)
    assert len(unread_sections("conclusion", guide, [in_class])) == 1
    for_homework = worksheets[0] + "\n" + question  # at the end: in Part D, a second lesson
    assert "second lesson" in for_homework.split("## Part D.", 1)[1].split("\n", 1)[0]
    assert unread_sections("conclusion", guide, [for_homework]) == [], "a second lesson's part may use the chapter"


# --- role cards: every member, only what it knew that day ------------------------------------------


def cards(text: str) -> dict[str, str]:
    """The role cards of a handout: title -> body (admonitions of class role-card)."""
    found = re.findall(r"^```\{admonition\} ([^\n]+)\n:class: role-card\n(.*?)^```$", text, re.M | re.S)
    return dict(found)


def the_day(text: str) -> date:
    """The day a role-card or options handout is set on, from its title ("# Rwanda, 21 April 1994: ...")."""
    day, month, year = re.search(r"^# [^\n]*?(\d{1,2}) (\w+) (\d{4})", text, re.M).groups()
    return date(int(year), MONTHS[month], int(day))


def later_dates(text: str, day: date) -> list[str]:
    """Every date a text names that is later than ``day`` (citations, which name their sources' years, and
    library file ids apart)."""
    text = re.sub(r"\{cite\}`[^`]*`|`[a-z0-9-]+`|\{doc\}`[^`]*`", "", text)
    found = []
    for m in re.finditer(r"(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r")(?: (\d{4}))?|\b(1[89]\d\d|20\d\d)\b", text):
        d, month, year, bare = m.groups()
        if bare:
            when = date(int(bare), 1, 1)
        elif year:
            when = date(int(year), MONTHS[month], int(d or 1))
        elif d:  # "7 April": the day's year
            when = date(day.year, MONTHS[month], int(d))
        else:
            continue
        if when > day:
            found.append(m.group(0))
    return found


ROLE_PLAYS = [
    d for c in GUIDES for d in c.handouts if catalog.handout_kind(d, c.slug) in ("role-cards", "options-card")
]


@pytest.mark.parametrize("doc", ROLE_PLAYS)
def test_role_cards_and_options_hold_nothing_after_their_day(doc):
    text = handout_text(doc)
    day = the_day(text)
    blocks = list(cards(text).values()) or [text.split("\n", 1)[1]]
    if "role-cards" in doc:
        assert blocks, f"{doc}: no role cards (admonitions of class role-card)"
    for block in blocks:
        assert later_dates(block, day) == [], f"{doc}: hindsight on a card set on {day}: {later_dates(block, day)}"


def test_the_hindsight_check_catches_a_later_date():
    day = date(1994, 4, 21)
    assert later_dates("A week from now, on 28 April, the Czech delegation ...", day) == ["28 April"]
    # A day and month without a year are read in the card's year: an earlier year's date must carry it.
    assert later_dates("On 1 November Dieng ...", date(2014, 1, 15)) == ["1 November"]
    assert later_dates("On 1 November 2013 Dieng ...", date(2014, 1, 15)) == []
    assert later_dates("his own account, given in 2014", day) == ["2014"]
    assert later_dates("In May 1994 the Council ...", day) == ["May 1994"]
    assert later_dates("Since 7 April; in October 1993 {cite}`keating-2014-statement` `s-1999-1257`", day) == []


def council_of(record: str) -> list[str]:
    """The members present at a meeting, from its record on file: the "Members:" list and the President's
    own country, in the short names the cards use."""
    listed = record.split("Members:", 1)[1].split("Agenda", 1)[0]
    members = [line.split(":")[0].strip() for line in listed.splitlines() if ":" in line]
    members.append(re.search(r"^President: .*\((.+)\)", record, re.M).group(1))  # the chair's own country
    short = {"Russian Federation": "Russia", "United States of America": "United States"}
    return [short.get(m, m.removesuffix(" of Great Britain and Northern Ireland")) for m in members]


def unseated(members: list[str], titles: list[str]) -> list[str]:
    """Who has no card: each member, the Secretary-General's side and the rapporteurs."""
    missing = [m for m in members if not any(t.startswith(m) or t.startswith(f"{m}'s") for t in titles)]
    missing += [] if any("Secretary-General" in t for t in titles) else ["the Secretary-General"]
    return missing + ([] if any("rapporteur" in t.lower() for t in titles) else ["the rapporteurs"])


def test_the_21_april_role_play_seats_every_member_that_voted():
    """The Council of 1994, read from its own meeting record on file (S/PV.3453), each has a card; so do
    the Secretary-General's representative and the rapporteurs."""
    members = council_of((ROOT / "data" / "library" / "s-pv-3453.txt").read_text(encoding="utf-8"))
    assert len(set(members)) == 15, members
    assert unseated(members, list(cards(handout_text("teaching/handouts/rwanda-role-cards")))) == []


def source_problems(text: str) -> list[str]:
    """Cards that cite no source (rapporteurs apart) or name a library file that is not on file."""
    library = {p.stem for p in (ROOT / "data" / "library").glob("*.txt")}
    found = []
    for title, body in cards(text).items():
        files = re.findall(r"`([a-z0-9-]+)`", body.split("*On file:*", 1)[1]) if "*On file:*" in body else []
        if set(files) - library:
            found.append(f"{title}: no such library file {sorted(set(files) - library)}")
        if "rapporteur" not in title.lower() and "{cite}" not in body and "options card" not in body:
            found.append(f"{title}: a card states facts without a source")
    return found


@pytest.mark.parametrize("doc", [d for d in ROLE_PLAYS if d.endswith("role-cards")])
def test_every_card_names_its_sources_and_its_files_exist(doc):
    assert source_problems(handout_text(doc)) == []


def test_the_seating_and_source_checks_catch_a_missing_member_or_source():
    text = handout_text("teaching/handouts/rwanda-role-cards")
    members = council_of((ROOT / "data" / "library" / "s-pv-3453.txt").read_text(encoding="utf-8"))
    titles = [t for t in cards(text) if not t.startswith("China")]
    assert unseated(members, titles) == ["China"]
    title, body = next((t, b) for t, b in cards(text).items() if "{cite}" in b and "*On file:*" in b)
    uncited = text.replace(body, re.sub(r"\{cite\}`[^`]*`", "", body).replace("options card", ""), 1)
    assert f"{title}: a card states facts without a source" in source_problems(uncited)
    misfiled = text.replace(body, body.replace("*On file:*", "*On file:* `no-such-file`", 1), 1)
    assert f"{title}: no such library file ['no-such-file']" in source_problems(misfiled)


# --- packs and editions take the handouts ------------------------------------------------------------


def zipped_names(pack: Path) -> list[str]:
    with zipfile.ZipFile(pack) as zf:
        return zf.namelist()


def test_a_pack_holds_its_guide_and_handouts_and_its_readme_says_so(tmp_path):
    rwanda = next(c for c in GUIDES if c.slug == "rwanda")
    pack = packs.make_pack(ROOT, "rwanda", tmp_path)
    names = zipped_names(pack)
    top = packs.pack_name("rwanda")
    for doc in [rwanda.guide, *rwanda.handouts]:
        assert f"{top}/{doc}.md" in names, f"the pack lacks {doc}.md"
    with zipfile.ZipFile(pack) as zf:
        readme = zf.read(f"{top}/README.md").decode()
    for doc in rwanda.handouts:
        assert f"`{Path(doc).name}.md`" in readme
    assert "`rwanda-answer-key.md` (for the instructor only)" in readme and "no PDFs" in readme
    # A student edition's pack: no guide, no answer key.
    student = packs.make_pack(ROOT, "rwanda", tmp_path / "student", teaching=False)
    assert not [n for n in zipped_names(student) if "/teaching/" in n]
    with zipfile.ZipFile(student) as zf:
        assert "For teaching" not in zf.read(f"{top}/README.md").decode()


def test_the_pdf_command_adds_the_printed_handouts_to_the_packs_once(tmp_path):
    rwanda = next(c for c in GUIDES if c.slug == "rwanda")
    site_packs = tmp_path / "_static" / "packs"
    pack = packs.make_pack(ROOT, "rwanda", site_packs)
    other = packs.make_pack(ROOT, "rwanda", tmp_path / "student", teaching=False)
    shutil.copy(other, site_packs / "never-again-other.zip")  # a pack without a guide is left alone
    printed = tmp_path / "_pdf"
    for doc in [rwanda.guide, *rwanda.handouts]:
        (printed / f"{doc}.pdf").parent.mkdir(parents=True, exist_ok=True)
        (printed / f"{doc}.pdf").write_bytes(b"%PDF-1.4 " + doc.encode())
    assert packs.add_pdfs(site_packs, printed) == 1
    assert packs.add_pdfs(site_packs, printed) == 1  # again: replaced, not added twice
    names = zipped_names(pack)
    top = packs.pack_name("rwanda")
    for doc in [rwanda.guide, *rwanda.handouts]:
        assert names.count(f"{top}/{doc}.pdf") == 1
    assert len(names) == len(set(names))
    with zipfile.ZipFile(pack) as zf:
        readme = zf.read(f"{top}/README.md").decode()
    assert "teaching/handouts/rwanda-role-cards.pdf" in readme and "no PDFs" not in readme
    assert readme.count("## For teaching") == 1 and "## Licence and source" in readme
    assert zipped_names(site_packs / "never-again-other.zip") == zipped_names(other)


def test_an_instructor_edition_takes_the_handouts_and_a_student_edition_none(tmp_path):
    """The course's table of contents and source folder, without building it (test_course.py builds both)."""
    picked = Course(chapters=["rwanda", "car"], edition="instructor").check()
    rwanda = picked[0]
    guides = build.toc(Course(chapters=["rwanda", "car"], edition="instructor"), picked)["parts"][1]["chapters"]
    entry = next(g for g in guides if g["file"] == rwanda.guide)
    assert [s["file"] for s in entry["sections"]] == list(rwanda.handouts)
    assert any(catalog.handout_kind(d, "rwanda") == catalog.ANSWER_KEY for d in rwanda.handouts)
    for edition in ("instructor", "student"):
        course = Course(chapters=["rwanda", "car"], edition=edition)
        build.stage(course, picked, tmp_path / edition)
        expected = [d for c in picked for d in c.handouts] if edition == "instructor" else []
        assert edition_problems(tmp_path / edition, edition, expected) == []
    # The check catches an answer key (or any handout) in a student edition, and one missing from an instructor's.
    key = next(d for d in rwanda.handouts if d.endswith(catalog.ANSWER_KEY))
    (tmp_path / "student" / "teaching" / "handouts").mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / "instructor" / f"{key}.md", tmp_path / "student" / f"{key}.md")
    assert edition_problems(tmp_path / "student", "student", []) == [
        "student edition stages handouts ['rwanda-answer-key']"
    ]
    (tmp_path / "instructor" / f"{key}.md").unlink()
    assert edition_problems(tmp_path / "instructor", "instructor", expected) != []


def edition_problems(source: Path, edition: str, expected: list[str]) -> list[str]:
    """A staged course's handouts (files and _toc.yml entries) against those its edition should have."""
    staged = sorted(p.stem for p in source.rglob("teaching/handouts/*.md"))
    found = [] if staged == sorted(Path(d).name for d in expected) else [f"{edition} edition stages handouts {staged}"]
    toc = (source / "_toc.yml").read_text()
    keys = [d for d in expected if d.endswith(catalog.ANSWER_KEY)]
    if edition == "student" and catalog.ANSWER_KEY in toc:
        found.append("the student edition's _toc.yml lists an answer key")
    return found + [f"_toc.yml lacks {d}" for d in keys if d not in toc]


# --- on the built site --------------------------------------------------------------------------------


def test_the_built_guide_links_its_handouts_its_pack_and_names_its_pre_reading(site):
    page = (site / "teaching" / "rwanda.html").read_text()
    rwanda = next(c for c in GUIDES if c.slug == "rwanda")
    for doc in rwanda.handouts:
        assert f'href="handouts/{Path(doc).name}.html"' in page, f"the guide does not link {doc}"
        assert (site / f"{doc}.html").is_file()
    assert 'href="../_static/packs/never-again-rwanda.zip"' in page
    core = teaching.core_path(ROOT / "chapters" / "rwanda.ipynb")
    text = strip_tags(page).replace("’", "'")
    assert f"{core.minutes} minutes' reading" in text and all(f"“{t}”" in text for t in core.sections[:2])


def test_the_built_index_lists_each_lesson_and_sessions_that_fit(site):
    page = (site / "teaching" / "index.html").read_text()
    text = strip_tags(page)
    assert text.index("Teach a lesson tomorrow") < text.index("Session plans") < text.index("Building a course")
    assert 'href="handouts/rwanda-answer-key.html"' in page
    sessions = re.findall(r"\(guide\): (.*?): (\d+) minutes", text)
    assert len(sessions) == len(GUIDES), sessions
    for steps, total in sessions:
        minutes = [int(m) for m in re.findall(r"\((\d+)\)", steps)]
        assert sum(minutes) == int(total) <= teaching.LIMIT, (steps, total)


@pytest.mark.slow
def test_every_handout_prints_on_its_own_sheets_and_goes_into_its_pack(site, tmp_path):
    """The PDF command prints each handout (on a copy of the site, so that the other tests' PDFs stay), and
    the text read back from each PDF is the handout's, without the site around it."""
    copy = Path(shutil.copytree(site, tmp_path / "html", ignore=shutil.ignore_patterns("_pdf")))
    docs = [d for c in GUIDES for d in (c.guide, *c.handouts) if c.handouts]
    print_pages(copy, docs, timeout=900)
    for doc in docs:
        first = first_page_text(copy / "_pdf" / f"{doc}.pdf")
        _pages, text = pdf_text(copy / "_pdf" / f"{doc}.pdf")
        text = text.replace("’", "'")
        title = page_title(copy, doc)
        assert first.startswith(title), f"{doc}.pdf: page 1 does not open on the title {title!r}: {first[:80]!r}"
        for chrome in ("Skip to main content", "Back to top", "Ctrl+K", "previous", "A handout of the"):
            assert chrome not in text, f"{doc}.pdf prints {chrome!r}"
        if doc.endswith("role-cards"):
            for card in cards((ROOT / f"{doc}.md").read_text()):
                assert card.split(" (")[0] in text, f"{doc}.pdf lacks the card {card!r}"
        if doc.endswith(catalog.ANSWER_KEY):
            assert "For the instructor only" in text
        if doc.endswith("worksheet"):
            assert "Name:" in first and "Part C" in text
    with zipfile.ZipFile(copy / "_static" / "packs" / "never-again-rwanda.zip") as zf:
        names = zf.namelist()
    for doc in docs:
        if "rwanda" in doc:
            assert f"never-again-rwanda/{doc}.pdf" in names, f"the Rwanda pack lacks {doc}.pdf"


def test_a_guide_that_runs_over_is_a_build_warning_at_its_line(caplog):
    """What the Sphinx extension does with a guide as it is read: each problem, a warning at its line
    (the book and every course build with warnings as errors, so the build fails)."""
    text = guide_text("rwanda")
    plan = teaching.core_plan(text)
    longer = text.replace(f"| {plan.steps[0].minutes} | **", f"| {plan.steps[0].minutes + 5} | **", 1)
    with caplog.at_level("WARNING"):
        teaching.check_guide(None, "teaching/rwanda", [text])
        assert not caplog.records, "the guide as it is raises no warning"
        teaching.check_guide(None, "teaching/rwanda", [longer])
        teaching.check_guide(None, "teaching/handouts/rwanda-worksheet", [longer])  # not a guide: not checked
    (record,) = caplog.records
    assert "add up to 55 minutes" in record.getMessage()
    assert record.location == ("teaching/rwanda", plan.line)
