"""The book's sourced data: load, validate and describe the tables in ``data/``.

Every table is a CSV file described by a Frictionless Table Schema in
``data/datapackage.json``. Validation (:mod:`helpers.data.validation`) uses
the Frictionless library for the schema and adds the book's own rules: real
calendar dates, sources that are keys of ``references.bib``, ``low <= high``,
no HTML markup in text, and ids that exist where another table names them.
Every problem is reported, one per line, as::

    FILE:ROW: FIELD: problem (expected ...)

where ROW is the line of the CSV file (the header is line 1). From the
command line, ``python -m helpers.data validate [DIR]`` exits 0 with a
one-line summary on clean data, and 1 with every problem.
"""

from __future__ import annotations

import os
from typing import Any

from helpers import sources
from helpers.data.cli import main
from helpers.data.loading import describe, load, tagged
from helpers.data.package import DATAPACKAGE, bibliography_path, find_data_dir, read_datapackage, table_names
from helpers.data.problems import DataError, Problem
from helpers.data.validation import is_date_field, validate
from helpers.dates import parse_date

__all__ = [
    "DATAPACKAGE",
    "DataError",
    "Problem",
    "appendix_markdown",
    "bib_keys",
    "bibliography_path",
    "check_case",
    "describe",
    "find_data_dir",
    "is_date_field",
    "load",
    "main",
    "parse_date",
    "quote",
    "read_datapackage",
    "short_cite",
    "table_names",
    "tagged",
    "validate",
]  # fmt: skip


def bib_keys(path: os.PathLike) -> set[str]:
    """The entry keys of a BibTeX file."""
    return sources.keys(path)


def short_cite(key: str, data_dir: str | os.PathLike | None = None) -> str:
    """A bibliography key as people read it: "Maddox 2015", "Des Forges 1999"."""
    return sources.short_cite(key, bibliography_path(find_data_dir(data_dir)))


def quote(quote_id: str, data_dir: str | os.PathLike | None = None) -> Any:
    """A row of ``quotes`` as an attributed, cited block quote (see :func:`helpers.text.quote`)."""
    from helpers import text  # page writing lives in helpers.text, which builds on this package

    return text.quote(quote_id, data_dir)


def appendix_markdown(data_dir: str | os.PathLike | None = None, link_prefix: str = "../data/") -> str:
    """The Data appendix as MyST Markdown (see :func:`helpers.text.appendix_markdown`)."""
    from helpers import text

    return text.appendix_markdown(data_dir, link_prefix)


def __getattr__(name: str) -> Any:
    # The case vocabulary, read from the data package (see helpers.cases).
    if name in ("CASES", "CASE_NAMES", "CATEGORIES", "check_case"):
        from helpers import cases

        return getattr(cases, name)
    raise AttributeError(f"module 'helpers.data' has no attribute {name!r}")
