"""The book's sourced data: load, validate and describe the tables in ``data/``.

Every table is a CSV file described by a Frictionless Table Schema in
``data/datapackage.json``. Validation uses the Frictionless library for the
schema (types, required fields, enums, patterns, unique ids, the shape of the
CSV) and adds the book's own rules: real calendar dates, sources that are keys
of ``references.bib``, ``low <= high``, and no HTML markup in text.

Every problem is reported, one per line, as::

    FILE:ROW: FIELD: problem (expected ...)

where ROW is the line of the CSV file (the header is line 1).

From the command line::

    python -m helpers.data validate [DIR]

exits 0 with a one-line summary on clean data, and 1 with every problem.
"""

from __future__ import annotations

import calendar
import numbers
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

DATAPACKAGE = "datapackage.json"
CASES = ("convention", "cambodia", "rwanda", "darfur", "car")
CASE_NAMES = {
    "convention": "The Convention",
    "cambodia": "Cambodia",
    "rwanda": "Rwanda",
    "darfur": "Darfur",
    "car": "Central African Republic",
}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # how datapackage.json marks a field as an ISO date at any precision
MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
PRECISION = {1: "year", 2: "month", 3: "day"}


# --------------------------------------------------------------------------
# Problems and errors
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one file."""

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


# --------------------------------------------------------------------------
# Finding the data
# --------------------------------------------------------------------------


def find_data_dir(start: str | os.PathLike | None = None) -> Path:
    """The folder holding ``datapackage.json``.

    Looks at ``$BOOK_DATA_DIR``, then at ``data/`` in the current folder and
    each folder above it (so a chapter run from ``chapters/`` finds it), then
    beside the installed package (an editable install from a clone).
    """
    if start is None and os.environ.get("BOOK_DATA_DIR"):
        start = os.environ["BOOK_DATA_DIR"]
        if (Path(start) / DATAPACKAGE).is_file():
            return Path(start).resolve()
        raise FileNotFoundError(f"BOOK_DATA_DIR={start}: no {DATAPACKAGE} there (expected the book's data folder)")
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
    path = data_dir / DATAPACKAGE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError([Problem(path.name, exc.lineno, None, f"not valid JSON: {exc.msg}", "a JSON data package")])


def bibliography_path(data_dir: Path, package: dict[str, Any] | None = None) -> Path:
    package = package if package is not None else read_datapackage(data_dir)
    return (data_dir / package.get("bibliography", "../references.bib")).resolve()


@lru_cache(maxsize=8)
def _bib_entries(path: str, stamp: int) -> dict[str, Any]:
    """The entries of a BibTeX file, parsed with pybtex once per version of the file."""
    from pybtex.database import parse_file

    return dict(parse_file(path).entries)


def bib_entries(path: Path) -> dict[str, Any]:
    return _bib_entries(str(path), path.stat().st_mtime_ns)


def bib_keys(path: Path) -> set[str]:
    """The entry keys of a BibTeX file."""
    return set(bib_entries(path))


def short_cite(key: str, data_dir: str | os.PathLike | None = None) -> str:
    """A bibliography key as people read it: "Maddox 2015", "Des Forges 1999"."""
    path = bibliography_path(find_data_dir(data_dir))
    entries = bib_entries(path)
    if key not in entries:
        raise KeyError(f"{key!r} is not a key in {path.name} (expected a bibliography key)")
    entry = entries[key]
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


def table_names(data_dir: str | os.PathLike | None = None) -> list[str]:
    data_dir = find_data_dir(data_dir)
    return [r["name"] for r in read_datapackage(data_dir)["resources"]]


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def parse_date(value: str) -> tuple[str, pd.Timestamp, pd.Timestamp] | None:
    """``(precision, first day, last day)`` of an ISO date at any precision, or None if invalid."""
    match = DATE_RE.match(value or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    precision = PRECISION[sum(g is not None for g in (year, month, day))]
    if precision == "year":
        return precision, pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(year, month)[1]
        return precision, pd.Timestamp(year, month, 1), pd.Timestamp(year, month, last)
    return precision, pd.Timestamp(year, month, day), pd.Timestamp(year, month, day)


def is_date_field(field: dict[str, Any]) -> bool:
    """Whether the schema declares ``field`` an ISO date at any precision (date, end_date, onset, ...)."""
    return field.get("constraints", {}).get("pattern") == DATE_PATTERN


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


_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date", "boolean": "true or false"}


def _translate(error: Any, file: str, fields: dict[str, dict[str, Any]]) -> Problem | None:
    """A Frictionless error as one of the book's problems (None: reported elsewhere)."""
    kind = error.type
    row = getattr(error, "row_number", None)
    name = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    if kind == "primary-key":
        return None  # the unique-error on `id` says the same, with the field named
    if kind == "constraint-error":
        constraint = re.search(r'constraint "(\w+)"', error.note or "")
        constraint = constraint.group(1) if constraint else "constraint"
        field = fields.get(name, {"name": name})
        if constraint == "required":
            return Problem(file, row, name, "missing or blank", _expected_for(field, constraint))
        return Problem(file, row, name, f"{cell!r} is not allowed", _expected_for(field, constraint))
    if kind == "type-error":
        ftype = fields.get(name, {}).get("type", "value")
        return Problem(file, row, name, f"{cell!r} is not {_TYPE_WORDS.get(ftype, 'a ' + ftype)}", _TYPE_WORDS.get(ftype, ftype))
    if kind == "unique-error":
        first = re.search(r"position (\d+)", error.note or "")
        at = f" (first used on line {first.group(1)})" if first else ""
        return Problem(file, row, name, f"duplicate {cell!r}{at}", f"a value unique in {file}")
    if kind == "missing-label":
        return Problem(file, 1, name, "column missing from the header", "the columns " + ", ".join(fields))
    if kind == "extra-label":
        return Problem(file, 1, getattr(error, "label", None) or name, "unknown column", "only the columns " + ", ".join(fields))
    if kind in ("incorrect-label", "duplicate-label", "blank-label"):
        label = getattr(error, "label", "")
        return Problem(file, 1, name or label, f"header {label!r} is wrong ({kind.replace('-', ' ')})", "the columns " + ", ".join(fields))
    if kind == "extra-cell":
        return Problem(file, row, None, f"extra value {cell!r} beyond the last column", f"{len(fields)} values per row")
    if kind == "missing-cell":
        return Problem(file, row, name, "cell missing (the row is too short)", f"{len(fields)} values per row")
    if kind == "blank-row":
        return Problem(file, row, None, "blank row", "no blank rows: every row is a record")
    # Structural errors: unreadable file, bad encoding, malformed CSV, ...
    return Problem(file, row, name, f"{kind}: {error.note or error.message}", "a UTF-8 CSV file")


