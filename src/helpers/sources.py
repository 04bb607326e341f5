"""The book's one bibliography (``references.bib``): its keys, and citations as people read them.

A chart's tooltip and data table cite a row's source in a short author-date form
made from its bibliography entry (:func:`short_cite`):

* people: their family names and the year, ``Maddox 2015``, ``Dieng and Welsh 2016``,
  ``Miles et al. 2014``;
* an institution: its name without sub-bodies or glosses (``International Criminal Tribunal
  for Rwanda, Trial Chamber I`` gives ``International Criminal Tribunal for Rwanda``),
  "United Nations" written "UN", and, for a document with a symbol (the entry's
  ``number``), the symbol: ``UN Security Council 1994 (S/1994/470)``;
* an entry's ``shortauthor`` field, if it has one, replaces the name.

:func:`citation` adds the row's locator (``Maddox 2015, n. 81``). On the static site the data
table links each citation to its entry on the bibliography page (:func:`anchor`).
"""

from __future__ import annotations

import re
import warnings
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from helpers.datapackage import bibliography_path, find_data_dir

# The id of a bibliography entry on the bibliography page (sphinxcontrib-bibtex's bibtex_cite_id;
# helpers.site sets it). The data tables link to it.
CITE_ID = "cite-{key}"
_DOCUMENT_TYPES = {"misc", "techreport"}  # their `number` is a document symbol, not an issue


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


@lru_cache(maxsize=1)
def _text_backend() -> Any:
    """pybtex's plain-text backend, looked up once: ``render_as("text")`` resolves it through
    ``importlib.metadata`` on every call (40 ms each, 8.9 s of CPU to label the bibliography)."""
    from pybtex.plugin import find_plugin

    return find_plugin("pybtex.backends", "text")()


@cache
def _entry_points(**params: str) -> tuple[Any, ...]:
    """``importlib.metadata.entry_points(**params)``, scanned once per process for each query."""
    import importlib.metadata

    return tuple(importlib.metadata.entry_points(**params))


def cache_plugin_lookups() -> None:
    """Make pybtex scan the installed packages' entry points once per plugin, not once per lookup.

    pybtex finds a plugin (a backend, a style) by asking ``importlib.metadata`` for the entry points of its
    group and name, which reads the metadata of every installed package (about 25 ms), each time:
    sphinxcontrib-bibtex looks a backend up for every citation it resolves (3,672 lookups, 48 s of a 146 s
    build of the book). What is installed does not change while a process runs, so each query's answer is
    kept. Plugins registered at run time (:func:`pybtex.plugin.register_plugin`) still come first.
    """
    import pybtex.plugin

    pybtex.plugin.entry_points = _entry_points


def _plain(latex: str) -> str:
    """BibTeX text as people read it: accents decoded, braces gone."""
    from pybtex.richtext import Text

    return Text.from_latex(latex).render(_text_backend()).strip()


def _institution(name: str) -> str:
    """``United Nations Security Council`` -> ``UN Security Council``; sub-bodies and glosses dropped."""
    name = re.sub(r"\s*\([^)]*\)", "", name).split(",")[0].strip()
    return re.sub(r"\bUnited Nations\b", "UN", name)


def _is_institution(entry: Any) -> bool:
    """``{{United Nations}}``: one braced "last name" and nothing else is an institution, not a person."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if len(people) != 1:
        return False
    first = people[0]
    return not first.first_names and len(first.last_names) == 1 and first.last_names[0][0] == "{"


def _names(entry: Any) -> str:
    if "shortauthor" in entry.fields:
        return _plain(entry.fields["shortauthor"])
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        return _institution(_plain(entry.fields.get("institution") or entry.fields.get("title", "")))
    if _is_institution(entry):
        return _institution(_plain(people[0].last_names[0]))
    surnames = [_plain(" ".join(p.prelast_names + p.last_names)) for p in people]
    if len(surnames) == 1:
        return surnames[0]
    return " and ".join(surnames) if len(surnames) == 2 else surnames[0] + " et al."


def short_cite(key: str, path: Path) -> str:
    """A bibliography key as people read it: "Maddox 2015", "UN Security Council 1994 (S/1994/470)"."""
    path = Path(path)
    labels = _labels(str(path), path.stat().st_mtime_ns)
    if key not in labels:
        raise KeyError(f"{key!r} is not a key in {path.name} (expected a bibliography key)")
    return labels[key]


def _parts(entry: Any) -> tuple[str, str, str]:
    """An entry's name, year and document symbol (``""`` if it has none), as people read them."""
    symbol = _plain(entry.fields.get("number", "")) if entry.type.lower() in _DOCUMENT_TYPES else ""
    year = entry.fields.get("year", "n.d.")
    # S/RES/918 (1994) cited in 1994: the year is said once.
    symbol = re.sub(rf"\s*\({re.escape(year)}\)$", "", symbol)
    return _names(entry), year, symbol


