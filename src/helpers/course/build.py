"""Building a course: a source folder with the chosen files, its table of contents and config, then
Jupyter Book 1 with warnings as errors.

The course's source folder (``OUT/source``) mirrors the book's layout (``chapters/``, ``teaching/``,
``data/``), so launch buttons and chapter packs point at the same paths as in the book. Executed
notebooks come from a Jupyter cache (the book's own ``_build/.jupyter_cache`` if it has been built),
so a course build re-runs no notebook the book has run already.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from helpers.course import core
from helpers.course.catalog import APPENDICES, TEACHING_INDEX, Chapter
from helpers.course.spec import Course

# What every course needs besides its chapters: the appendices' sources, the data, the licences.
SUPPORT = ("references.bib", "references.md", "glossary.md", "requirements.txt", "pyproject.toml", "README.md")
SUPPORT += ("LICENSE", "LICENSE-CONTENT", "runtime.txt")


def toc(course: Course, picked: list[Chapter]) -> dict:
    """The course's table of contents: its index page, the chapters, (guides), appendices."""
    parts = [{"caption": "Chapters", "numbered": True, "chapters": [{"file": c.file} for c in picked]}]
    if course.edition == "instructor":  # each guide with its handouts (the answer key among them) under it
        guides = [{"file": TEACHING_INDEX}] + [guide_entry(c) for c in picked if c.guide]
        parts.append({"caption": "Teaching guides", "numbered": False, "chapters": guides})
    parts.append({"caption": "Appendices", "numbered": False, "chapters": [{"file": f} for f in APPENDICES]})
    return {"format": "jb-book", "root": "index", "parts": parts}


def guide_entry(chapter: Chapter) -> dict:
    entry: dict = {"file": chapter.guide}
    if chapter.handouts:
        entry["sections"] = [{"file": h} for h in chapter.handouts]
    return entry


def config(course: Course) -> dict:
    """The book's _config.yml with the course's overlay: title and launch buttons."""
    base = yaml.safe_load((course.root / "_config.yml").read_text(encoding="utf-8"))
    conf = copy.deepcopy(base)
    conf["title"] = course.title
    launch = conf.setdefault("launch_buttons", {})
    if course.jupyterhub:
        launch["jupyterhub_url"] = course.jupyterhub.rstrip("/")
    if course.core:  # the site leaves out the code cells of non-core sections (helpers.site.core)
        conf.setdefault("sphinx", {}).setdefault("config", {})["book_core_only"] = True
    return conf


def index_page(course: Course, picked: list[Chapter]) -> str:
    lines = [
        f"# {course.title}",
        "",
        "```{admonition} Content note",
        ":class: warning",
        "This course is about genocide. Each chapter opens with its own content note. There are no",
        "photographs of victims and no graphic images. Take breaks when you need them.",
        "```",
        "",
        "This course is an edition of the open textbook *Never Again, Again? An interactive textbook on the",
        "Genocide Convention*, built on Kelly Maddox's 2015 article {cite}`maddox2015`. It takes these",
        "chapters, in this order:",
        "",
    ]
    lines += [f"1. {{doc}}`{c.file}`: {c.summary}" for c in picked]
    lines += [
        "",
        "The appendices hold the {doc}`glossary`, the {doc}`references` and the {doc}`chapters/data-appendix`.",
    ]
    if course.core:
        lines += [
            "",
            "This is the **core edition**: each chapter keeps the sections that carry its argument, about",
            "2,500 words, with the figures they discuss. The full chapters are in the book.",
        ]
    if course.edition == "instructor":
        lines += [
            "",
            "This is the **instructor edition**: {doc}`teaching/index` and the teaching guides of these chapters,",
            "with their printable handouts (answer keys among them), come after the chapters.",
        ]
    lines += [
        "",
        "Text and figures are licensed CC BY 4.0, code MIT: credit the book, and the sources its data name.",
        "",
    ]
    return "\n".join(lines)


