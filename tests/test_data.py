"""The data layer: the repository's data validate, and each kind of bad input gets a located message."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from helpers import cases, data, sources
from helpers.datapackage import read_datapackage

BIB = "@misc{src-a, title={A source}, year={2000}}\n@misc{src-b, title={Another}, year={2001}}\n"
# One document on file (data/library/doc-a.txt): the excerpt row above is taken from it.
SENTENCE = "The members spoke of the situation and of what the Council could do about it"
LIBRARY_DOC = (
    "---\nid: doc-a\ncitation: S/1994/1\ntitle: A statement\ndate: 1994-04-30\nissued_by: UN Security Council\n"
    "cases: [rwanda]\nsource: src-a\nobtained_from: A test.\nreuse: Official UN document.\nextent: whole document\n"
    "---\n1. The Council met on 30 April 1994. "
    + ". ".join([SENTENCE] * 5)
    + ".\n\n2. It recalls that the killing of the members of a group constitutes a crime. "
    + ". ".join([SENTENCE] * 4)
    + ", in the morning.\n"
)

# One valid row per table; tests break one cell at a time.
GOOD = {
    "cases": {
        "id": "rwanda",
        "case": "rwanda",
        "name": "Rwanda",
        "chapter": "A New World Order?",
        "onset": "1994-04-07",
        "onset_event": "ev-1",
        "end_date": "1994-07",
        "summary": "A genocide.",
        "source": "src-a",
        "locator": "n. 63",
        "note": "",
    },
    "events": {
        "id": "ev-1",
        "case": "rwanda",
        "date": "1994-04-21",
        "end_date": "",
        "actor": "UN Security Council",
        "category": "decision",
        "title": "Resolution 912",
        "description": "The Council cut the force.",
        "tags": "",
        "source": "src-a",
        "locator": "n. 72",
        "note": "",
    },
    "documents": {
        "id": "doc-1",
        "case": "rwanda",
        "symbol": "S/RES/912 (1994)",
        "title": "Resolution 912",
        "date": "1994-04-21",
        "body": "UN Security Council",
        "kind": "resolution",
        "summary": "Reduced the force.",
        "source": "src-a",
        "locator": "",
        "library": "",
        "note": "",
    },
    "deployments": {
        "id": "dep-1",
        "case": "rwanda",
        "mission": "UNAMIR",
        "date": "1994-04-21",
        "series": "authorised",
        "strength": "270",
        "document": "doc-1",
        "source": "src-a",
        "locator": "n. 72",
        "note": "",
    },
    "figures": {
        "id": "fig-1",
        "case": "rwanda",
        "measure": "killed",
        "counts": "People killed",
        "date": "1994",
        "end_date": "",
        "low": "500000",
        "high": "1000000",
        "best": "",
        "estimator": "",
        "set": "tolls",
        "source": "src-b",
        "locator": "",
        "note": "",
    },
    "quotes": {
        "id": "q-1",
        "case": "rwanda",
        "speaker": "A speaker",
        "role": "A role",
        "date": "",
        "text": "Words.",
        "context": "",
        "source": "src-a",
        "locator": "n. 82",
        "document": "",
        "note": "",
    },
    "excerpts": {
        "id": "ex-1",
        "case": "rwanda",
        "document": "doc-a",
        "paragraphs": "paras. 1-2",
        "first_words": "The Council met",
        "last_words": "in the morning.",
        "title": "A statement, 1994",
        "source_line": "The Council to the press, after a meeting.",
        "q_sourcing": "Who wrote it?",
        "q_context": "What had happened?",
        "q_close_reading": "Which word matters most?",
        "note": "",
    },
    "readings": {
        "id": "rd-1",
        "case": "rwanda",
        "frame": "trilateral",
        "topic": "interest",
        "party": "A scholar",
        "date": "",
        "position": "high",
        "bloc": "",
        "summary": "Interest was low.",
        "quote": "",
        "events": "ev-1;ev-2",
        "about": "",
        "reading_by": "article",
        "source": "src-a",
        "locator": "n. 88",
        "note": "",
    },
    "provisions": {
        "id": "art-1",
        "case": "convention",
        "article": "VIII",
        "heading": "Organs of the UN",
        "text": "Any Contracting Party may call upon the competent organs...",
        "measure": "Ask the UN to act.",
        "leaves_open": "Must the UN act?",
        "source": "src-b",
        "locator": "art. VIII",
        "note": "",
    },
    "places": {
        "id": "pl-1",
        "case": "rwanda",
        "name": "Kigali",
        "kind": "capital",
        "lon": "30.06",
        "lat": "-1.95",
        "note": "",
        "source": "src-b",
        "locator": "",
    },
    "links": {
        "provision": "art-1",
        "event": "ev-1",
        "basis": "The Council was asked to act.",
        "reading_by": "book",
        "source": "src-a",
        "locator": "n. 81",
        "note": "",
    },
    "maps": {
        "id": "map-1",
        "case": "rwanda",
        "iso_a3": "RWA",
        "role": "country",
        "label": "Rwanda",
        "lon": "29.7",
        "lat": "-2.25",
        "west": "26.3",
        "south": "-4.9",
        "east": "34.1",
        "north": "1.6",
        "borders": "Borders are today's.",
        "source": "src-b",
        "locator": "",
        "note": "",
    },
}


def write_table(folder: Path, table: str, rows: list[dict], fields: list[str] | None = None) -> None:
    fields = fields or list(GOOD[table])
    with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def clean(tmp_path) -> Path:
    """A small valid data folder (real schema, two rows per table) with its own references.bib."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "datapackage.json", folder)
    (tmp_path / "references.bib").write_text(BIB)
    (folder / "library").mkdir()
    (folder / "library" / "doc-a.txt").write_text(LIBRARY_DOC)
    for table, row in GOOD.items():
        if table == "cases":
            second = {**row, "id": "darfur", "case": "darfur"}
        elif table == "links":
            second = {**row, "provision": "art-2", "event": "ev-2"}
        else:
            second = {**row, "id": row["id"].replace("1", "2")}
        write_table(folder, table, [row, second])
    return folder


