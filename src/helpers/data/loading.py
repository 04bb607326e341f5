"""Loading a table as a validated, typed DataFrame."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.validation import validate
from helpers.datapackage import DATAPACKAGE, DataError, bibliography_path, find_data_dir, read_datapackage, resource
from helpers.dates import parse_date

DTYPES = {"integer": "Int64", "number": "Float64"}  # everything else is text


# What a date column adds (dates stay as the source gives them): its precision, and the first
# and last day it can mean, under these names (None: not added).
SPAN_COLUMNS = {
    "date": ("date_precision", "start", "date_last"),
    "end_date": ("end_date_precision", None, "end"),
}


def _add_spans(frame: pd.DataFrame, column: str) -> None:
    spans = frame[column].map(lambda v: parse_date(v) if isinstance(v, str) else None)
    precision, first, last = SPAN_COLUMNS[column]
    frame[precision] = spans.map(lambda s: s.precision if s else pd.NA).astype("string")
    for name, part in ((first, "first"), (last, "last")):
        if name:
            frame[name] = spans.map(lambda s, part=part: getattr(s, part) if s else pd.NaT).astype("datetime64[ns]")


# What validation reads besides the data: the toolkit's rules (every module of helpers) and these libraries.
VALIDATION_LIBRARIES = ("frictionless", "pybtex", "pandas")


def _signature(folders: tuple[Path, ...], bib: Path) -> tuple:
    """Every file validation reads, with its size and time: a cheap test that none changed."""
    files = [p for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file()]
    stats = [(p, p.stat()) for p in [*files, bib] if p.exists()]
    return tuple((str(p), st.st_mtime_ns, st.st_size) for p, st in stats)


@lru_cache(maxsize=16)
def _inputs(data_dir: Path, bib: Path, signature: tuple) -> str:
    """A digest of what a table's validation depends on: the data files, the bibliography, the toolkit's
    source and the validating libraries' versions."""
    from importlib import metadata

    from helpers import freshness
    from helpers.cache import digest

    versions = []
    for name in VALIDATION_LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    bib_text = bib.read_text(encoding="utf-8") if bib.exists() else ""
    return digest(freshness.fingerprint(freshness.toolkit_folder(), data_dir), bib_text, versions)


def _check(data_dir: Path, table: str, bib: Path) -> None:
    """Raise :class:`DataError` naming every problem of ``table``. A table found valid on this machine with the
    same files, toolkit and libraries (kept in the machine's cache, :mod:`helpers.cache`) is not validated
    again: every kernel of the book loads the same tables, and Frictionless and the bibliography cost each
    about a second to start. A table with problems is always validated, so its errors are always fresh."""
    from helpers.cache import kept
    from helpers.freshness import toolkit_folder

    key = _inputs(data_dir, bib, _signature((data_dir, toolkit_folder()), bib))
    problems: list = []

    def validated() -> bytes | None:
        problems.extend(validate(data_dir, [table]))
        return None if problems else b"valid\n"

    kept(f"validated/{key}-{table}", validated)
    if problems:
        raise DataError(problems)


@lru_cache(maxsize=64)
def _load_cached(data_dir: Path, table: str, stamp: tuple) -> pd.DataFrame:
    package = read_datapackage(data_dir)
    entry = resource(package, table, data_dir)
    _check(data_dir, table, bibliography_path(data_dir, package))
    dtypes = {f["name"]: DTYPES.get(f["type"], "string") for f in entry["schema"]["fields"]}
    numeric_blanks = {name: [""] for name, dtype in dtypes.items() if dtype != "string"}
    frame = pd.read_csv(data_dir / entry["path"], dtype=dtypes, keep_default_na=False, na_values=numeric_blanks)
    for name, dtype in dtypes.items():
        if dtype == "string":
            frame[name] = frame[name].replace("", pd.NA)
    for column in SPAN_COLUMNS:
        if column in frame:
            _add_spans(frame, column)
    return frame


def load(table: str, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """One table as a validated, typed DataFrame.

    Text columns are pandas strings, counts are nullable integers. Dates stay
    as the source gives them (``date``), with ``date_precision`` (``day``,
    ``month`` or ``year``), ``start`` (the first day the date can mean) and
    ``date_last`` (its last day); an ``end_date`` adds ``end`` (its last
    day). Raises :class:`DataError` naming every problem if the table does not
    validate, and ``KeyError`` for an unknown table.
    """
    folder = find_data_dir(data_dir)
    package = read_datapackage(folder)
    entry = resource(package, table, folder)
    files = [folder / DATAPACKAGE, folder / entry["path"], bibliography_path(folder, package)]
    stamp = tuple((str(f), f.stat().st_mtime_ns if f.exists() else 0) for f in files)
    return _load_cached(folder, table, stamp).copy()


def tagged(events: pd.DataFrame, key: str) -> pd.DataFrame:
    """The events carrying a tag ``key:value``, with the value in a new column named ``key``.

    ``tagged(events, "word")`` gives the statements tagged ``word:used``,
    ``word:avoided`` or ``word:hedged``, with a ``word`` column.
    """
    if "tags" not in events:
        raise ValueError("this table has no tags column (expected the events table)")

    def value(tags: Any) -> str | None:
        return next((t.split(":", 1)[1] for t in str(tags).split(";") if t.startswith(key + ":")), None)

    values = events["tags"].fillna("").map(value)
    out = events[values.notna()].copy()
    out[key] = values[values.notna()]
    return out


def describe(data_dir: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """Per table: name, title, description, file, rows, and its fields."""
    folder = find_data_dir(data_dir)
    return [
        {
            "name": entry["name"],
            "title": entry.get("title", entry["name"]),
            "description": entry.get("description", ""),
            "path": entry["path"],
            "rows": len(load(entry["name"], folder)),
            "fields": entry["schema"]["fields"],
        }
        for entry in read_datapackage(folder)["resources"]
    ]
