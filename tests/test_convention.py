"""The Convention chapter's charts and reader: valid specs, links from the data, clear errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_charts import VEGALITE

from conftest import ROOT
from helpers import charts, data, reader

OPEN = dict.fromkeys(("I", "II", "III(c)", "VIII", "IX"), "What does it leave open?")


@pytest.fixture(scope="module")
def t():
    return {name: data.load(name, ROOT / "data") for name in ("events", "readings", "provisions")}


def spec_of(chart) -> dict:
    spec = chart.to_dict()
    VEGALITE.validate(spec)
    json.dumps(spec, allow_nan=False)
    return spec


def params(spec: dict) -> dict:
    found = {p["name"]: p for p in spec.get("params", [])}
    for key in ("layer", "vconcat", "hconcat"):
        for sub in spec.get(key, []):
            found.update(params(sub))
    return found


def test_links_come_from_tags_readings_and_the_books_pairs(t):
    links = charts.article_links(t["events"], t["readings"], {"VIII": ["rw-1994-04-us-article-viii-argument"]})
    by = {(r.article, r.id): r.basis for r in links.itertuples()}
    assert by[("IX", "conv-2007-02-26-icj-bosnia-judgment")] == "tag"  # tagged article:ix
    assert by[("II", "rw-1994-shelly-avoids-genocide")] == "reading"  # a definition reading names it
    assert by[("VIII", "rw-1994-04-us-article-viii-argument")] == "book"
    assert not links.duplicated(["article", "id"]).any()


def test_a_tag_with_a_paragraph_names_the_paragraph():
    events = pd.DataFrame({"id": ["e1", "e2"], "tags": ["article:iii-c;word:used", pd.NA]})
    links = charts.article_links(events)
    assert list(links["article"]) == ["III(c)"]


@pytest.mark.parametrize(
    "events, pairs, message",
    [
        (pd.DataFrame({"id": ["e1"], "tags": ["article:eight"]}), None, "does not name an article"),
        (pd.DataFrame({"id": ["e1"], "tags": [pd.NA]}), {"VIII": ["nope"]}, "no event with id 'nope'"),
        (pd.DataFrame({"id": ["e1"], "tags": [pd.NA]}), {"Article 8": ["e1"]}, "is not an article"),
    ],
)
def test_bad_links_raise_clear_errors(events, pairs, message):
    with pytest.raises(ValueError, match=message):
        charts.article_links(events, None, pairs)


def test_articles_chart_has_a_menu_and_one_table_row_per_link(t):
    links = charts.article_links(t["events"], t["readings"], {"III(c)": ["rw-1994-rtlm-not-silenced"]})
    spec = spec_of(charts.convention_articles(t["provisions"], t["events"], links, OPEN))
    pick = params(spec)["article_pick"]
    assert pick["bind"]["input"] == "select"  # keyboard reachable, as well as clickable
    table = spec["usermeta"]["book"]["table"]
    shown = links[links["article"].isin(OPEN)]
    assert len(table["rows"]) == len(shown)
    assert "Linked by" in table["columns"] and "the book's pairing" in {
        r[table["columns"].index("Linked by")] for r in table["rows"]
    }


def test_articles_chart_errors_name_what_is_missing(t):
    links = charts.article_links(t["events"], t["readings"])
    with pytest.raises(ValueError, match="open_questions has no entry"):
        charts.convention_articles(t["provisions"], t["events"], links, {"I": "?"})
    with pytest.raises(ValueError, match="no provision for article"):
        charts.convention_articles(t["provisions"], t["events"], links, {**OPEN, "XX": "?"}, which=("I", "XX"))
    with pytest.raises(ValueError, match="article_links"):
        charts.convention_articles(t["provisions"], t["events"], {"I": []}, OPEN)


def test_definition_chart_marks_every_reading_with_whose_it_is(t):
    spec = spec_of(charts.definition_elements(t["readings"]))
    rows = [r for ds in spec["datasets"].values() for r in ds if r.get("id")]
    definition = t["readings"][t["readings"]["frame"] == "definition"]
    assert {r["id"] for r in rows} == set(definition["id"])
    assert params(spec)["whose_pick"]["bind"]["input"] == "select"
    assert "Article II" in spec["description"]


def test_definition_chart_rejects_unknown_codes(t):
    bad = t["readings"][t["readings"]["frame"] == "definition"].copy()
    bad.loc[bad.index[0], "position"] = "maybe"
    with pytest.raises(ValueError, match="position"):
        charts.definition_elements(bad)
    with pytest.raises(ValueError, match="no rows with frame 'definition'"):
        charts.definition_elements(t["readings"][t["readings"]["frame"] != "definition"].head(1))


def test_reader_is_live_with_a_static_table(t):
    links = charts.article_links(t["events"], t["readings"], {"VIII": ["rw-1994-04-us-article-viii-argument"]})
    view = reader.convention_reader(t["provisions"], t["events"], links, OPEN, article="VIII", case="rwanda")
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    static = bundle["text/html"]
    assert "Article VIII" in static and "live-note" in static and "Dropdown(" not in static
    view.controls["case"].value = "cambodia"
    assert "Rwanda" not in view.static_html().split("<tbody>")[1]
    with pytest.raises(ValueError, match="unknown case"):
        reader.convention_reader(t["provisions"], t["events"], links, OPEN, case="bosnia")
