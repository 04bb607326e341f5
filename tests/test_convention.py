"""The Convention chapter's charts and reader: valid specs, links from the data, clear errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_charts import VEGALITE

from conftest import ROOT
from helpers import charts, data, widgets
from helpers.provisions import LINKED_BY, article_links, open_questions, read_articles

READ = ("I", "II", "III(c)", "VIII", "IX")


@pytest.fixture(scope="module")
def t():
    return {name: data.load(name, ROOT / "data") for name in ("events", "readings", "provisions", "links")}


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


def test_links_come_from_the_links_table_and_the_article_ii_readings(t):
    links = article_links(t["provisions"], t["links"], t["readings"])
    by = {(r.article, r.id): r.linked_by for r in links.itertuples()}
    assert by[("IX", "conv-2007-02-26-icj-bosnia-judgment")] == LINKED_BY["source"]  # the court names the article
    assert by[("II", "rw-1994-shelly-avoids-genocide")] == LINKED_BY["book"]  # in links.csv before the readings
    assert by[("VIII", "rw-1994-04-us-article-viii-argument")] == LINKED_BY["book"]
    assert not links.duplicated(["article", "id"]).any()
    readings_only = set(links.loc[links["linked_by"] == LINKED_BY["definition"], "id"])
    assert readings_only and not readings_only & set(
        t["links"].loc[t["links"]["provision"] == "art-ii-chapeau", "event"]
    )


def test_the_articles_read_and_their_open_questions_are_data(t):
    assert read_articles(t["provisions"]) == list(READ)
    assert open_questions(t["provisions"])["VIII"].startswith("Must the UN organs")


def test_a_link_to_an_unknown_provision_is_a_clear_error(t):
    bad = pd.DataFrame({"provision": ["art-xx"], "event": ["e1"], "basis": ["?"], "reading_by": ["book"]})
    with pytest.raises(ValueError, match="art-xx"):
        article_links(t["provisions"], bad)


def test_articles_chart_has_a_menu_and_one_table_row_per_link(t):
    links = article_links(t["provisions"], t["links"], t["readings"])
    spec = spec_of(charts.convention_articles(t["provisions"], t["events"], t["links"], t["readings"]))
    pick = params(spec)["article_pick"]
    assert pick["bind"]["input"] == "select"  # keyboard reachable, as well as clickable
    table = spec["usermeta"]["book"]["table"]
    shown = links[links["article"].isin(READ)]
    assert len(table["rows"]) == len(shown)
    assert "Linked by" in table["columns"] and LINKED_BY["book"] in {
        r[table["columns"].index("Linked by")] for r in table["rows"]
    }


def test_articles_chart_errors_name_what_is_missing(t):
    no_question = t["provisions"].assign(
        leaves_open=t["provisions"]["leaves_open"].where(t["provisions"]["article"] != "I")
    )
    with pytest.raises(ValueError, match="no leaves_open for article"):
        charts.convention_articles(no_question, t["events"], t["links"], which=("I", "II"))
    with pytest.raises(ValueError, match="no provision for article"):
        charts.convention_articles(t["provisions"], t["events"], t["links"], which=("I", "XX"))


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
    view = widgets.convention_reader(
        t["provisions"], t["events"], t["links"], t["readings"], article="VIII", case="rwanda"
    )
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    static = bundle["text/html"]
    assert "Article VIII" in static and "live-note" in static and "Dropdown(" not in static
    view.controls["case"].value = "cambodia"
    assert "Rwanda" not in view.static_html().split("<tbody>")[1]
    with pytest.raises(ValueError, match="unknown case"):
        widgets.convention_reader(t["provisions"], t["events"], t["links"], case="bosnia")


def test_the_conventions_timeline_never_draws_violence_as_an_idea(t):
    """Srebrenica is not an institution or an idea: the strand lanes give the Convention's violence rows a lane
    of their own, and keep the law and the institutions apart (review of the chapter, finding 18)."""
    from helpers.charts.timeline import STRANDS

    spec = spec_of(charts.timeline(t["events"], start="1944", end="2015", lanes="strand", slider=False))
    rows = {r["id"]: r for ds in spec["datasets"].values() for r in ds if isinstance(r, dict) and "strand" in r}
    assert rows["conv-1995-07-srebrenica"]["strand"] == STRANDS[2] != STRANDS[1]
    assert rows["conv-2007-02-26-icj-bosnia-judgment"]["strand"] == STRANDS[0]
    assert rows["conv-2004-osapg-created"]["strand"] == STRANDS[1]
    assert rows["rw-1994-04-21-res-912"]["strand"] == "Rwanda"  # a case's events stay in its own lane