def _book_checks(file: str, rows: list[dict[str, Any]], fields: dict[str, dict[str, Any]], bib: set[str] | None) -> list[Problem]:
    """The book's own rules, beyond what the Table Schema says."""
    problems: list[Problem] = []
    for row in rows:
        line = row["__line__"]
        for name, field in fields.items():
            value = row.get(name)
            if field.get("type") == "string" and isinstance(value, str) and MARKUP_RE.search(value):
                problems.append(Problem(file, line, name, f"HTML markup {MARKUP_RE.search(value).group(0)!r} in text", "plain text"))
        dates = {}
        for name, field in fields.items():
            value = row.get(name)
            if is_date_field(field) and isinstance(value, str) and DATE_RE.match(value):
                dates[name] = parse_date(value)
                if dates[name] is None:
                    problems.append(Problem(file, line, name, f"{value!r} is not a real calendar date", "a date that exists, such as 1994-04-21"))
        if dates.get("date") and dates.get("end_date") and dates["end_date"][2] < dates["date"][1]:
            problems.append(Problem(file, line, "end_date", f"{row['end_date']!r} is before date {row['date']!r}", "an end on or after the start"))
        source = row.get("source")
        if bib is not None and isinstance(source, str) and source.strip() and source not in bib:
            problems.append(Problem(file, line, "source", f"{source!r} is not a key in references.bib", "the key of a references.bib entry"))
        low, high, best = (row.get(k) if isinstance(row.get(k), numbers.Number) else None for k in ("low", "high", "best"))
        if low is not None and high is not None and low > high:
            problems.append(Problem(file, line, "low", f"low {low:g} is greater than high {high:g}", "low <= high"))
        if best is not None:
            if low is not None and best < low or high is not None and best > high:
                problems.append(Problem(file, line, "best", f"best {best:g} lies outside the range", "low <= best <= high"))
    return problems


