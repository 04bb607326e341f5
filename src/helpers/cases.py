"""The book's vocabulary of cases and event categories, read from the data package.

``data/datapackage.json`` is the one place that lists them (the ``case`` and
``category`` enums); ``cases.csv`` names each case. A test ties the three
together, so adding a case or a category is one edit to the schema plus its
row or its colour.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from helpers.datapackage import fields, find_data_dir, read_datapackage, resource

CONVENTION_NAME = "The Convention"  # the Convention's own history has no row in cases.csv


@lru_cache(maxsize=4)
def _enum(table: str, field: str, folder: str) -> tuple[str, ...]:
    package = read_datapackage(find_data_dir(folder))
    return tuple(fields(resource(package, table, folder))[field]["constraints"]["enum"])


def _folder(data_dir: Any = None) -> str:
    return str(find_data_dir(data_dir))


def cases(data_dir: Any = None) -> tuple[str, ...]:
    """Every case's slug, in the book's order: convention, cambodia, rwanda, darfur, car."""
    return _enum("events", "case", _folder(data_dir))


def categories(data_dir: Any = None) -> tuple[str, ...]:
    """Every event category, in the schema's order."""
    return _enum("events", "category", _folder(data_dir))


def names(data_dir: Any = None) -> dict[str, str]:
    """Each case's name as the book gives it (from cases.csv)."""
    import csv

    folder = find_data_dir(data_dir)
    with open(folder / "cases.csv", newline="", encoding="utf-8") as fh:
        named = {row["case"]: row["name"] for row in csv.DictReader(fh)}
    return {case: named.get(case, CONVENTION_NAME if case == "convention" else case) for case in cases(folder)}


def studied(data_dir: Any = None) -> tuple[str, ...]:
    """The cases the book studies: every case but the Convention's own history, in the book's order."""
    return tuple(c for c in cases(data_dir) if c != "convention")


def check_case(case: Any, known: Any = None) -> str:
    """``case`` if it is one of the book's cases (or of ``known``); a clear ValueError otherwise."""
    known = tuple(known) if known is not None else cases()
    if not isinstance(case, str) or case not in known:
        raise ValueError(f"unknown case {case!r} (expected one of {', '.join(known)})")
    return case


def check_cases(chosen: Any, known: Any = None) -> list[str]:
    """One case or several (a name or a list), each checked by :func:`check_case`; at least one."""
    chosen = [chosen] if isinstance(chosen, str) else list(chosen)
    if not chosen:
        raise ValueError(f"no cases chosen (expected one or more of {', '.join(known or cases())})")
    return [check_case(c, known) for c in chosen]


def check_categories(chosen: Any, name: str = "categories") -> list[str]:
    """``chosen`` as a list if every entry is a known category; a ValueError naming the others."""
    known = categories()
    bad = [c for c in chosen if c not in known]
    if bad:
        raise ValueError(f"{name}: unknown categories {bad} (expected some of {', '.join(known)})")
    return list(chosen)


def __getattr__(name: str) -> Any:
    # CASES, CATEGORIES and CASE_NAMES read as constants, looked up when first used.
    lookup = {"CASES": cases, "CATEGORIES": categories, "CASE_NAMES": names}
    if name in lookup:
        return lookup[name]()
    raise AttributeError(f"module 'helpers.cases' has no attribute {name!r}")