def _told_apart(forms: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """``(name, year[letter]suffix)`` for each key: forms that would read alike get a letter after the
    year, in the order of their keys (Reuters 1994a, Reuters 1994b)."""
    seen: dict[tuple[str, str, str], list[str]] = {}
    for key in sorted(forms):
        seen.setdefault(forms[key], []).append(key)
    labels = {}
    for (names, year, suffix), alike in seen.items():
        for i, key in enumerate(alike):
            letter = "abcdefghijklmnopqrstuvwxyz"[i] if len(alike) > 1 else ""
            labels[key] = (names, f"{year}{letter}{suffix}")
    return labels


def _joined(parts: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {key: f"{names} {when}".strip() for key, (names, when) in parts.items()}


@lru_cache(maxsize=8)
def _labels(path: str, stamp: int) -> dict[str, str]:
    """Every entry's short form (:func:`short_cite`)."""
    forms = {}
    for key, entry in _entries(path, stamp).items():
        names, year, symbol = _parts(entry)
        forms[key] = (names, year, f" ({symbol})" if symbol else "")
    return _joined(_told_apart(forms))


@lru_cache(maxsize=8)
def _compact(path: str, stamp: int) -> dict[str, tuple[str, str]]:
    """Every entry's label in the prose (:func:`label`), as (who, when)."""
    return _compact_parts(_entries(path, stamp))


def compact_labels(entries: dict[str, Any]) -> dict[str, str]:
    """The prose labels (:func:`label`) of pybtex ``entries`` (key -> entry), told apart among themselves."""
    return _joined(_compact_parts(entries))


def _compact_parts(entries: dict[str, Any]) -> dict[str, tuple[str, str]]:
    forms = {}
    for key, entry in entries.items():
        names, year, symbol = _parts(entry)
        person = bool(entry.persons.get("author") or entry.persons.get("editor")) and not _is_institution(entry)
        if "shorthand" in entry.fields:  # BibLaTeX's field for a label chosen by hand
            forms[key] = (_plain(entry.fields["shorthand"]), "", "")
        elif symbol and not person:
            # A UN document is cited by its symbol, as historians cite it: S/RES/918 (1994).
            forms[key] = (symbol, "" if year in symbol else f"({year})", "")
        else:
            forms[key] = (names, year, "")
    return _told_apart(forms)


def label(key: str, path: Path | None = None) -> str:
    """A bibliography key as the prose cites it, in as few characters as stay readable: a person's or
    an institution's short name and the year (``Maddox 2015``, ``ICJ 2007``), or a UN document's symbol
    and year (``S/RES/918 (1994)``). The site's citations and the bibliography page show these labels
    (:mod:`helpers.site.citations`). A long institutional name is shortened with the entry's ``shortauthor``
    (which the data tables' short citations use too); an entry's ``shorthand`` replaces the whole label."""
    path = Path(path) if path is not None else book_bibliography()
    if path is None:
        raise KeyError(f"{key!r}: no references.bib found (expected the book's bibliography)")
    who, when = cite_parts(key, path)
    return f"{who} {when}".strip()


def cite_parts(key: str, path: Path | None = None) -> tuple[str, str]:
    """A key's prose label (:func:`label`) in its two parts, who and when: ``("Maddox", "2015")``,
    ``("S/RES/918", "(1994)")``; JupyterLab's copy of a chapter writes its citations with them
    (:mod:`helpers.lab`), as the site shows them."""
    path = Path(path) if path is not None else book_bibliography()
    if path is None:
        raise KeyError(f"{key!r}: no references.bib found (expected the book's bibliography)")
    labels = _compact(str(path), path.stat().st_mtime_ns)
    if key not in labels:
        raise KeyError(f"{key!r} is not a key in {path.name} (expected a bibliography key)")
    return labels[key]


def book_bibliography() -> Path | None:
    """The book's references.bib, found the way its data folder is (None outside a copy of the book)."""
    import os

    path = _bibliography_from(os.getcwd(), os.environ.get("BOOK_DATA_DIR"))
    return path if path is not None and path.is_file() else None


@lru_cache(maxsize=8)
def _bibliography_from(cwd: str, data_dir: str | None) -> Path | None:
    """Looked up once per working folder (a chart's rows each ask for it; reading the data
    package each time would cost a millisecond a row)."""
    try:
        return bibliography_path(find_data_dir())
    except (FileNotFoundError, OSError, ValueError):
        return None


def citation(source: str, locator: Any = None, bib: Path | None = None) -> str:
    """A row's source and locator as people read them: ``Maddox 2015, n. 81``.

    ``bib`` defaults to the book's bibliography. A key that is not in it (the data validator
    rejects those, so only hand-made rows can have one) is shown as the key itself, with a warning.
    """
    where = f", {locator}" if isinstance(locator, str) and locator else ""
    path = bib if bib is not None else book_bibliography()
    try:
        if path is None:
            raise KeyError(source)
        return short_cite(str(source), path) + where
    except KeyError:
        warnings.warn(
            f"source {source!r} is not in {path or 'references.bib (not found)'}: cited by its key",
            stacklevel=2,
        )
        return f"{source}{where}"


def anchor(key: str) -> str:
    """The id of ``key``'s entry on the bibliography page (as docutils writes CITE_ID)."""
    from docutils.nodes import make_id

    return make_id(CITE_ID.format(key=key))


def cited_key(text: str, bib: Path) -> str | None:
    """The bibliography key a table cell cites: the cell is one entry's short form, that form
    and a locator (``Maddox 2015, n. 81``), or the key itself. None for any other text."""
    stamp = Path(bib).stat().st_mtime_ns
    if text in _labels(str(bib), stamp):
        return text
    keyed = _keys_by_label(str(bib), stamp)
    return keyed.get(text) or keyed.get(text.split(", ", 1)[0])


@lru_cache(maxsize=8)
def _keys_by_label(path: str, stamp: int) -> dict[str, str]:
    return {label: key for key, label in _labels(path, stamp).items()}


def linked_html(text: str, bib: Path | None, references: str | None) -> str:
    """A table cell as HTML: a cell that cites a bibliography entry (:func:`cited_key`) reads as its short
    citation and, given ``references`` (the bibliography page's address), links to the entry (:func:`anchor`)."""
    import html

    key = cited_key(text, bib) if bib is not None and text else None
    if key is None:
        return html.escape(text)
    shown = html.escape(short_cite(key, bib) if text == key else text)
    if not references:
        return shown
    return f"<a class='reference internal' href='{html.escape(references)}#{anchor(key)}'>{shown}</a>"