def _header_problems(path: Path, file: str, fields: dict[str, dict[str, Any]]) -> list[Problem]:
    """Unknown and repeated columns (Frictionless reports the missing ones)."""
    import csv

    try:
        with open(path, newline="", encoding="utf-8") as fh:
            header = next(csv.reader(fh), [])
    except (UnicodeDecodeError, csv.Error) as exc:
        return [Problem(file, 1, None, f"unreadable header: {exc}", "a UTF-8 CSV file")]
    problems = []
    seen: set[str] = set()
    for label in header:
        if label not in fields:
            problems.append(Problem(file, 1, label or "(blank)", "unknown column", "only the columns " + ", ".join(fields)))
        elif label in seen:
            problems.append(Problem(file, 1, label, "column appears twice in the header", "each column once"))
        seen.add(label)
    return problems


def _validate_resource(data_dir: Path, resource: dict[str, Any], bib: set[str] | None) -> list[Problem]:
    import frictionless as fl
    from frictionless.formats import CsvControl

    file = resource["path"]
    path = data_dir / file
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    if not path.is_file():
        return [Problem(file, None, None, "file not found", f"a CSV file named in {DATAPACKAGE}")]
    res = fl.Resource(
        path=file,
        basepath=str(data_dir),
        name=resource["name"],
        format="csv",
        encoding=resource.get("encoding", "utf-8"),
        # Line 1 is the header and commas separate values, always: a ragged file
        # must not make Frictionless guess another delimiter or header row.
        dialect=fl.Dialect(header_rows=[1], controls=[CsvControl(delimiter=",", quote_char='"')]),
        # Match columns by name, so that one missing column is one problem, not a cascade.
        schema=fl.Schema.from_descriptor({**resource["schema"], "fieldsMatch": "subset"}),
    )
    problems: list[Problem] = _header_problems(path, file, fields)
    rows: list[dict[str, Any]] = []

    def keep_row(row: Any) -> None:
        if row.row_number is not None:
            rows.append({**row.to_dict(), "__line__": row.row_number})

    report = res.validate(on_row=keep_row, limit_errors=10000)
    for task in report.tasks:
        for error in task.errors:
            problem = _translate(error, file, fields)
            if problem is not None:
                problems.append(problem)
    for error in getattr(report, "errors", []):
        problems.append(Problem(file, None, None, f"{error.type}: {error.note or error.message}", "a valid table"))
    problems.extend(_book_checks(file, rows, fields, bib))
    return problems


def validate(data_dir: str | os.PathLike | None = None, tables: Iterable[str] | None = None) -> list[Problem]:
    """Every problem in the data (all tables, or those named), sorted by file and line."""
    data_dir = find_data_dir(data_dir)
    package = read_datapackage(data_dir)
    problems: list[Problem] = []
    bib_path = bibliography_path(data_dir, package)
    bib: set[str] | None
    try:
        bib = bib_keys(bib_path)
    except FileNotFoundError:
        bib = None
        problems.append(Problem(str(bib_path.name), None, None, f"bibliography not found at {bib_path}", "references.bib beside data/"))
    except Exception as exc:  # pybtex's syntax errors
        bib = None
        problems.append(Problem(str(bib_path.name), None, None, f"cannot be parsed: {exc}", "valid BibTeX"))
    wanted = set(tables) if tables is not None else None
    for resource in package["resources"]:
        if wanted is None or resource["name"] in wanted:
            problems.extend(_validate_resource(data_dir, resource, bib))
    problems.extend(_reference_problems(data_dir, package, wanted))
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))


# Columns that name a row of another table: (table, column) -> referenced table.
# A column whose name is in LIST_REFERENCES holds several ids separated by semicolons.
REFERENCES = {("deployments", "document"): "documents", ("cases", "onset_event"): "events", ("readings", "events"): "events"}
LIST_REFERENCES = {("readings", "events")}


