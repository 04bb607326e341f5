"""Validation of the book's tables.

Frictionless checks each CSV against its Table Schema (types, required
fields, enums, patterns, unique ids, the shape of the file); its errors are
translated into the book's located :class:`Problem` messages. The book's own
rules follow as small named functions, each taking one row (:data:`ROW_RULES`),
plus checks of the header and of ids that one table names in another.
"""

from __future__ import annotations

import csv
import numbers
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import milestones, sources
from helpers.data.package import DATAPACKAGE, bibliography_path, find_data_dir, read_datapackage
from helpers.data.package import fields as fields_of
from helpers.data.problems import Problem
from helpers.dates import DATE_PATTERN, DATE_RE, parse_date

MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date", "boolean": "true or false"}
# Columns that name rows of another table: (table, column) -> (referenced table, several ids separated by ";").
REFERENCES = {
    ("deployments", "document"): ("documents", False),
    ("cases", "onset_event"): ("events", False),
    ("readings", "events"): ("events", True),
}


def is_date_field(field: dict[str, Any]) -> bool:
    """Whether the schema declares ``field`` an ISO date at any precision (date, end_date, onset, ...)."""
    return field.get("constraints", {}).get("pattern") == DATE_PATTERN


# --------------------------------------------------------------------------
# The book's rules, one row at a time
# --------------------------------------------------------------------------


@dataclass
class Row:
    """One row of a table, with what the rules need to judge it."""

    file: str
    line: int
    values: dict[str, Any]
    fields: dict[str, dict[str, Any]]
    bib: set[str] | None

    def problem(self, field: str | None, problem: str, expected: str) -> Problem:
        return Problem(self.file, self.line, field, problem, expected)

    def number(self, name: str) -> float | None:
        value = self.values.get(name)
        return value if isinstance(value, numbers.Number) else None


def no_markup(row: Row) -> Iterator[Problem]:
    """Text is plain: no HTML tags or entities (tooltips and tables would show them raw)."""
    for name, field in row.fields.items():
        value = row.values.get(name)
        found = MARKUP_RE.search(value) if field.get("type") == "string" and isinstance(value, str) else None
        if found:
            yield row.problem(name, f"HTML markup {found.group(0)!r} in text", "plain text")


def real_dates(row: Row) -> Iterator[Problem]:
    """Every date field holds a day that exists (the pattern alone lets 1994-02-30 through)."""
    for name, field in row.fields.items():
        value = row.values.get(name)
        if is_date_field(field) and isinstance(value, str) and DATE_RE.match(value) and parse_date(value) is None:
            yield row.problem(name, f"{value!r} is not a real calendar date", "a date that exists, such as 1994-04-21")


def end_after_start(row: Row) -> Iterator[Problem]:
    start, end = parse_date(row.values.get("date")), parse_date(row.values.get("end_date"))
    if start and end and end.last < start.first:
        yield row.problem(
            "end_date",
            f"{row.values['end_date']!r} is before date {row.values['date']!r}",
            "an end on or after the start",
        )


def source_in_bibliography(row: Row) -> Iterator[Problem]:
    source = row.values.get("source")
    if row.bib is not None and isinstance(source, str) and source.strip() and source not in row.bib:
        yield row.problem("source", f"{source!r} is not a key in references.bib", "the key of a references.bib entry")


def range_in_order(row: Row) -> Iterator[Problem]:
    """``low <= best <= high`` wherever the numbers are given."""
    low, high, best = row.number("low"), row.number("high"), row.number("best")
    if low is not None and high is not None and low > high:
        yield row.problem("low", f"low {low:g} is greater than high {high:g}", "low <= high")
    if best is not None and ((low is not None and best < low) or (high is not None and best > high)):
        yield row.problem("best", f"best {best:g} lies outside the range", "low <= best <= high")


def milestone_tags(row: Row) -> Iterator[Problem]:
    """A ``milestone:<key>`` tag only on an events row that can meet that milestone's definition."""
    if "tags" in row.fields and "category" in row.fields:
        values = row.values
        for problem, expected in milestones.tag_problems(
            values.get("category"), values.get("actor"), values.get("tags")
        ):
            yield row.problem("tags", problem, expected)


ROW_RULES: list[Callable[[Row], Iterable[Problem]]] = [
    no_markup,
    real_dates,
    end_after_start,
    source_in_bibliography,
    range_in_order,
    milestone_tags,
]


# --------------------------------------------------------------------------
# Frictionless errors as the book's problems
# --------------------------------------------------------------------------


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


def translate(error: Any, file: str, fields: dict[str, dict[str, Any]]) -> Problem | None:
    """A Frictionless error as one of the book's problems (None: reported elsewhere)."""
    kind = error.type
    row = getattr(error, "row_number", None)
    name = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    columns = ", ".join(fields)
    if kind == "primary-key":
        return None  # the unique-error on `id` says the same, with the field named
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
        schema=fl.Schema.from_descriptor({**entry["schema"], "fieldsMatch": "subset"}),
    )
    problems = header_problems(path, file, fields)
    rows: list[Row] = []

    def keep_row(row: Any) -> None:
        if row.row_number is not None:
            rows.append(Row(file, row.row_number, row.to_dict(), fields, bib))

    report = table.validate(on_row=keep_row, limit_errors=10000)
    for task in report.tasks:
        problems += [p for p in (translate(e, file, fields) for e in task.errors) if p is not None]
    problems += [Problem(file, None, None, f"{e.type}: {e.note or e.message}", "a valid table") for e in report.errors]
    for row in rows:
        for rule in ROW_RULES:
            problems.extend(rule(row))
    return problems


def reference_problems(data_dir: Path, package: dict[str, Any], wanted: set[str] | None) -> list[Problem]:
    """Ids named in one table that do not exist in the table they refer to."""
    paths = {r["name"]: data_dir / r["path"] for r in package["resources"]}

    def rows(table: str) -> list[dict[str, str]]:
        try:
            with open(paths[table], newline="", encoding="utf-8") as fh:
                return list(csv.DictReader(fh))
        except (OSError, KeyError, UnicodeDecodeError, csv.Error):
            return []  # reported by the table's own validation

    problems = []
    for (table, column), (target, several) in REFERENCES.items():
        if (wanted is not None and table not in wanted) or table not in paths:
            continue
        ids = {r.get("id") for r in rows(target)}
        for line, row in enumerate(rows(table), start=2):
            values = (row.get(column) or "").split(";") if several else [row.get(column)]
            problems += [
                Problem(
                    paths[table].name,
                    line,
                    column,
                    f"{v!r} is not an id in {paths[target].name}",
                    f"the id of a row of {target}",
                )
                for v in values
                if v and v not in ids
            ]
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


def validate(data_dir: Any = None, tables: Iterable[str] | None = None) -> list[Problem]:
    """Every problem in the data (all tables, or those named), sorted by file and line."""
    data_dir = find_data_dir(data_dir)
    package = read_datapackage(data_dir)
    bib, problems = bibliography_keys(data_dir, package)
    wanted = set(tables) if tables is not None else None
    for entry in package["resources"]:
        if wanted is None or entry["name"] in wanted:
            problems.extend(validate_resource(data_dir, entry, bib))
    problems.extend(reference_problems(data_dir, package, wanted))
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))