def problems_for(folder: Path) -> list[str]:
    return [str(p) for p in data.validate(folder)]


def break_cell(folder: Path, table: str, field: str, value: str, row: int = 1) -> None:
    frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    frame.loc[row, field] = value
    frame.to_csv(folder / f"{table}.csv", index=False)


def test_schema_matches_the_fixture_rows():
    package = read_datapackage(ROOT / "data")
    for resource in package["resources"]:
        assert [f["name"] for f in resource["schema"]["fields"]] == list(GOOD[resource["name"]]), resource["name"]


def test_clean_fixture_validates(clean):
    assert problems_for(clean) == []


def test_repository_data_validates_and_every_table_has_rows():
    problems = data.validate(ROOT / "data")
    assert not problems, "\n".join(map(str, problems))
    for table in [r["name"] for r in read_datapackage(ROOT / "data")["resources"]]:
        assert len(data.load(table, ROOT / "data")) > 0, f"{table} is empty"


def test_every_citation_in_the_book_is_a_bib_key():
    """Data rows are checked by validate(); this checks what the pages cite with {cite} roles."""
    import re

    keys = sources.keys(ROOT / "references.bib")
    pages = [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("*.md"), *ROOT.glob("teaching/**/*.md")]
    cited = {
        (page.name, key.strip())
        for page in pages
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", page.read_text())
        for key in group.split(",")
    }
    assert cited, "the book cites nothing"
    unknown = sorted(f"{page}: {key}" for page, key in cited if key not in keys)
    assert not unknown, f"citations of keys missing from references.bib: {unknown}"