def _reference_problems(data_dir: Path, package: dict[str, Any], wanted: set[str] | None) -> list[Problem]:
    """Ids named in one table that do not exist in the table they refer to."""
    import csv

    paths = {r["name"]: data_dir / r["path"] for r in package["resources"]}

    def rows(table: str) -> list[dict[str, str]]:
        try:
            with open(paths[table], newline="", encoding="utf-8") as fh:
                return list(csv.DictReader(fh))
        except (OSError, KeyError, UnicodeDecodeError, csv.Error):
            return []  # reported by the table's own validation

    problems = []
    for (table, column), target in REFERENCES.items():
        if wanted is not None and table not in wanted or table not in paths:
            continue
        ids = {r.get("id") for r in rows(target)}
        for line, row in enumerate(rows(table), start=2):
            values = (row.get(column) or "").split(";") if (table, column) in LIST_REFERENCES else [row.get(column)]
            for value in values:
                if value and value not in ids:
                    problems.append(Problem(paths[table].name, line, column, f"{value!r} is not an id in {paths[target].name}", f"the id of a row of {target}"))
    return problems


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def _resource(package: dict[str, Any], table: str, data_dir: Path) -> dict[str, Any]:
    for resource in package["resources"]:
        if resource["name"] == table:
            return resource
    names = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"unknown table {table!r} in {data_dir / DATAPACKAGE} (expected one of {names})")


@lru_cache(maxsize=64)
def _load_cached(data_dir: Path, table: str, stamp: tuple) -> pd.DataFrame:
    package = read_datapackage(data_dir)
    resource = _resource(package, table, data_dir)
    problems = validate(data_dir, [table])
    if problems:
        raise DataError(problems)
    fields = resource["schema"]["fields"]
    dtypes = {f["name"]: {"integer": "Int64", "number": "Float64"}.get(f["type"], "string") for f in fields}
    frame = pd.read_csv(data_dir / resource["path"], dtype=dtypes, keep_default_na=False, na_values={n: [""] for n, t in dtypes.items() if t != "string"})
    for name, dtype in dtypes.items():
        if dtype == "string":
            frame[name] = frame[name].replace("", pd.NA)
    # Dates stay as the source gives them; add what they can mean: (precision, first day, last day).
    if "date" in frame:
        parsed = frame["date"].map(lambda v: parse_date(v) if isinstance(v, str) else None)
        frame["date_precision"] = parsed.map(lambda p: p[0] if p else pd.NA).astype("string")
        frame["start"] = parsed.map(lambda p: p[1] if p else pd.NaT).astype("datetime64[ns]")
        frame["date_last"] = parsed.map(lambda p: p[2] if p else pd.NaT).astype("datetime64[ns]")
    if "end_date" in frame:
        parsed = frame["end_date"].map(lambda v: parse_date(v) if isinstance(v, str) else None)
        frame["end_date_precision"] = parsed.map(lambda p: p[0] if p else pd.NA).astype("string")
        frame["end"] = parsed.map(lambda p: p[2] if p else pd.NaT).astype("datetime64[ns]")
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
    resource = _resource(package, table, folder)
    files = [folder / DATAPACKAGE, folder / resource["path"], bibliography_path(folder, package)]
    stamp = tuple((str(f), f.stat().st_mtime_ns if f.exists() else 0) for f in files)
    return _load_cached(folder, table, stamp).copy()


def tagged(events: pd.DataFrame, key: str) -> pd.DataFrame:
    """The events carrying a tag ``key:value``, with the value in a new column named ``key``.

    ``tagged(events, "word")`` gives the statements tagged ``word:used``,
    ``word:avoided`` or ``word:hedged``, with a ``word`` column.
    """
    if "tags" not in events:
        raise ValueError("this table has no tags column (expected the events table)")
    values = events["tags"].fillna("").map(
        lambda tags: next((t.split(":", 1)[1] for t in str(tags).split(";") if t.startswith(key + ":")), None)
    )
    out = events[values.notna()].copy()
    out[key] = values[values.notna()]
    return out


