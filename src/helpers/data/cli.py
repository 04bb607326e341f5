"""The command line: ``python -m helpers.data validate [DIR]`` checks the book's data tables."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from helpers.data.validation import validate
from helpers.datapackage import DataError, bibliography_path, find_data_dir, read_datapackage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.data", description="Check the book's data tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "validate", help="check every table; report every problem as FILE:ROW: FIELD: problem (expected ...)"
    )
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
    bib = bibliography_path(folder, package).name
    print(f"ok: {len(package['resources'])} tables, {total} rows, every row sourced in {bib}")
    return 0
