"""The toolkit's shared vocabulary: dates, cases and categories, the chapter preamble, module layout."""

from __future__ import annotations

import ast
import csv
import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from helpers import cases, chapter, charts, dates

SRC = ROOT / "src" / "helpers"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("value,expected", [
    ("1994", ("year", "1994-01-01", "1994-12-31")),
    ("1994-02", ("month", "1994-02-01", "1994-02-28")),
    ("1996-02", ("month", "1996-02-01", "1996-02-29")),
    ("1994-04-21", ("day", "1994-04-21", "1994-04-21")),
])  # fmt: skip
def test_parse_date_gives_a_named_span(value, expected):
    span = dates.parse_date(value)
    assert (span.precision, dates.iso(span.first), dates.iso(span.last)) == expected


@pytest.mark.parametrize("value", ["1994-02-30", "1994-13", "21/04/1994", "", None, 1994])
def test_parse_date_rejects_what_is_not_a_date(value):
    assert dates.parse_date(value) is None


def test_labels_keep_the_precision():
    assert [dates.label(d) for d in ("1994", "1994-04", "1994-04-07", None)] == [
        "1994",
        "April 1994",
        "7 April 1994",
        "undated",
    ]
    assert dates.label(pd.Timestamp("1994-04-21")) == "21 April 1994"


# ---------------------------------------------------------------- the chapter preamble


@pytest.mark.parametrize("params,message", [
    ({"as_of": "1994-02-30"}, "as_of '1994-02-30' is not a real calendar date"),
    ({"start": 1994 - 13}, "start is the number 1981, not a date: put the date in quotes"),
    ({"end": None, "start": None, "as_of": 1994}, "as_of is the number 1994"),
    ({"start": None}, None),
    ({"end": "1994-13"}, "end '1994-13' is not a real calendar date"),
    ({"start": "1994-07", "end": "1994-04"}, "ends (1994-04) before it starts (1994-07)"),
    ({"as_of": "1995-01-01"}, "as_of='1995-01-01' lies outside the window"),
    ({"case": "bosnia"}, "unknown case 'bosnia' (expected one of convention, cambodia, rwanda, darfur, car)"),
    ({"start": ["1994"]}, "start is a list, not a date"),
])  # fmt: skip
def test_chapter_open_names_the_bad_parameter(params, message):
    args = {"case": "rwanda", "start": "1993-08", "end": "1994-07", "as_of": "1994-04-21", **params}
    if message is None:
        assert chapter.open(**args).first is None  # no start: the window is open on the left
        return
    with pytest.raises(chapter.ParameterError) as info:
        chapter.open(**args)
    assert message in str(info.value)
    assert info.value._render_traceback_()[0].startswith("ParameterError: "), (
        "Jupyter shows the message, not a traceback"
    )


def test_chapter_open_gives_the_window_and_the_case_tables():
    ch = chapter.open("rwanda", "1994-04", "1994-06", "1994-05-17", data_dir=ROOT / "data")
    assert ch.name == "Rwanda" and ch.first == pd.Timestamp("1994-04-01") and ch.last == pd.Timestamp("1994-06-30")
    assert set(ch.events["case"]) == {"rwanda"} and len(ch.shown) < len(ch.events)
    assert (ch.shown["date_last"] >= ch.first).all() and (ch.shown["start"] <= ch.last).all()
    assert set(ch.table("deployments")["mission"]) == {"UNAMIR"}


# ---------------------------------------------------------------- one vocabulary


def schema_enums(field: str) -> dict[str, list[str]]:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    return {
        r["name"]: f["constraints"]["enum"]
        for r in package["resources"] for f in r["schema"]["fields"] if f["name"] == field and "enum" in f.get("constraints", {})
    }  # fmt: skip


def test_cases_are_one_list_in_code_schema_and_cases_csv():
    for table, enum in schema_enums("case").items():
        assert tuple(enum) == cases.cases(ROOT / "data"), f"{table}.case lists other cases than helpers.cases"
    with open(ROOT / "data" / "cases.csv", encoding="utf-8") as fh:
        rows = {r["case"] for r in csv.DictReader(fh)}
    assert rows == set(cases.cases(ROOT / "data")) - {"convention"}, (
        "every case but the Convention has a row in cases.csv"
    )


def test_categories_are_one_list_with_one_style_each():
    assert tuple(schema_enums("category")["events"]) == cases.categories(ROOT / "data")
    assert list(charts.CATEGORY_STYLE) == list(cases.categories(ROOT / "data")), (
        "each category has its fixed colour and shape"
    )
    styles = list(charts.CATEGORY_STYLE.values())
    assert len(set(styles)) == len(styles), "no two categories look the same"


# ---------------------------------------------------------------- module layout


def module_imports() -> dict[str, set[str]]:
    """Each helpers module and the helpers modules it imports, at module level or inside a function, plus
    its parent package (Python runs a package's ``__init__`` before any of its submodules). A package's
    ``__init__`` importing its own submodules is not counted: they are its parts."""
    paths = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        paths[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    found = {}
    for name, path in paths.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers"):
                # `from pkg import mod` depends on the module pkg.mod; `from mod import name` on mod.
                deps |= {
                    f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in paths else node.module for a in node.names
                }
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("helpers")}
        parent = name.rsplit(".", 1)[0] if "." in name else None
        if parent in paths:
            deps.add(parent)
        found[name] = {d for d in deps if d in paths and d != name and not d.startswith(name + ".")}
    return found


