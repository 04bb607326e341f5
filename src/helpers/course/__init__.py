"""Courses from the book: pick chapters, an edition and a title; build them in one command.

``python -m helpers.course list`` names the chapters; ``python -m helpers.course build --chapters
convention,rwanda,car --edition student --title "..." --out _build/course`` (or ``--file course.yml``)
builds a course with warnings as errors; ``python -m helpers.course pack rwanda --out DIR`` writes one
chapter's pack (see :mod:`helpers.packs`).
"""

from helpers.course.catalog import Chapter, chapters
from helpers.course.spec import EDITIONS, Course, CourseError, load

__all__ = ["EDITIONS", "Chapter", "Course", "CourseError", "chapters", "load"]
