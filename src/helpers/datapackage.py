"""The book's data package: finding its folder, reading ``datapackage.json``, and the located
problems every check reports (:class:`Problem`, raised together as a :class:`DataError`).

It imports nothing from the toolkit (only the standard library), so that the vocabulary modules
(:mod:`helpers.cases`, :mod:`helpers.sources`) can read the package without loading the data
layer's validator and loader.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATAPACKAGE = "datapackage.json"


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one file, printed as ``FILE:ROW: FIELD: problem (expected ...)``."""

    file: str
    row: int | None
    field: str | None
    problem: str
    expected: str = ""

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = f"{self.field}: {self.problem}" if self.field else self.problem
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {what}{tail}"


class DataError(ValueError):
    """Raised when data do not validate; ``problems`` lists every one found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def _render_traceback_(self) -> list[str]:
        # In Jupyter, show the located problems rather than the toolkit's internals.
        return [
            f"DataError: the book's data do not validate ({len(self.problems)} problem(s)):",
            *map(str, self.problems),
        ]


def find_data_dir(start: str | os.PathLike | None = None) -> Path:
    """The folder holding ``datapackage.json``.

    Looks at ``start`` if given, else ``$BOOK_DATA_DIR``, then at ``data/`` in
    the current folder and each folder above it (so a chapter run from
    ``chapters/`` finds it), then beside the installed package (an editable
    install from a clone).
    """
    if start is None and os.environ.get("BOOK_DATA_DIR"):
        start = os.environ["BOOK_DATA_DIR"]
    if start is not None:
        path = Path(start)
        if (path / DATAPACKAGE).is_file():
            return path.resolve()
        raise FileNotFoundError(f"{path}: no {DATAPACKAGE} there (expected the book's data folder)")
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / DATAPACKAGE).is_file():
            return folder / "data"
    beside = Path(__file__).resolve().parents[2] / "data"
    if (beside / DATAPACKAGE).is_file():
        return beside
    raise FileNotFoundError(
        f"Could not find the book's data: no data/{DATAPACKAGE} in {here} or any folder above it. "
        "Run from inside a clone of the book, or set BOOK_DATA_DIR."
    )


def read_datapackage(data_dir: Path) -> dict[str, Any]:
    path = Path(data_dir) / DATAPACKAGE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            [Problem(path.name, exc.lineno, None, f"not valid JSON: {exc.msg}", "a JSON data package")]
        ) from exc


def resource(package: dict[str, Any], table: str, data_dir: Path) -> dict[str, Any]:
    """The data package's description of ``table``; a KeyError naming the tables there are."""
    for entry in package["resources"]:
        if entry["name"] == table:
            return entry
    names = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"unknown table {table!r} in {Path(data_dir) / DATAPACKAGE} (expected one of {names})")


def fields(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A resource's fields by name."""
    return {f["name"]: f for f in entry["schema"]["fields"]}


def bibliography_path(data_dir: Path, package: dict[str, Any] | None = None) -> Path:
    package = package if package is not None else read_datapackage(data_dir)
    return (Path(data_dir) / package.get("bibliography", "../references.bib")).resolve()


def table_names(data_dir: str | os.PathLike | None = None) -> list[str]:
    return [r["name"] for r in read_datapackage(find_data_dir(data_dir))["resources"]]
