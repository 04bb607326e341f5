"""Citations as readers see them: the short author-date form charts and tables use, and the data
tables' links to the bibliography page (helpers.sources, helpers.tables.table_html)."""

from __future__ import annotations

import json
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import sources, tables

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "references.bib"

SMALL_BIB = r"""
@article{smith2001,
  author  = {Smith, Jane and van der Berg, Piet},
  title   = {On Things},
  journal = {Journal of Things},
  year    = {2001},
  number  = {3}
}
@book{ngo2010,
  author    = {Ng{\^o}, Lan and Roe, Ann and Poe, Edgar},
  title     = {A Book},
  publisher = {Press},
  year      = {2010}
}
@misc{unsc-s-1999-1,
  author = {{United Nations Security Council}},
  title  = {Resolution 1 (1999): Something},
  year   = {1999},
  number = {S/RES/1 (1999)}
}
@misc{tribunal-2003,
  author = {{International Tribunal for Somewhere, Trial Chamber I}},
  title  = {Judgement},
  year   = {2003}
}
@misc{agency-1994-04-08,
  author = {{Agency}},
  title  = {First dispatch},
  year   = {1994}
}
@misc{agency-1994-04-09,
  author = {{Agency}},
  title  = {Second dispatch},
  year   = {1994}
}
@techreport{office-2014,
  shortauthor = {{UN Office}},
  author      = {{United Nations Office on Something Long and Official}},
  title       = {Framework},
  institution = {United Nations},
  year        = {2014}
}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "references.bib"
    path.write_text(SMALL_BIB)
    return path


def test_people_are_cited_by_family_name_and_year(bib):
    assert sources.citation("smith2001", "p. 4", bib) == "Smith and van der Berg 2001, p. 4"  # journal article
    assert sources.citation("ngo2010", None, bib) == "Ngô et al. 2010"  # a book, three authors, an accent
    # A journal's issue number is not a document symbol.
    assert "(3)" not in sources.short_cite("smith2001", bib)


def test_institutions_are_cited_by_name_year_and_document_symbol(bib):
    # "United Nations" shortened, the symbol's year not said twice.
    assert sources.citation("unsc-s-1999-1", "para. 2", bib) == "UN Security Council 1999 (S/RES/1), para. 2"
    assert sources.short_cite("tribunal-2003", bib) == "International Tribunal for Somewhere 2003"  # no sub-body
    assert sources.short_cite("office-2014", bib) == "UN Office 2014", "shortauthor replaces a long name"


def test_entries_that_would_read_alike_are_told_apart(bib):
    assert sources.short_cite("agency-1994-04-08", bib) == "Agency 1994a"
    assert sources.short_cite("agency-1994-04-09", bib) == "Agency 1994b"


def test_a_missing_key_is_cited_by_the_key_with_a_warning(bib):
    with pytest.warns(UserWarning, match=r"'nobody-2020' is not in .*references\.bib: cited by its key"):
        assert sources.citation("nobody-2020", "n. 3", bib) == "nobody-2020, n. 3"
    with pytest.raises(KeyError, match=r"'nobody-2020' is not a key in references\.bib"):
        sources.short_cite("nobody-2020", bib)


def test_the_books_citations_read_as_short_citations():
    """The book's own bibliography: the forms the review asked for, every form distinct and plain."""
    assert sources.book_bibliography() == BIB.resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no key of the book's falls back
        assert sources.citation("maddox2015", "n. 81") == "Maddox 2015, n. 81"  # journal article
        assert sources.citation("unsc-s-1994-470") == "UN Secretary-General 1994 (S/1994/470)"  # UN document
        assert sources.citation("hrw-desforges-1999") == "Des Forges 1999"  # book
    forms = {key: sources.short_cite(key, BIB) for key in sources.keys(BIB)}
    shared = {f for f in forms.values() if list(forms.values()).count(f) > 1}
    assert not shared, f"short citations several entries share (a table could not link them): {shared}"
    odd = {k: f for k, f in forms.items() if re.search(r"[{}\\]", f) or len(f) > 70 or k in f}
    assert not odd, f"short citations with markup, over 70 characters or showing the key: {odd}"