def check_case(case: str) -> str:
    """``case`` if it is one of the book's cases; a clear ValueError otherwise."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r} (expected one of {', '.join(CASES)})")
    return case


# --------------------------------------------------------------------------
# Describing the data (for the Data appendix)
# --------------------------------------------------------------------------


def describe(data_dir: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """Per table: name, title, description, file, rows, and its fields."""
    folder = find_data_dir(data_dir)
    package = read_datapackage(folder)
    out = []
    for resource in package["resources"]:
        frame = load(resource["name"], folder)
        out.append({
            "name": resource["name"],
            "title": resource.get("title", resource["name"]),
            "description": resource.get("description", ""),
            "path": resource["path"],
            "rows": len(frame),
            "fields": resource["schema"]["fields"],
        })
    return out


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.data", description="Check the book's data tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every table; report every problem as FILE:ROW: FIELD: problem (expected ...)")
    check.add_argument("dir", nargs="?", default=None, help="the data folder (default: ./data, found upwards)")
    args = parser.parse_args(argv)
    try:
        folder = find_data_dir(args.dir)
        problems = validate(folder)
    except (FileNotFoundError, DataError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    package = read_datapackage(folder)
    total = sum(len(pd.read_csv(folder / r["path"], dtype=str)) for r in package["resources"])
    print(f"ok: {len(package['resources'])} tables, {total} rows, every row sourced in {bibliography_path(folder, package).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def appendix_markdown(data_dir: str | os.PathLike | None = None, link_prefix: str = "../data/") -> str:
    """The Data appendix, as MyST Markdown generated from the schema.

    Each table gets its description, row count, a download link to its CSV
    (``link_prefix`` is the path from the page to ``data/``) and a table of its
    fields: name, type, whether required, meaning and allowed values.
    """
    lines: list[str] = []
    for table in describe(data_dir):
        lines += [
            f"## {table['title']} (`{table['name']}`)",
            "",
            f"{table['description']} **{table['rows']} rows.** "
            f"Download: {{download}}`{table['path']} <{link_prefix}{table['path']}>`.",
            "",
            "| Field | Type | Required | Meaning | Allowed values |",
            "| --- | --- | --- | --- | --- |",
        ]
        for field in table["fields"]:
            c = field.get("constraints", {})
            allowed = []
            if "enum" in c:
                allowed.append(", ".join(f"`{v}`" for v in c["enum"]))
            friendly = {"id": "a lowercase slug, such as `rw-1994-04-21-res-912`",
                        "tags": "labels such as `word:used`, separated by `;`",
                        "article": "an article in Roman numerals, with a paragraph letter: `VIII`, `III(c)`"}
            if is_date_field(field):
                allowed.append("`YYYY`, `YYYY-MM` or `YYYY-MM-DD`")
            elif "pattern" in c:
                allowed.append(friendly.get(field["name"], f"matches `{c['pattern']}`"))
            if "minimum" in c:
                allowed.append(f"at least {c['minimum']}")
            if c.get("unique"):
                allowed.append("unique")
            if field["name"] == "source":
                allowed.append("a key of `references.bib`")
            meaning = field.get("description", "").replace("|", "\\|")
            lines.append(
                f"| `{field['name']}` | {field['type']} | {'yes' if c.get('required') else 'no'} | {meaning} | {'; '.join(allowed).replace('|', chr(92) + '|')} |"
            )
        lines.append("")
    return "\n".join(lines)


def quote(quote_id: str, data_dir: str | os.PathLike | None = None) -> Any:
    """One row of ``quotes`` as a Markdown block quote, attributed and cited.

    The words on the page come from the data, so they are checked once, in
    one place. Quotations the book takes from the article are marked "as
    quoted in" it.
    """
    from IPython.display import Markdown

    quotes = load("quotes", data_dir)
    row = quotes[quotes["id"] == quote_id]
    if row.empty:
        raise KeyError(f"no quotation with id {quote_id!r} in quotes.csv (expected one of {', '.join(quotes['id'])})")
    q = row.iloc[0]
    when = _human_date(q["date"]) if isinstance(q["date"], str) else ""
    # Give the date unless the context already says it ("His August 1993 report ...").
    when = f", {when}" if when and not (isinstance(q["context"], str) and when in q["context"]) else ""
    locator = f", {q['locator']}" if isinstance(q["locator"], str) else ""
    quoted_in = "as quoted in " if isinstance(q["note"], str) and "as quoted in" in q["note"].lower() else ""
    context = f" {q['context']}." if isinstance(q["context"], str) else ""
    return Markdown(
        f"> “{q['text']}”\n>\n> — {q['speaker']}, {q['role']}{when}.{context} "
        f"({quoted_in}{{cite:t}}`{q['source']}`{locator})"
    )


def _human_date(date: str) -> str:
    from helpers.charts import date_label

    return date_label(date)
