"""Courses: one command builds a student or an instructor edition of chosen chapters, with zero warnings.

The fast tests check the command's choices and errors; the build tests (marked `build` by their use of
the session build) build a three-chapter course in both editions through the command line, reusing the
session build's execution cache, and read the built pages.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ROOT
from helpers import course
from helpers.course.__main__ import main

THREE = ["convention", "rwanda", "car"]
HUB = "https://hub.example.edu"


def cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.course", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def cases_part() -> list[str]:
    """The notebooks of _toc.yml's part "The cases", read here without the toolkit."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == "The cases")
    return [Path(c["file"]).name for c in part["chapters"]]


def test_list_prints_every_chapter_of_the_cases_part_with_its_title(capsys):
    assert main(["list"]) == 0  # in this process: a subprocess spends most of its time importing the toolkit
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines] == cases_part()
    for line in lines:
        slug = line.split()[0]
        assert heading(slug) in line, f"{slug}: the notebook's title is not listed: {line}"
        assert line.rstrip().endswith((".", "?", "!")), f"no one-sentence summary: {line}"


def heading(slug: str) -> str:
    """A notebook's first '# ' heading, read with json (not with the toolkit under test)."""
    cells = json.loads((ROOT / "chapters" / f"{slug}.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.search(r"^#\s+(.+)$", text, re.M).group(1).strip()


def test_a_misspelled_chapter_is_named_with_the_available_ones_and_nothing_is_built(tmp_path):
    out = tmp_path / "course"
    run = cli("build", "--chapters", "convention,rwnda,car", "--title", "T", "--out", str(out))
    assert run.returncode == 1
    assert "unknown chapter 'rwnda'" in run.stderr and "did you mean 'rwanda'" in run.stderr
    for slug in cases_part():
        assert slug in run.stderr, f"the error does not list {slug}"
    assert "Traceback" not in run.stderr
    assert not out.exists(), "a misspelled course must build nothing"


def test_a_course_file_round_trips(tmp_path):
    made = course.Course(chapters=THREE, title="Week 3: “Never again”?", edition="instructor", jupyterhub=HUB)
    path = made.save(tmp_path / "course.yml")
    again = course.load(path)
    assert again == made
    assert again.to_yaml() == made.to_yaml()


def test_the_example_course_file_is_documented_and_builds_known_chapters():
    example = ROOT / "course.yml"
    text = example.read_text()
    for key in course.spec.KEYS:
        assert f"# {key}:" in text, f"course.yml does not document `{key}`"
    picked = course.load(example).check()
    assert [c.slug for c in picked] == course.load(example).chapters


def test_a_course_file_with_an_unknown_key_names_it(tmp_path):
    path = tmp_path / "course.yml"
    path.write_text("title: T\nchapters: [rwanda]\neditoin: student\n")
    with pytest.raises(course.CourseError, match=r"course\.yml: unknown key\(s\) editoin"):
        course.load(path)


def test_every_course_command_in_the_docs_names_real_chapters():
    known = set(cases_part())
    docs = {name: (ROOT / name).read_text() for name in ("README.md", "teaching/index.md")}
    found = 0
    for name, text in docs.items():
        for chosen in re.findall(r"--chapters\s+([\w,-]+)", text):
            found += 1
            assert set(chosen.split(",")) <= known, f"{name}: --chapters {chosen} names an unknown chapter"
    assert found >= 4, "the README and the teaching index show the course command"


def test_the_teaching_index_opens_the_teaching_guides_part():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == "Teaching guides")
    assert part["chapters"][0]["file"] == "teaching/index"
    text = (ROOT / "teaching" / "index.md").read_text()
    for section in ("How the book is organised", "One session", "Three sessions", "Six sessions"):
        assert f"# {section}" in text
    assert "{doc}`" not in text, "the index is in every instructor edition: it may not link a chapter it lacks"
    safety = text.split("## Emotional safety")[1].split("\n## ")[0]
    rows = [r.split("|")[1].strip() for r in safety.splitlines() if r.startswith("| ") and "---" not in r]
    for slug in cases_part():
        names = [r.lower().removeprefix("the ") for r in rows[1:]]
        named = [n for n in names if n == slug or n in heading(slug).lower()]
        assert named, f"the teaching index has no emotional-safety row for {slug} ({heading(slug)})"


# --- built courses -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(book_build, tmp_path_factory) -> dict[str, tuple[Path, float, str]]:
    """The same three-chapter course, built as an instructor and then a student edition through the CLI,
    into the same folder (a copy of the instructor's site is kept), so no guide may linger in the second."""
    out = tmp_path_factory.mktemp("course")
    built = {}
    for edition in ("instructor", "student"):
        args = ["build", "--chapters", ",".join(THREE), "--edition", edition, "--title", f"Week 3 ({edition})"]
        args += ["--out", str(out), "--cache", str(book_build / ".jupyter_cache")]
        if edition == "instructor":
            args += ["--jupyterhub", HUB]
        started = time.monotonic()
        run = cli(*args)
        seconds = time.monotonic() - started
        log = (out / "build.log").read_text() if (out / "build.log").exists() else ""
        assert run.returncode == 0, f"the {edition} course did not build cleanly:\n{run.stderr[-4000:]}"
        print(f"{edition} edition built in {seconds:.0f} s")
        html = out / "_build" / "html"
        if edition == "instructor":
            html = Path(shutil.copytree(html, tmp_path_factory.mktemp("instructor") / "html"))
        built[edition] = (html, seconds, log)
    return built


def nav(html: Path) -> str:
    return (html / "index.html").read_text()


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_a_course_builds_in_one_command_without_warnings_or_re_execution(editions, edition):
    html, _seconds, log = editions[edition]
    assert "WARNING" not in log and "ERROR" not in log
    assert "Executing notebook" not in log, "the course re-executed notebooks instead of reusing the cache"
    if edition == "instructor":  # the first build in its folder reads every notebook from the cache
        assert log.count("Using cached notebook") == len(THREE) + 1  # the chapters and the data appendix
    pages = sorted(p.relative_to(html).as_posix() for p in (html / "chapters").glob("*.html"))
    assert pages == sorted(f"chapters/{s}.html" for s in [*THREE, "data-appendix"])
    order = [nav(html).find(f'href="chapters/{s}.html"') for s in THREE]
    assert -1 not in order and order == sorted(order), "the chapters are not in the course's order"
    assert f"Week 3 ({edition})" in nav(html)


def test_the_student_edition_has_no_teaching_guide(editions):
    html = editions["student"][0]
    assert not list(html.rglob("teaching/*.html"))
    assert "teaching/" not in nav(html) and "Teaching guides" not in nav(html)


def test_the_instructor_edition_has_the_guides_of_its_chapters_only(editions):
    html = editions["instructor"][0]
    guides = sorted(p.stem for p in (html / "teaching").glob("*.html"))
    assert guides == sorted(["index", *THREE])
    for page in ("index", *THREE):
        assert f'href="teaching/{page}.html"' in nav(html)
    assert "Teaching guides" in nav(html)


def test_answer_keys_and_handouts_are_in_the_instructor_edition_only(editions):
    """The instructor edition has each guide's handouts under it (the answer key among them), and its packs
    carry them; the student edition has neither, in its pages or in the packs its chapter pages link."""
    import zipfile

    from helpers import packs
    from helpers.course.catalog import ANSWER_KEY, chapters

    handouts = [d for c in chapters(ROOT) if c.slug in THREE for d in c.handouts]
    assert any(d.endswith(ANSWER_KEY) for d in handouts), "a chapter of the course has an answer key"
    for edition, html in (("instructor", editions["instructor"][0]), ("student", editions["student"][0])):
        built = sorted(p.relative_to(html).with_suffix("").as_posix() for p in html.rglob("teaching/handouts/*.html"))
        assert built == (sorted(handouts) if edition == "instructor" else []), f"{edition} edition: {built}"
        for slug in THREE:
            with zipfile.ZipFile(html / "_static" / "packs" / f"{packs.pack_name(slug)}.zip") as zf:
                teaching = [n for n in zf.namelist() if "/teaching/" in n]
            wanted = [d for d in handouts if f"/{slug}-" in d]
            if edition == "student":
                assert teaching == [], f"the student edition's {slug} pack holds {teaching}"
            else:
                assert all(f"{packs.pack_name(slug)}/{d}.md" in teaching for d in wanted), (slug, teaching)
    guide = (editions["instructor"][0] / "teaching" / "rwanda.html").read_text()
    assert 'href="handouts/rwanda-answer-key.html"' in guide


def test_the_jupyterhub_link_carries_repository_branch_and_notebook(editions):
    html = editions["instructor"][0]
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    page = (html / "chapters" / "rwanda.html").read_text()
    links = re.findall(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"', page)
    assert links, "no JupyterHub launch button on the chapter page"
    url = urlsplit(links[0].replace("&amp;", "&"))
    assert f"{url.scheme}://{url.netloc}" == HUB
    query = parse_qs(url.query)
    assert query["repo"] == [config["repository"]["url"]]
    assert query["branch"] == [config["repository"]["branch"]]
    assert query["urlpath"][0].endswith("/chapters/rwanda.ipynb") and query["urlpath"][0].startswith("lab/tree/")
    assert "/hub/user-redirect/" not in (editions["student"][0] / "chapters" / "rwanda.html").read_text()


# --- the core edition ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def core_edition(book_build, tmp_path_factory) -> tuple[Path, str]:
    """The same three chapters as a core edition (--core), through the CLI, from the session build's cache."""
    out = tmp_path_factory.mktemp("core")
    args = ["build", "--chapters", ",".join(THREE), "--core", "--title", "Week 3 (core)", "--out", str(out)]
    run = cli(*args, "--cache", str(book_build / ".jupyter_cache"))
    log = (out / "build.log").read_text() if (out / "build.log").exists() else ""
    assert run.returncode == 0, f"the core edition did not build cleanly:\n{run.stderr[-4000:]}"
    return out / "_build" / "html", log


def test_the_core_edition_builds_with_no_warning_and_runs_no_notebook(core_edition):
    html, log = core_edition
    assert "WARNING" not in log and "ERROR" not in log
    assert "Executing notebook" not in log, "the core edition re-ran notebooks: its code cells must stay unchanged"
    assert "core edition" in (html / "index.html").read_text()


def section_titles(text: str) -> list[str]:
    return [re.sub(r"[^\w]+", " ", t).strip().lower() for t in text]


def notebook_sections(slug: str) -> tuple[set[str], set[str]]:
    """The `##`/`###` headings of a chapter's core cells, and of its other cells the site shows."""
    from helpers.course import core

    cells = json.loads((ROOT / "chapters" / f"{slug}.ipynb").read_text())["cells"]
    kept, other = [], []
    for cell in cells:
        if cell["cell_type"] != "markdown" or not core.on_the_page(cell):
            continue
        source = re.sub(r"^```.*?^```", "", core.source(cell), flags=re.M | re.S)
        found = re.findall(r"^#{2,3} (.+?)\s*$", source, re.M)
        (kept if core.is_core(cell) else other).extend(found)
    return set(section_titles(kept)), set(section_titles(other))


@pytest.mark.parametrize("slug", THREE)
def test_a_chapters_core_edition_has_its_core_sections_and_no_others(core_edition, slug):
    from bs4 import BeautifulSoup

    html, _ = core_edition
    page = BeautifulSoup((html / "chapters" / f"{slug}.html").read_text(), "html.parser")
    article = page.select_one("article.bd-article")
    for link in article.select("a.headerlink"):
        link.decompose()
    shown = set(section_titles(re.sub(r"^[\d.]+\s*", "", h.get_text(" ").strip()) for h in article.select("h2, h3")))
    kept, other = notebook_sections(slug)
    assert kept <= shown, f"{slug}: core sections missing from its core edition: {sorted(kept - shown)}"
    assert not other & shown, f"{slug}: sections outside the core in its core edition: {sorted(other & shown)}"
    assert "in brief" in article.get_text(" ").lower() and "key takeaways" in shown
    for element in article.select("figure, div.cell, details.chart-data, script, style"):
        element.decompose()
    words = len(re.findall(r"[^\W_][\w’'./-]*", article.get_text(" ")))
    assert 2000 <= words <= 3200, f"{slug}: its core edition has {words} words of prose (expected 2,000-3,200)"


def test_a_core_course_file_round_trips(tmp_path):
    made = course.Course(chapters=THREE, title="Core", core=True)
    assert course.load(made.save(tmp_path / "course.yml")).core is True
    bad = tmp_path / "bad.yml"
    bad.write_text("title: T\nchapters: [rwanda]\ncore: maybe\n")
    with pytest.raises(course.CourseError, match=r"core: 'maybe' \(expected true or false\)"):
        course.load(bad)


def test_a_core_notebook_keeps_every_code_cell_as_it_is():
    """The edition's notebooks differ from the book's only in markdown, so the execution cache matches them."""
    from helpers.course import core

    notebook = json.loads((ROOT / "chapters" / "rwanda.ipynb").read_text())
    staged = core.core_notebook(notebook)
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert [c for c in staged["cells"] if c["cell_type"] == "code"] == code
    markdown = [c for c in staged["cells"] if c["cell_type"] == "markdown"]
    assert markdown and all(core.is_core(c) for c in markdown)
    assert len(markdown) < len([c for c in notebook["cells"] if c["cell_type"] == "markdown"])


def test_a_course_without_the_car_names_it_in_words_instead_of_linking_it(tmp_path):
    """The conclusion links forward to the CAR chapter; a course that leaves the CAR out keeps the words and
    drops the link, so it still builds with -W (checked here on the staged source; the code cells are unchanged)."""
    from helpers.course.build import stage

    made = course.Course(chapters=["conclusion"], title="Conclusion only")
    stage(made, made.check(), tmp_path / "source")
    staged = json.loads((tmp_path / "source" / "chapters" / "conclusion.ipynb").read_text())
    text = "\n".join("".join(c["source"]) for c in staged["cells"] if c["cell_type"] == "markdown")
    assert "{doc}`car`" not in text and f"*{heading('car')}*" in text
    original = json.loads((ROOT / "chapters" / "conclusion.ipynb").read_text())
    assert [c for c in staged["cells"] if c["cell_type"] == "code"] == [
        c for c in original["cells"] if c["cell_type"] == "code"
    ]
    with_car = course.Course(chapters=["conclusion", "car"], title="Both")
    stage(with_car, with_car.check(), tmp_path / "both")
    assert "{doc}`car`" in (tmp_path / "both" / "chapters" / "conclusion.ipynb").read_text()