class _Cells(HTMLParser):
    """The text of each th/td, and all text (as a browser's textContent) of a table's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.text = ""
        self.links: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._in, self.cells = True, [*self.cells, ""]
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        self._in = self._in and tag not in ("td", "th")

    def handle_data(self, data):
        self.text += data
        if self._in:
            self.cells[-1] += data


SPEC = {
    "usermeta": {
        "book": {
            "table": {
                "key": "k1",
                "summary": "The events in this figure",
                "columns": ["Date", "Category", "Actor", "Source"],
                "rows": [
                    ["8 November 1994", "context", "Government of Rwanda", "UN Security Council 1994b"],
                    ["11 January 1994", "warning", "Gen. Roméo Dallaire", "Maddox 2015, n. 81"],
                    ["5 May 1994", "statement", "A & B", "not a citation, n. 1"],
                ],
            }
        }
    }
}


def test_table_text_never_runs_two_cells_together():
    out = tables.table_html(SPEC)
    parsed = _Cells()
    parsed.feed(out)
    assert len(parsed.cells) == 4 + 3 * 4
    # As a browser's textContent (the site's search excerpts): whitespace between every pair of cells,
    # and between the summary and the table.
    for a, b in zip(parsed.cells, parsed.cells[1:]):
        assert re.search(re.escape(a) + r"\s+" + re.escape(b), parsed.text), f"{a!r} runs into {b!r}"
    assert re.search(r"\(3 rows\)\s+Date", parsed.text)
    # As Sphinx's search indexer reads raw HTML (tags stripped, nothing put in their place): the
    # words are each cell's words, none made of two cells' words.
    indexed = re.sub(r"<[^<]+?>", "", out).split()
    assert indexed == [w for c in (SPEC["usermeta"]["book"]["table"]["summary"] + " (3 rows)", *parsed.cells)
                       for w in c.replace("&", "&amp;").split()]  # fmt: skip


def test_table_citations_link_to_their_bibliography_entry_on_the_site():
    site = _Cells()
    site.feed(tables.table_html(SPEC, references="../references.html"))
    assert site.links == ["../references.html#cite-maddox2015"], "only the real citation is linked"
    notebook = _Cells()
    notebook.feed(tables.table_html(SPEC))
    assert notebook.links == [], "in a notebook there is no bibliography page to link to"
    assert "Maddox 2015, n. 81" in notebook.cells and "not a citation, n. 1" in notebook.cells


def _bib_key_pattern() -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, sources.keys(BIB)), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?:,|$)")


def test_built_tables_and_tooltips_cite_sources_as_people_read_them(site):
    """No data table cell or chart tooltip shows a bibliography key; every table link lands on an entry."""
    ids = set(re.findall(r'\bid="([^"]+)"', (site / "references.html").read_text(encoding="utf-8")))
    keyed, broken, linked = [], [], 0
    for page in sorted((site / "chapters").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for table in re.findall(r"<details class='chart-data'.*?</details>", text, re.S):
            cells = _Cells()
            cells.feed(table)
            keyed += [f"{page.name}: {c}" for c in cells.cells if _bib_key_pattern().match(c)]
            for href in cells.links:
                if "references.html#" in href:
                    linked += 1
                    if href.split("#", 1)[1] not in ids:
                        broken.append(f"{page.name}: {href}")
        for spec in re.findall(r'<script type="application/json" id="vega-[^"]+">(.*?)</script>', text, re.S):
            datasets = json.loads(spec.replace("<\\/", "</")).get("datasets", {})
            keyed += [f"{page.name} tooltip: {r['cite']}" for rows in datasets.values() for r in rows
                      if isinstance(r, dict) and _bib_key_pattern().match(str(r.get("cite", "")))]  # fmt: skip
    assert linked > 100, f"only {linked} citations in the data tables link to the bibliography"
    assert not broken, f"links to entries the bibliography page does not have: {broken[:10]}"
    assert not keyed, f"bibliography keys shown to readers: {keyed[:10]}"


def test_built_table_text_separates_every_cell(seen):
    """In Chromium, each data table's textContent has whitespace between every two adjacent cells."""
    result = seen(1280, "light")["chapters/rwanda.html"]["cells_apart"]
    assert len(result) >= 3 and sum(t["cells"] for t in result) > 100, result
    assert all(t["joined"] == 0 for t in result), f"cells run together: {result}"
    assert all(t["summary"] for t in result), "the summary runs into the table's first heading"


def test_static_explorer_tables_keep_cells_apart(events, readings):
    """The Convention reader's and the debate's static tables: no cell's tag right after another's."""
    from helpers import data, widgets
    from helpers.charts.debate import debate_rows
    from helpers.widgets.statements import statements_html

    provisions, links = data.load("provisions", ROOT / "data"), data.load("links", ROOT / "data")
    view = widgets.convention_reader(provisions, events, links, readings, article="VIII", case="rwanda")
    debate = statements_html(debate_rows(readings)).data
    for name, out in (("reader", view.static_html()), ("debate", debate)):
        assert out.count("<td>") >= 6, name
        joined = re.findall(r"</t[dh]><t[dh]|</tr><tr|</p><table", out)
        assert not joined, f"the {name}'s table runs cells together: {joined[:3]}"
        assert "Maddox 2015, n. " in out and "maddox2015" not in out, f"the {name} cites by key"


