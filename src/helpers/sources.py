"""The book's one bibliography (``references.bib``): its keys, and citations as people read them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=8)
def _entries(path: str, stamp: int) -> dict[str, Any]:
    """The entries of a BibTeX file, parsed with pybtex once per version of the file."""
    from pybtex.database import parse_file

    return dict(parse_file(path).entries)


def entries(path: Path) -> dict[str, Any]:
    path = Path(path)
    return _entries(str(path), path.stat().st_mtime_ns)


def keys(path: Path) -> set[str]:
    """The entry keys of a BibTeX file."""
    return set(entries(path))


def short_cite(key: str, path: Path) -> str:
    """A bibliography key as people read it: "Maddox 2015", "Des Forges 1999"."""
    found = entries(path)
    if key not in found:
        raise KeyError(f"{key!r} is not a key in {Path(path).name} (expected a bibliography key)")
    entry = found[key]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if people:
        name = " ".join(people[0].last_names) or str(people[0])
        if len(people) == 2:
            name += " and " + " ".join(people[1].last_names)
        elif len(people) > 2:
            name += " et al."
    else:
        name = entry.fields.get("institution") or entry.fields.get("organization") or entry.fields.get("title", key)
    name = name.replace("{", "").replace("}", "")
    return f"{name} {entry.fields.get('year', 'n.d.')}"


def citation(source: str, locator: Any = None) -> str:
    """A row's source key and locator as one string: ``maddox2015, n. 72``."""
    return f"{source}, {locator}" if isinstance(locator, str) and locator else str(source)