# (table, field, bad value, words the message must contain). Row 1 of the frame is line 3 of the file.
BAD_CELLS = [
    # Every vocabulary the data package declares: a typo fails validation, not the build.
    ("readings", "position", "presnt", ["'presnt' is not a value for frame trilateral", "high, low, unclear"]),
    ("readings", "position", "shown", ["'shown' is not a position for topic interest", "high, low, unclear"]),
    ("readings", "topic", "interests", ["'interests' is not a value for frame trilateral", "deficiencies"]),
    ("readings", "frame", "risks", ["'risks' is not allowed", "definition, debate, finding"]),
    ("readings", "about", "rd-9", ["'rd-9' is not an id in readings.csv"]),
    ("events", "tags", "word:usd", ["unknown tag 'word:usd'", "used, hedged, avoided"]),
    ("events", "tags", "article:viii", ["unknown tag key 'article'", "marked"]),
    ("events", "tags", "marked:bosnia", ["unknown tag 'marked:bosnia'", "rwanda"]),
    ("links", "provision", "art-9", ["'art-9' is not an id in provisions.csv"]),
    ("links", "event", "ev-9", ["'ev-9' is not an id in events.csv"]),
    ("links", "reading_by", "mine", ["'mine' is not allowed", "source, article, book"]),
    ("maps", "role", "capital", ["'capital' is not allowed", "country, neighbour"]),
    ("maps", "iso_a3", "rwa", ["'rwa' is not allowed"]),
    ("maps", "case", "bosnia", ["'bosnia' is not allowed"]),
    ("figures", "set", "Tolls", ["'Tolls' is not allowed"]),
    ("events", "source", "", ["missing or blank"]),
    ("events", "source", "nobody-2020", ["'nobody-2020' is not a key in references.bib"]),
    ("events", "case", "bosnia", ["'bosnia' is not allowed", "one of convention, cambodia, rwanda, darfur, car"]),
    ("events", "date", "21/04/1994", ["'21/04/1994' is not allowed", "YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("events", "date", "1994-02-30", ["'1994-02-30' is not a real calendar date"]),
    ("events", "date", "1994-13", ["'1994-13' is not a real calendar date"]),
    ("cases", "onset", "1994-02-30", ["'1994-02-30' is not a real calendar date"]),
    ("quotes", "date", "1994-02-30", ["'1994-02-30' is not a real calendar date"]),
    ("events", "id", "ev-1", ["duplicate 'ev-1'", "unique"]),
    ("events", "description", "The <b>Council</b> met.", ["HTML markup '<b>'", "plain text"]),
    ("quotes", "text", "Fish &amp; chips", ["HTML markup '&amp;'"]),
    ("deployments", "strength", "about 270", ["'about 270' is not a whole number"]),
    ("figures", "low", "many", ["'many' is not a number"]),
    ("figures", "low", "2000000", ["low 2000000 is greater than high 1000000", "low <= high"]),
    ("figures", "best", "20", ["best 20 lies outside the range"]),
    ("events", "end_date", "1994-04-01", ["is before date '1994-04-21'"]),
    ("provisions", "article", "Eight", ["'Eight' is not allowed"]),
    ("events", "tags", "word used", ["'word used' is not allowed"]),
    ("deployments", "document", "doc-99", ["'doc-99' is not an id in documents.csv"]),
    ("cases", "onset_event", "ev-99", ["'ev-99' is not an id in events.csv"]),
    ("readings", "events", "ev-1;ev-99", ["'ev-99' is not an id in events.csv"]),
    ("readings", "reading_by", "mine", ["'mine' is not allowed", "one of source, article, book"]),
]


@pytest.mark.parametrize("table,field,value,words", BAD_CELLS, ids=[f"{t}.{f}={v!r}" for t, f, v, _ in BAD_CELLS])
def test_bad_cell_is_reported_with_file_row_and_field(clean, table, field, value, words):
    break_cell(clean, table, field, value)
    problems = problems_for(clean)
    located = [p for p in problems if p.startswith(f"{table}.csv:3: {field}: ")]
    assert located, f"no problem located at {table}.csv:3: {field}: in {problems}"
    assert all(w in located[0] for w in words), located[0]
    assert "(expected " in located[0]


def test_missing_and_unknown_columns(clean):
    fields = [f for f in GOOD["events"] if f != "actor"] + ["colour"]
    write_table(clean, "events", [GOOD["events"]], fields)
    problems = problems_for(clean)
    assert any(p.startswith("events.csv:1: actor: column missing") for p in problems), problems
    assert any(p.startswith("events.csv:1: colour: unknown column") for p in problems), problems


def test_malformed_csv_rows(clean):
    text = (clean / "events.csv").read_text().splitlines()
    text.append("ev-9,rwanda,1994,,x,context,t,d,,src-a,,,EXTRA")
    text.append("ev-10,rwanda")
    text.append(",,,,,,,,,,")
    (clean / "events.csv").write_text("\n".join(text) + "\n")
    problems = problems_for(clean)
    assert any(p.startswith("events.csv:4: extra value 'EXTRA'") for p in problems), problems
    assert any(p.startswith("events.csv:5: actor: cell missing") for p in problems), problems
    assert any(p.startswith("events.csv:6: blank row") for p in problems), problems


def test_every_problem_is_reported_not_just_the_first(clean):
    break_cell(clean, "events", "case", "bosnia", row=0)
    break_cell(clean, "figures", "low", "x", row=1)
    problems = problems_for(clean)
    assert any(p.startswith("events.csv:2: case") for p in problems)
    assert any(p.startswith("figures.csv:3: low") for p in problems)


def test_cli_exit_codes_and_output(clean):
    ok = subprocess.run([sys.executable, "-m", "helpers.data", "validate", str(clean)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith(f"ok: {len(GOOD)} tables, {2 * len(GOOD)} rows")
    break_cell(clean, "events", "date", "1994-02-30")
    break_cell(clean, "quotes", "source", "")
    bad = subprocess.run([sys.executable, "-m", "helpers.data", "validate", str(clean)], capture_output=True, text=True)
    assert bad.returncode == 1
    lines = bad.stdout.splitlines()
    assert (
        "events.csv:3: date: '1994-02-30' is not a real calendar date (expected a date that exists, such as 1994-04-21)"
        in lines
    )
    assert any(line.startswith("quotes.csv:3: source: missing or blank") for line in lines)


def test_load_types_and_precision(clean):
    events = data.load("events", clean)
    assert list(events["date_precision"]) == ["day", "day"]
    figures = data.load("figures", clean)
    assert str(figures["low"].dtype) == "Float64" and figures.loc[0, "high"] == 1_000_000
    assert figures.loc[0, "date_precision"] == "year"
    assert figures.loc[0, "start"] == pd.Timestamp("1994-01-01") and figures.loc[0, "date_last"] == pd.Timestamp(
        "1994-12-31"
    )
    assert pd.isna(figures.loc[0, "best"])
    deployments = data.load("deployments", clean)
    assert str(deployments["strength"].dtype) == "Int64"


def test_load_refuses_bad_data_and_unknown_tables(clean):
    break_cell(clean, "events", "case", "bosnia")
    with pytest.raises(data.DataError, match=r"events.csv:3: case"):
        data.load("events", clean)
    with pytest.raises(KeyError, match="unknown table 'massacres'"):
        data.load("massacres", clean)


def test_a_table_found_valid_is_not_validated_again_until_a_file_it_depends_on_changes(clean, tmp_path, monkeypatch):
    """Every kernel loads the same tables: a table this machine found valid with the same data files,
    bibliography and toolkit is taken as valid (helpers.cache); a change to any data file (another table's
    too: the foreign keys) or to the bibliography validates it again, and a table with problems always is."""
    from helpers.data import loading

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    checked = []
    real = loading.validate
    monkeypatch.setattr(loading, "validate", lambda folder, tables: checked.append(tables) or real(folder, tables))

    def load_afresh(table="events"):
        loading._load_cached.cache_clear()  # as a new kernel would
        return data.load(table, clean)

    load_afresh()
    load_afresh()
    assert checked == [["events"]], checked
    break_cell(clean, "cases", "summary", "Another summary.")  # another table: events' foreign keys read it
    load_afresh()
    assert checked == [["events"], ["events"]], checked
    (tmp_path / "references.bib").write_text(BIB + "\n% a comment\n")
    load_afresh()
    assert len(checked) == 3, checked
    break_cell(clean, "events", "case", "bosnia")
    for _ in range(2):
        with pytest.raises(data.DataError, match=r"events.csv:3: case"):
            load_afresh()
    assert len(checked) == 5, "a table with problems was not validated each time"


def test_unknown_case_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown case 'bosnia' \(expected one of convention, cambodia"):
        cases.check_case("bosnia")


def test_end_is_the_last_day_an_end_date_can_mean(clean):
    break_cell(clean, "events", "end_date", "1994-07", row=0)
    events = data.load("events", clean)
    assert events.loc[0, "end_date_precision"] == "month"
    assert events.loc[0, "end"] == pd.Timestamp("1994-07-31")
