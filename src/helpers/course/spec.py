"""A course: which chapters, in which order, which edition, under which title.

The same course can be given on the command line or in a course file (``course.yml``) that an
instructor commits in a fork, so that the course rebuilds identically.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.course.catalog import ROOT, Chapter, chapters

EDITIONS = ("student", "instructor")
KEYS = ("title", "edition", "chapters", "core", "jupyterhub", "out")


class CourseError(ValueError):
    """A course that cannot be built: the message says what is wrong and what was expected."""


@dataclass
class Course:
    chapters: list[str]
    title: str = "Never Again, Again? A course"
    edition: str = "student"
    core: bool = False  # only each chapter's core sections (helpers.course.core)
    jupyterhub: str = ""  # a JupyterHub with nbgitpuller, e.g. https://hub.example.edu ("" = Binder only)
    out: str = "_build/course"
    root: Path = field(default=ROOT, repr=False, compare=False)

    def check(self) -> list[Chapter]:
        """The chosen chapters, in the given order; a clear CourseError for anything wrong."""
        available = {c.slug: c for c in chapters(self.root)}
        if self.edition not in EDITIONS:
            raise CourseError(f"edition {self.edition!r}: expected one of {', '.join(EDITIONS)}")
        if not self.chapters:
            raise CourseError(f"no chapters chosen (expected some of: {', '.join(available)})")
        if not str(self.title).strip():
            raise CourseError("the course has no title (expected a non-empty --title or `title:`)")
        if self.jupyterhub and not self.jupyterhub.startswith(("https://", "http://")):
            raise CourseError(
                f"jupyterhub {self.jupyterhub!r}: expected the hub's address, e.g. https://hub.example.edu"
            )
        problems = []
        for slug in self.chapters:
            if slug not in available:
                close = difflib.get_close_matches(slug, list(available), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(f"unknown chapter {slug!r}{hint}")
        repeated = sorted({s for s in self.chapters if self.chapters.count(s) > 1})
        if repeated:
            problems.append(f"chapters listed twice: {', '.join(repeated)}")
        if problems:
            raise CourseError("; ".join(problems) + f". Available chapters: {', '.join(available)}")
        return [available[s] for s in self.chapters]

    def to_yaml(self) -> str:
        data = {k: v for k, v in asdict(self).items() if k in KEYS}
        return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.to_yaml(), encoding="utf-8")
        return path


HEADER = """\
# A course built from this book. Rebuild it with:  python -m helpers.course build --file THIS_FILE
# title:      the course's title (the site's title and its first page)
# edition:    student (no teaching guides) or instructor (with the teaching guides of these chapters)
# chapters:   chapter names in the order the course takes them (`python -m helpers.course list`)
# core:       true for the core edition: only each chapter's core sections (about 2,500 words each)
# jupyterhub: your JupyterHub's address for launch buttons through nbgitpuller ("" = Binder only)
# out:        the build folder; the site is written to OUT/_build/html
"""


def parse_chapters(text: str) -> list[str]:
    return [s.strip() for s in str(text).split(",") if s.strip()]


def load(path: str | Path, root: Path = ROOT) -> Course:
    """A course file, checked: unknown keys and wrong types are named with the file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"{path}: no such course file") from None
    except yaml.YAMLError as err:
        raise CourseError(f"{path}: not valid YAML ({err})") from None
    if not isinstance(data, dict):
        raise CourseError(f"{path}: expected a mapping with the keys {', '.join(KEYS)}")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise CourseError(f"{path}: unknown key(s) {', '.join(unknown)} (expected {', '.join(KEYS)})")
    chosen = data.get("chapters")
    if isinstance(chosen, str):
        chosen = parse_chapters(chosen)
    if not isinstance(chosen, list) or not all(isinstance(s, str) for s in chosen):
        raise CourseError(f"{path}: chapters: expected a list of chapter names, e.g. [convention, rwanda, car]")
    extra: dict[str, Any] = {k: str(data[k] or "") for k in ("title", "edition", "jupyterhub", "out") if k in data}
    if "edition" in extra and extra["edition"] not in EDITIONS:
        raise CourseError(f"{path}: edition: {extra['edition']!r} (expected one of {', '.join(EDITIONS)})")
    if "core" in data:
        if not isinstance(data["core"], bool):
            raise CourseError(f"{path}: core: {data['core']!r} (expected true or false)")
        extra["core"] = data["core"]
    return Course(chapters=chosen, root=root, **extra)
