"""The book's table of contents (``_toc.yml``, Jupyter Book 1 format), read in one place.

Used by the PDF command (pages in reading order), the course command (the chapters of a part) and the
tests (every document of the book).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


def _files(entries) -> list[str]:
    files = []
    for entry in entries or []:
        if "file" in entry:
            files.append(re.sub(r"\.(ipynb|md)$", "", entry["file"]))
        files += _files(entry.get("chapters")) + _files(entry.get("sections"))
    return files


def read(toc: Path) -> dict:
    return yaml.safe_load(Path(toc).read_text(encoding="utf-8"))


def documents(toc: Path) -> list[str]:
    """Every document of the table of contents, in reading order (paths without suffix), root first."""
    data = read(toc)
    docs = [data["root"]]
    for part in data.get("parts", []):
        docs += _files(part.get("chapters"))
    return docs + _files(data.get("chapters"))


def part(toc: Path, caption: str) -> list[str]:
    """The documents of the part with this caption, in order (empty if the book has no such part)."""
    for entry in read(toc).get("parts", []):
        if entry.get("caption") == caption:
            return _files(entry.get("chapters"))
    return []
