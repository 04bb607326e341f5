"""Chapter code reads like prose: the book's judgements live in data/, not as row ids in code cells."""

from __future__ import annotations

import ast
import csv
import json

from conftest import ROOT

MAX_ID_LITERALS = 10  # issue 21: there were 71 (52 distinct) before the links table and the tags


def data_ids() -> set[str]:
    """Every value of an ``id`` column of a table in data/."""
    ids = set()
    for path in (ROOT / "data").glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as fh:
            ids |= {row["id"] for row in csv.DictReader(fh) if row.get("id")}
    return ids


def id_literals(source: str, ids: set[str]) -> list[str]:
    """The string literals in ``source`` that are ids of data rows, except the arguments of
    ``text.quote``, ``text.provision`` and ``text.excerpt`` (a quotation or a primary source is named by its
    id on purpose)."""
    tree = ast.parse(source)
    exempt = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("quote", "provision", "excerpt")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "text"
        ):
            exempt |= {id(a) for a in node.args}
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in ids and id(n) not in exempt
    ]


def chapter_id_literals() -> dict[str, list[str]]:
    ids = data_ids()
    found = {}
    for nb in [*sorted((ROOT / "chapters").glob("*.ipynb")), *sorted((ROOT / "templates").glob("*.ipynb"))]:
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "code":
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                hits = id_literals(source, ids)
                if hits:
                    found[f"{nb.relative_to(ROOT)} cell {i}"] = hits
    return found


def test_the_counter_finds_ids_and_spares_quotations():
    ids = {"rw-1994-04-21-res-912", "rwanda", "rw-hannay-laughing-stock", "rw-excerpt"}
    source = (
        'text.quote("rw-hannay-laughing-stock")\ntext.excerpt("rw-excerpt")\n'
        'charts.timeline(ev, annotate=["rw-1994-04-21-res-912"])\nx = "rwanda"'
    )
    assert sorted(id_literals(source, ids)) == ["rw-1994-04-21-res-912", "rwanda"]


def test_the_counter_spares_primary_sources_but_not_other_calls():
    ids = {"rw-cable-1994-01-11"}
    assert id_literals('text.excerpt("rw-cable-1994-01-11")', ids) == []
    assert id_literals('charts.timeline(ev, annotate=["rw-cable-1994-01-11"])', ids) == ["rw-cable-1994-01-11"]


def test_chapter_code_cells_hold_at_most_ten_row_ids():
    found = chapter_id_literals()
    total = sum(len(v) for v in found.values())
    assert total <= MAX_ID_LITERALS, (
        f"{total} row-id literals in chapter code cells (at most {MAX_ID_LITERALS}: put the judgement in data/, "
        f"as a row, a column or a tag): {found}"
    )
