"""The book's own rules, one row at a time (:data:`ROW_RULES`), and the ids one table names in another.

Frictionless checks what a Table Schema can say (:mod:`helpers.data.validation`); these rules add what
it cannot: real calendar dates, sources that are keys of ``references.bib``, ``low <= high``, plain
text, values from the vocabularies the data package declares (:mod:`helpers.vocabulary`), milestone
tags only where a row can meet the milestone, and ids that exist where another table names them
(the schema's ``foreignKeys``, plus the ``;``-separated ids of ``readings.events``).
"""

from __future__ import annotations

import csv
import numbers
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import milestones, vocabulary
from helpers.datapackage import Problem
from helpers.dates import DATE_PATTERN, DATE_RE, parse_date

MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
# Columns that name several rows of another table, separated by ";" (a Table Schema foreign key names one).
LISTS = {("readings", "events"): "events"}


def is_date_field(field: dict[str, Any]) -> bool:
    """Whether the schema declares ``field`` an ISO date at any precision (date, end_date, onset, ...)."""
    return field.get("constraints", {}).get("pattern") == DATE_PATTERN


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
    """A ``milestone:<key>`` tag only on an events row that can meet that milestone's definition; a
    ``not-counted:<key>`` tag only with a note that gives the reason."""
    if "tags" in row.fields and "category" in row.fields:
        values = row.values
        note = values.get("note") if "note" in row.fields else None
        for problem, expected in milestones.tag_problems(
            values.get("category"),
            values.get("actor"),
            values.get("tags"),
            "" if note is None and "note" in row.fields else note,
        ):
            yield row.problem("tags", problem, expected)


def declared_values(row: Row) -> Iterator[Problem]:
    """Every field with a ``vocabulary`` in the data package holds one of its values (see
    :mod:`helpers.vocabulary`); a reading's position is one its topic allows."""
    for name, field in row.fields.items():
        if "vocabulary" in field:
            for problem, expected in vocabulary.problems(field["vocabulary"], row.values.get(name), row.values):
                yield row.problem(name, problem, expected)
    topics = row.fields.get("topic", {}).get("vocabulary", {}).get("values", {}).get(row.values.get("frame"))
    topic, position = row.values.get("topic"), row.values.get("position")
    allowed = (topics or {}).get(topic, {}).get("positions") if isinstance(topic, str) else None
    if allowed and isinstance(position, str) and position not in allowed:
        yield row.problem(
            "position", f"{position!r} is not a position for topic {topic}", "one of " + ", ".join(allowed)
        )


ROW_RULES: list[Callable[[Row], Iterable[Problem]]] = [
    declared_values,
    no_markup,
    real_dates,
    end_after_start,
    source_in_bibliography,
    range_in_order,
    milestone_tags,
]


# --------------------------------------------------------------------------
# Ids that one table names in another
# --------------------------------------------------------------------------


def references(package: dict[str, Any]) -> dict[tuple[str, str], tuple[str, bool]]:
    """(table, column) -> (the table its values name, several ids separated by ";"): the schema's
    single-column ``foreignKeys``, and :data:`LISTS`."""
    found = {(table, column): (target, True) for (table, column), target in LISTS.items()}
    for entry in package["resources"]:
        for key in entry["schema"].get("foreignKeys", []):
            column = key["fields"] if isinstance(key["fields"], str) else key["fields"][0]
            found[(entry["name"], column)] = (key["reference"]["resource"] or entry["name"], False)
    return found


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
    for (table, column), (target, several) in references(package).items():
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