def stage(course: Course, picked: list[Chapter], source: Path) -> None:
    """Write the course's source folder (replacing an older one)."""
    root = course.root
    if source.exists():
        shutil.rmtree(source)
    (source / "chapters").mkdir(parents=True)
    files = [f"{c.file}.ipynb" for c in picked] + [f"{a}.ipynb" for a in APPENDICES if (root / f"{a}.ipynb").exists()]
    files += [f"{a}.md" for a in APPENDICES if (root / f"{a}.md").exists()]
    if course.edition == "instructor":
        files += [f"{TEACHING_INDEX}.md"] + [f"{c.guide}.md" for c in picked if c.guide]
        files += [f"{h}.md" for c in picked for h in c.handouts]
    files += [name for name in SUPPORT if (root / name).exists()]
    chapters = {f"{c.file}.ipynb" for c in picked}
    staged = {name.rsplit(".", 1)[0] for name in files}
    for name in dict.fromkeys(files):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        if name in chapters:
            notebook = json.loads((root / name).read_text(encoding="utf-8"))
            notebook = core.core_notebook(notebook) if course.core else notebook
            notebook, unlinked = without_links_to_missing_chapters(notebook, name, staged, root)
            if course.core or unlinked:
                (source / name).write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                continue
        shutil.copy2(root / name, source / name)
    shutil.copytree(root / "data", source / "data", ignore=shutil.ignore_patterns("__pycache__"))
    (source / "index.md").write_text(index_page(course, picked), encoding="utf-8")
    (source / "_toc.yml").write_text(yaml.safe_dump(toc(course, picked), sort_keys=False), encoding="utf-8")
    (source / "_config.yml").write_text(
        yaml.safe_dump(config(course), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    (source / "course.yml").write_text(course.to_yaml(), encoding="utf-8")


DOC_ROLE = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<)?([^`<>]+)>?`")


def without_links_to_missing_chapters(notebook: dict, name: str, staged: set[str], root: Path) -> tuple[dict, int]:
    """``notebook`` with each {doc} link to a page the course leaves out replaced by that page's title in
    words (the conclusion names the CAR chapter, which a course may not take). Returns the count replaced."""
    from helpers.course.catalog import notebook_title

    here = posixpath.dirname(name)
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        text, target = match.group(1), match.group(2).strip()
        doc = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(here, target))
        if doc in staged or not (root / f"{doc}.ipynb").exists():
            return match.group(0)
        count += 1
        return f"*{text.strip() if text else notebook_title(root / f'{doc}.ipynb')}*"

    out = copy.deepcopy(notebook)
    for cell in out["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = DOC_ROLE.sub(replace, source)
    return out, count


def seed_cache(out: Path, cache: Path | None) -> Path | None:
    """Copy an execution cache into the course's build folder, unless it has one already."""
    target = out / "_build" / ".jupyter_cache"
    if cache is None or not Path(cache).is_dir() or target.exists():
        return None
    shutil.copytree(cache, target)
    return target


def command(source: Path, out: Path) -> list[str]:
    """Jupyter Book 1's own build, warnings as errors."""
    jb = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    return [
        *jb,
        "build",
        str(source),
        "--toc",
        str(source / "_toc.yml"),
        "--config",
        str(source / "_config.yml"),
        "--path-output",
        str(out),
        "--warningiserror",
        "--keep-going",
    ]


def build(course: Course, cache: Path | None = None, quiet: bool = False) -> Path:
    """Check, stage and build the course; returns the html folder. Raises CourseError before writing
    anything if the course is wrong, and RuntimeError (with the log's tail) if the build fails."""
    picked = course.check()
    out = Path(course.out)
    if not out.is_absolute():
        out = course.root / out
    source = out / "source"
    stage(course, picked, source)
    seed_cache(out, cache if cache is not None else course.root / "_build" / ".jupyter_cache")
    html = out / "_build" / "html"
    if html.exists():  # Sphinx never deletes a page: an earlier edition's guides must not linger
        shutil.rmtree(html)
    run = subprocess.run(command(source, out), capture_output=True, text=True)
    log = run.stdout + run.stderr
    (out / "build.log").write_text(log, encoding="utf-8")
    if not quiet:
        print(log[-2000:] if run.returncode else "", end="")
    if run.returncode != 0 or not (html / "index.html").exists():
        raise RuntimeError(
            f"the course did not build cleanly (warnings are errors); log in {out / 'build.log'}:\n{log[-4000:]}"
        )
    return html
