"""The course command: ``python -m helpers.course list|build|pack`` (``--help`` for each)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from helpers.course.catalog import ROOT, chapters
from helpers.course.spec import EDITIONS, Course, CourseError, load, parse_chapters


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers.course", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="print each chapter with its title and a one-line summary")
    b = sub.add_parser("build", help="build a course (warnings are errors)")
    b.add_argument("--file", help="a course file (course.yml); the options below override its values")
    b.add_argument("--chapters", help="chapter names in order, comma-separated, e.g. convention,rwanda,car")
    b.add_argument("--edition", choices=EDITIONS, help="student (no teaching guides) or instructor")
    b.add_argument("--title", help="the course's title")
    b.add_argument(
        "--core",
        action="store_true",
        default=None,
        help="the core edition: only each chapter's core sections (about 2,500 words a chapter)",
    )
    b.add_argument("--out", help="build folder (default _build/course); the site goes to OUT/_build/html")
    b.add_argument("--jupyterhub", help="a JupyterHub address for nbgitpuller launch buttons")
    b.add_argument("--cache", help="a Jupyter cache to reuse (default: the book's _build/.jupyter_cache)")
    b.add_argument("--save", help="also write the course to this course file, to commit and rebuild later")
    k = sub.add_parser(
        "pack",
        help="write one chapter's pack (a zip that runs on its own, with the chapter's teaching guide and handouts, "
        "and their PDFs if `python3 -m helpers.pdf _build/html` has printed them)",
    )
    k.add_argument("chapter", help="a chapter name (see `list`)")
    k.add_argument("--out", default=".", help="folder for the zip (default: here)")
    return p


def course_from(args: argparse.Namespace) -> Course:
    course = load(args.file) if args.file else Course(chapters=[])
    if args.chapters is not None:
        course.chapters = parse_chapters(args.chapters)
    for key in ("edition", "title", "out", "jupyterhub", "core"):
        if getattr(args, key) is not None:
            setattr(course, key, getattr(args, key))
    return course


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "list":
            for c in chapters(ROOT):
                print(f"{c.slug:<12} {c.title}: {c.summary}")
            return 0
        if args.command == "pack":
            from helpers import packs

            slugs = [c.slug for c in chapters(ROOT)]
            if args.chapter not in slugs:
                Course(chapters=[args.chapter]).check()  # raises with the names and a "did you mean"
            printed = ROOT / "_build" / "html" / "_pdf"  # the PDF command's output, if it has run on the book
            print(packs.make_pack(ROOT, args.chapter, Path(args.out), pdfs=printed if printed.is_dir() else None))
            return 0
        from helpers.course.build import build

        course = course_from(args)
        course.check()
        if args.save:
            print(f"course file written: {course.save(args.save)}")
        started = time.monotonic()
        html = build(course, cache=Path(args.cache) if args.cache else None)
        kind = f"{course.edition} edition{' (core sections)' if course.core else ''}"
        print(f"built {kind} of {course.title!r} in {time.monotonic() - started:.0f} s: {html}")
        return 0
    except CourseError as err:
        print(f"helpers.course: {err}", file=sys.stderr)
        return 1
    except RuntimeError as err:
        print(f"helpers.course: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
