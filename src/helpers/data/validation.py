"""Validation of the book's tables.

Frictionless checks each CSV against its Table Schema (types, required
fields, enums, patterns, unique ids, the shape of the file); its errors are
translated into the book's located :class:`Problem` messages. The book's own
rules follow as small named functions, each taking one row (:data:`ROW_RULES`),
plus checks of the header and of ids that one table names in another.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers import sources
from helpers.data import library_rules
from helpers.data.rules import ROW_RULES, Row, is_date_field, reference_problems
from helpers.datapackage import DATAPACKAGE, Problem, bibliography_path, find_data_dir, read_datapackage
from helpers.datapackage import fields as fields_of

TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date", "boolean": "true or false"}


def _expected_for(field: dict[str, Any], constraint: str) -> str:
    c = field.get("constraints", {})
    if constraint == "required":
        return f"a value: {field['name']} is required"
    if constraint == "enum":
        return "one of " + ", ".join(map(str, c.get("enum", [])))
    if constraint == "pattern":
        if is_date_field(field):
            return "an ISO date YYYY, YYYY-MM or YYYY-MM-DD"
        if field["name"] == "id":
            return "a lowercase slug such as rw-1994-04-21-res-912"
        return f"text matching {c.get('pattern')}"
    if constraint in ("minimum", "maximum"):
        return f"a {constraint} of {c.get(constraint)}"
    return f"{constraint} {c.get(constraint)}"


def translate(error: Any, file: str, fields: dict[str, dict[str, Any]], key: Any = "id") -> Problem | None:
    """A Frictionless error as one of the book's problems (None: reported elsewhere)."""
    kind = error.type
    row = getattr(error, "row_number", None)
    name = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    columns = ", ".join(fields)
    if kind == "primary-key":
        if not isinstance(key, list) or len(key) < 2:
            return None  # the unique-error on `id` says the same, with the field named
        first = re.search(r"position (\d+)", error.note or "")
        at = f" (first on line {first.group(1)})" if first else ""
        return Problem(file, row, "+".join(key), f"the same {' and '.join(key)} twice{at}", f"each pair once in {file}")
    if kind == "constraint-error":
        found = re.search(r'constraint "(\w+)"', error.note or "")
        constraint = found.group(1) if found else "constraint"
        field = fields.get(name, {"name": name})
        if constraint == "required":
            return Problem(file, row, name, "missing or blank", _expected_for(field, constraint))
        return Problem(file, row, name, f"{cell!r} is not allowed", _expected_for(field, constraint))
    if kind == "type-error":
        words = TYPE_WORDS.get(fields.get(name, {}).get("type", "value"), "a value of the right type")
        return Problem(file, row, name, f"{cell!r} is not {words}", words)
    if kind == "unique-error":
        first = re.search(r"position (\d+)", error.note or "")
        at = f" (first used on line {first.group(1)})" if first else ""
        return Problem(file, row, name, f"duplicate {cell!r}{at}", f"a value unique in {file}")
    if kind == "missing-label":
        return Problem(file, 1, name, "column missing from the header", "the columns " + columns)
    if kind == "extra-label":
        return Problem(file, 1, getattr(error, "label", None) or name, "unknown column", "only the columns " + columns)
    if kind in ("incorrect-label", "duplicate-label", "blank-label"):
        label = getattr(error, "label", "")
        return Problem(
            file, 1, name or label, f"header {label!r} is wrong ({kind.replace('-', ' ')})", "the columns " + columns
        )
    if kind == "extra-cell":
        return Problem(file, row, None, f"extra value {cell!r} beyond the last column", f"{len(fields)} values per row")
    if kind == "missing-cell":
        return Problem(file, row, name, "cell missing (the row is too short)", f"{len(fields)} values per row")
    if kind == "blank-row":
        return Problem(file, row, None, "blank row", "no blank rows: every row is a record")
    # Structural errors: unreadable file, bad encoding, malformed CSV, ...
    return Problem(file, row, name, f"{kind}: {error.note or error.message}", "a UTF-8 CSV file")


# --------------------------------------------------------------------------
# Whole tables
# --------------------------------------------------------------------------


