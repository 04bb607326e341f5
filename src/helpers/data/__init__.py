"""The book's sourced data: load, validate and describe the tables in ``data/``.

Every table is a CSV file described by a Frictionless Table Schema in
``data/datapackage.json``. Validation (:mod:`helpers.data.validation`) uses
the Frictionless library for the schema and adds the book's own rules: real
calendar dates, sources that are keys of ``references.bib``, ``low <= high``,
no HTML markup in text, values from the vocabularies the package declares,
and ids that exist where another table names them. Every problem is reported,
one per line, as::

    FILE:ROW: FIELD: problem (expected ...)

where ROW is the line of the CSV file (the header is line 1). From the
command line, ``python -m helpers.data validate [DIR]`` exits 0 with a
one-line summary on clean data, and 1 with every problem;
:func:`check_row` says what the validator would make of one new row.
"""

from __future__ import annotations

from helpers.data.loading import describe, load, tagged
from helpers.data.validation import check_row, validate
from helpers.datapackage import DataError, Problem, find_data_dir

__all__ = ["DataError", "Problem", "check_row", "describe", "find_data_dir", "load", "tagged", "validate"]