def test_no_module_is_too_long():
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py") if (n := len(p.read_text().splitlines())) > 350}
    assert not long, f"modules over 350 lines (split them by idea): {long}"


def test_no_import_cycle():
    graph = module_imports()

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for dep in graph.get(start, ()):
            # a package's submodule importing from its own package's __init__ is the cycle we forbid too
            if dep == target or (dep not in seen and (seen.add(dep) or reaches(dep, target, seen))):
                return True
        return False

    cycles = sorted(m for m in graph if reaches(m, m, set()))
    assert not cycles, f"modules in an import cycle: {cycles}"


def test_charts_exposes_the_builders_and_the_theme_only():
    """One name per thing: ``helpers.charts`` offers the builders (its ``__all__``) and the theme's constants;
    frame utilities live in helpers.frames, milestones in helpers.milestones."""
    submodules = {p.stem for p in (SRC / "charts").glob("*.py")}
    public = {n for n in dir(charts) if not n.startswith("_") and n not in submodules and n != "annotations"}
    theme = {n for n in dir(charts.theme) if n.isupper()}
    assert public - set(charts.__all__) - theme == set()
    assert all(callable(getattr(charts, name)) for name in charts.__all__)


@pytest.mark.parametrize(
    "entry",
    [
        "import helpers",
        "import helpers.data, helpers.data.cli",
        "from helpers.data.cli import main; main(['validate', 'data'])",
        "import helpers.course.__main__",
        "import conftest",
        "import helpers.chapter",
    ],
)
def test_commands_and_conftest_do_not_load_the_charts(entry):
    """`import helpers` is lazy: the data command, the course command and the tests' conftest start
    without Altair or the chart modules (a chart-free command used to spend seconds importing them)."""
    probe = (
        f"import sys; sys.path[:0] = [{str(ROOT / 'tests')!r}, {str(SRC.parent)!r}]\n"
        f"{entry}\n"
        "heavy = sorted(m for m in sys.modules if m == 'altair' or m.startswith(('helpers.charts', 'helpers.render')))\n"
        "print('loaded:' + ','.join(heavy))"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    loaded = run.stdout.strip().splitlines()[-1]
    assert loaded == "loaded:", f"{entry!r} {loaded}"


def test_a_chapter_kernel_does_not_compile_iri_grammars_to_draw_a_chart():
    """Altair validates charts with jsonschema, which from 4.24 imports rfc3987-syntax when it is installed
    (jupyter-events installs it): that import compiles 39 Lark grammars, 1.5 s in every kernel, every
    papermill run and every build (python-jsonschema/jsonschema#1428). requirements.txt pins a jsonschema
    that does not; an upgrade that brings the cost back fails here."""
    probe = "import sys, altair, helpers.charts; print('rfc3987_syntax' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "False", "importing Altair compiled rfc3987-syntax's grammars (see requirements.txt)"


def test_altairs_hot_spots_are_cheap_and_the_specs_unchanged():
    """helpers.charts.speed: the same specs with and without it; with it, Altair hashes its wrapper classes'
    schemas for one class table in all, not one table per encoding channel."""
    import altair as alt
    from altair.utils import schemapi

    from helpers import data
    from helpers.charts import speed

    events = data.load("events", ROOT / "data")
    hashed = []
    original = schemapi._FromDict.__dict__["hash_schema"]

    def counting(cls, schema, use_json=True):
        hashed.append(1)
        return original.__func__(cls, schema, use_json)

    def draw() -> tuple[str, int]:
        hashed.clear()
        alt.Chart._counter, alt.Parameter._counter = 100, 100  # the same view and param names each time
        spec = charts.warned_and_done(events[events["case"] == "darfur"], "2004-09-09").to_dict()
        return json.dumps(spec, sort_keys=True), len(hashed)

    schemapi._FromDict.hash_schema = classmethod(counting)
    try:
        speed.uninstall()
        slow, slow_hashes = draw()
        assert speed.install()
        draw()  # the class table, made once
        fast, fast_hashes = draw()
    finally:
        schemapi._FromDict.hash_schema = original
        speed.install()
    assert fast == slow, "helpers.charts.speed changed a spec"
    # Without it: a table of every wrapper class (~560 hashes) per channel; with it, only the lookups.
    assert slow_hashes > 20 * fast_hashes, (slow_hashes, fast_hashes)


def test_a_charts_table_and_narrow_form_are_shared_by_its_copies_not_copied():
    """Altair deep-copies a chart at every `properties()`, layer and concatenation: the rows' table and the
    narrow form it carries are finished JSON (helpers.charts.speed.Frozen), shared by the copies, and the
    spec still carries them as JSON."""
    from helpers import data

    events = data.load("events", ROOT / "data")
    chart = charts.warned_and_done(events[events["case"] == "darfur"], "2004-09-09")
    book, copied = chart.usermeta["book"], chart.copy(deep=True).usermeta["book"]
    assert copied is not book and copied["table"] is book["table"] and copied["narrow"] is book["narrow"]
    spec = chart.to_dict()
    assert isinstance(spec["usermeta"]["book"]["table"]["rows"], list)
    assert isinstance(spec["usermeta"]["book"]["narrow"]["datasets"], dict)