def header_problems(path: Path, file: str, fields: dict[str, dict[str, Any]]) -> list[Problem]:
    """Unknown and repeated columns (Frictionless reports the missing ones)."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            header = next(csv.reader(fh), [])
    except (UnicodeDecodeError, csv.Error) as exc:
        return [Problem(file, 1, None, f"unreadable header: {exc}", "a UTF-8 CSV file")]
    problems, seen = [], set()
    for label in header:
        if label not in fields:
            problems.append(
                Problem(file, 1, label or "(blank)", "unknown column", "only the columns " + ", ".join(fields))
            )
        elif label in seen:
            problems.append(Problem(file, 1, label, "column appears twice in the header", "each column once"))
        seen.add(label)
    return problems


def validate_resource(data_dir: Path, entry: dict[str, Any], bib: set[str] | None) -> list[Problem]:
    """Every problem in one table: its schema (Frictionless), its header, and the book's row rules."""
    import frictionless as fl
    from frictionless.formats import CsvControl

    file = entry["path"]
    path = data_dir / file
    fields = fields_of(entry)
    if not path.is_file():
        return [Problem(file, None, None, "file not found", f"a CSV file named in {DATAPACKAGE}")]
    table = fl.Resource(
        path=file,
        basepath=str(data_dir),
        name=entry["name"],
        format="csv",
        encoding=entry.get("encoding", "utf-8"),
        # Line 1 is the header and commas separate values, always: a ragged file
        # must not make Frictionless guess another delimiter or header row.
        dialect=fl.Dialect(header_rows=[1], controls=[CsvControl(delimiter=",", quote_char='"')]),
        # Match columns by name, so that one missing column is one problem, not a cascade.
        # Ids named in other tables (foreignKeys) are checked for the whole package (rules.reference_problems).
        schema=fl.Schema.from_descriptor(
            {**{k: v for k, v in entry["schema"].items() if k != "foreignKeys"}, "fieldsMatch": "subset"}
        ),
    )
    problems = header_problems(path, file, fields)
    rows: list[Row] = []

    def keep_row(row: Any) -> None:
        if row.row_number is not None:
            rows.append(Row(file, row.row_number, row.to_dict(), fields, bib))

    report = table.validate(on_row=keep_row, limit_errors=10000)
    for task in report.tasks:
        key = entry["schema"].get("primaryKey")
        problems += [p for p in (translate(e, file, fields, key) for e in task.errors) if p is not None]
    problems += [Problem(file, None, None, f"{e.type}: {e.note or e.message}", "a valid table") for e in report.errors]
    for row in rows:
        for rule in ROW_RULES:
            problems.extend(rule(row))
    return problems


def bibliography_keys(data_dir: Path, package: dict[str, Any]) -> tuple[set[str] | None, list[Problem]]:
    path = bibliography_path(data_dir, package)
    try:
        return sources.keys(path), []
    except FileNotFoundError:
        return None, [
            Problem(path.name, None, None, f"bibliography not found at {path}", "references.bib beside data/")
        ]
    except Exception as exc:  # pybtex's syntax errors
        return None, [Problem(path.name, None, None, f"cannot be parsed: {exc}", "valid BibTeX")]


def case_values(package: dict[str, Any]) -> tuple[str, ...]:
    """The cases the data package declares (the ``case`` field's values)."""
    for entry in package["resources"]:
        for field in entry["schema"]["fields"]:
            if field["name"] == "case" and "enum" in field.get("constraints", {}):
                return tuple(field["constraints"]["enum"])
    return ()


def validate(data_dir: Any = None, tables: Iterable[str] | None = None) -> list[Problem]:
    """Every problem in the data (all tables, or those named), sorted by file and line.

    All tables: the library's headers too. Any table that names documents on file (quotes, excerpts,
    documents): its rows checked against them (:mod:`helpers.data.library_rules`)."""
    data_dir = find_data_dir(data_dir)
    package = read_datapackage(data_dir)
    bib, problems = bibliography_keys(data_dir, package)
    wanted = set(tables) if tables is not None else None
    for entry in package["resources"]:
        if wanted is None or entry["name"] in wanted:
            problems.extend(validate_resource(data_dir, entry, bib))
    problems.extend(reference_problems(data_dir, package, wanted))
    if wanted is None:
        problems.extend(library_rules.header_problems(data_dir, package, bib, case_values(package)))
    problems.extend(library_rules.row_problems(data_dir, package, wanted))
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))


def check_row(table: str, row: dict[str, Any], data_dir: Any = None) -> list[Problem]:
    """What :func:`validate` would say about ``row`` (a dict of column: value) added at the end of
    ``table``: every problem on its line, located as it would be (``events.csv:183: date: ...``).

    The book's data are not changed: the check runs on a copy.
    """
    from helpers.datapackage import resource

    folder = find_data_dir(data_dir)
    package = read_datapackage(folder)
    entry = resource(package, table, folder)
    unknown = [c for c in row if c not in fields_of(entry)]
    if unknown:
        raise ValueError(f"{table}: no column(s) {', '.join(unknown)} (expected some of {', '.join(fields_of(entry))})")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(folder, copy)
        bib = bibliography_path(folder, package)
        if bib.is_file():
            target = (copy / package.get("bibliography", "../references.bib")).resolve()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(bib, target)
        with open(copy / entry["path"], newline="", encoding="utf-8") as fh:
            lines = sum(1 for _ in csv.reader(fh))
        with open(copy / entry["path"], "a", newline="", encoding="utf-8") as fh:
            csv.DictWriter(fh, list(fields_of(entry)), lineterminator="\n").writerow(row)
        return [p for p in validate(copy, [table]) if p.file == entry["path"] and p.row == lines + 1]