def test_live_views_static_tables_keep_cells_apart(events, readings):
    """The Rwanda options table and the weighing matrix, as a static page shows them: no tag of one cell
    right after another's (Sphinx's search indexer would run their words together)."""
    import pandas as pd

    from helpers import data, widgets
    from helpers.widgets.options import options_html, options_on_record

    provisions = data.load("provisions", ROOT / "data")
    links = {"art-iii-c": ["rw-1993-08-ndiaye-report"], "art-viii": ["rw-1994-05-17-res-918"]}
    table = options_on_record(provisions, events, links, pd.Timestamp("1994-05-31"))
    options = options_html(table, pd.Timestamp("1994-05-31")).data
    matrix = widgets.weigh_factors(readings, events, ["rwanda", "darfur"]).static_html()
    for name, out in (("options table", options), ("weighing matrix", matrix)):
        assert out.count("<td") >= 2, name
        joined = re.findall(r"</t[dh]>\s*<t[dh]|</li><li|</p><table", out)
        joined = [j for j in joined if not re.search(r"\s", j)]
        assert not joined, f"the {name} runs cells together: {joined[:3]}"


def test_plain_text_is_what_pybtex_renders_and_its_backend_is_looked_up_once(monkeypatch):
    """`sources._plain` keeps one pybtex text backend: the same text as `render_as("text")` for every
    field the labels read, with one plugin lookup however many entries are labelled."""
    from pybtex import plugin
    from pybtex.richtext import Text

    fields = {
        value
        for entry in sources.entries(BIB).values()
        for name, value in entry.fields.items()
        if name in {"shortauthor", "institution", "title", "number"}
    }
    fields |= {
        " ".join(p.prelast_names + p.last_names)
        for e in sources.entries(BIB).values()
        for p in e.persons.get("author", [])
    }
    # Every value, with markup pybtex must decode (accents, braces, escapes) or plain. `render_as` looks its
    # backend up on each call (40-60 ms): with the build's cache of those lookups, all of them take a second.
    marked = sorted(f for f in fields if any(c in f for c in "\\{}~$"))
    plain = sorted(fields - set(marked))
    assert len(marked) > 200 and len(plain) > 200, (len(marked), len(plain))
    monkeypatch.setattr(plugin, "entry_points", plugin.entry_points)  # put back after the test
    sources.cache_plugin_lookups()
    for latex in marked + plain:
        assert sources._plain(latex) == Text.from_latex(latex).render_as("text").strip(), latex

    lookups = []
    real = plugin.find_plugin
    monkeypatch.setattr(plugin, "find_plugin", lambda *a, **k: lookups.append(a) or real(*a, **k))
    sources._text_backend.cache_clear()
    sources._labels.cache_clear()
    sources._labels(str(BIB), BIB.stat().st_mtime_ns)
    assert len(lookups) == 1, f"the text backend was looked up {len(lookups)} times for one bibliography"


def test_pybtex_scans_the_installed_packages_once_per_plugin(monkeypatch):
    """sphinxcontrib-bibtex looks a pybtex backend up for every citation: with the cache, each distinct query
    reads the installed packages' metadata once, and every lookup finds the plugin it found before."""
    import importlib.metadata

    from pybtex import plugin

    from helpers.site import citations

    monkeypatch.setattr(plugin, "entry_points", plugin.entry_points)  # put back after the test
    names = ("docutils", "plaintext", "text", "latex")  # "text" is an alias: two queries
    uncached = [plugin.find_plugin("pybtex.backends", name) for name in names]
    scans = []
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **params: scans.append(params) or real(**params))
    sources._entry_points.cache_clear()
    citations.register()
    for _ in range(50):
        assert [plugin.find_plugin("pybtex.backends", name) for name in names] == uncached
    assert plugin.find_plugin("pybtex.style.formatting", citations.STYLE) is citations.BookStyle
    queries = {tuple(sorted(p.items())) for p in scans}
    assert len(scans) == len(queries), f"{len(scans)} scans of the installed packages for {len(queries)} queries"
    assert len(scans) <= len(names) + 3, scans


def test_an_entry_is_formatted_once_for_the_bibliography_and_its_tooltips():
    """sphinxcontrib-bibtex formats each entry with two instances of the style (the bibliography, the
    tooltips): the second gets the first's formatting, which is pybtex's plain style with the book's labels."""
    from pybtex import plugin
    from pybtex.database import parse_file
    from pybtex.richtext import Text
    from pybtex.style.formatting.plain import Style as PlainStyle

    from helpers.site import citations

    citations.register()
    entries = list(parse_file(str(BIB)).entries.values())[:40]
    first, second = citations.BookStyle(), citations.BookStyle()
    formatted = [first.format_entry(f"L{i}", e) for i, e in enumerate(entries)]
    again = [second.format_entry(f"L{i}", e) for i, e in enumerate(entries)]
    assert all(a is b for a, b in zip(formatted, again)), "the second style formatted the entries again"
    plain = [PlainStyle().format_entry(f"L{i}", e) for i, e in enumerate(entries)]
    backend = plugin.find_plugin("pybtex.backends", "text")()
    assert [f.text.render(backend) for f in formatted] == [p.text.render(backend) for p in plain]
    assert [f.label for f in formatted] == [p.label for p in plain] and isinstance(formatted[0].text, Text)
    relabelled = second.format_entry("other", entries[0])
    assert relabelled is not formatted[0] and relabelled.label == "other"
