"""The cases on one clock: milestones by written definitions, enforced in code, data and chart."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest
from test_data import break_cell, clean, problems_for  # noqa: F401 (clean is a fixture)

from conftest import ROOT
from helpers import charts, data, milestones, text
from helpers.charts import compare as compare_module
from helpers.charts import gaps as gaps_module
from helpers.charts.compare import case_gaps, unseen
from helpers.dates import parse_date

CASES = ["cambodia", "rwanda", "darfur", "car"]


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name, ROOT / "data") for name in ("events", "cases")}


@pytest.fixture(scope="module")
def gaps(tables):
    return case_gaps(tables["events"], tables["cases"], CASES)


def event(tables, event_id):
    return tables["events"].set_index("id").loc[event_id]


def spec_rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_milestones_are_the_promised_keys_with_written_definitions():
    assert list(milestones.MILESTONES) == [
        "warning", "genocide-word", "investigation", "finding",
        "council-decision", "force-authorised", "force-arrived", "prosecution",
    ]  # fmt: skip
    listed = text.milestones().data
    assert [line.split("**")[1].rstrip(".") for line in listed.splitlines()] == [
        m.label for m in milestones.MILESTONES.values()
    ]
    for m in milestones.MILESTONES.values():
        assert len(m.definition) > 80 and m.label, m.key
        # The definition names the rule the code applies: its categories and the tags it requires.
        for category in m.categories:
            assert category in m.definition, (m.key, category)
        for tag in m.tags:
            assert tag in m.definition, (m.key, tag)


def test_rwanda_regression_a_us_policy_review_and_an_evacuation_are_not_milestones(tables, gaps):
    rwanda = gaps[gaps["case"] == "rwanda"].set_index("milestone")
    decision = rwanda.loc["council-decision"]
    assert decision["event_id"] != "rw-1993-prd-13"
    assert event(tables, decision["event_id"])["actor"] == "UN Security Council"
    assert decision["days"] >= 0, "the milestone counts the Council's decisions from the onset on"
    arrived = rwanda.loc["force-arrived"]
    assert arrived["event_id"] != "rw-1994-04-evacuation-foreign-nationals"
    if arrived["status"] != milestones.NEVER:
        assert arrived["days"] > 0 and event(tables, arrived["event_id"])["category"] == "deployment"
    # The evacuation is a deployment row, but the rule can never pick it, whatever tag it is given.
    evacuation = event(tables, "rw-1994-04-evacuation-foreign-nationals")
    forced = evacuation["tags"] + ";milestone:force-arrived"
    assert not milestones.MILESTONES["force-arrived"].matches(evacuation["category"], evacuation["actor"], forced)
    assert milestones.tag_problems(evacuation["category"], evacuation["actor"], forced)
    prd = event(tables, "rw-1993-prd-13")
    assert not milestones.MILESTONES["council-decision"].matches(prd["category"], prd["actor"], prd["tags"])
    assert milestones.tag_problems(prd["category"], prd["actor"], "milestone:council-decision")


def test_each_chosen_event_meets_its_written_definition_and_is_the_first(tables, gaps):
    events = tables["events"]
    onsets = {r.case: parse_date(r.onset).first for r in tables["cases"].itertuples()}
    reached = gaps[gaps["status"] == "reached"]
    assert len(reached) >= 20, "most milestones of the four cases are on record"
    for row in reached.itertuples():
        m = milestones.MILESTONES[row.milestone]
        hit = event(tables, row.event_id)
        assert hit["case"] == row.case
        declared = m.any_category_tagged and m.tag in milestones.tag_set(hit["tags"])
        assert hit["category"] in m.categories or declared, row.id
        assert m.actor is None or re.search(m.actor, hit["actor"]), row.id
        assert m.tags <= milestones.tag_set(hit["tags"]), row.id
        assert row.days == (hit["start"] - onsets[row.case]).days
        if m.after_onset:
            assert row.days >= 0, row.id
        # No other qualifying event of the case is certainly earlier.
        mine = events[events["case"] == row.case]
        rivals = [
            r.id
            for r in mine.itertuples()
            if m.matches(r.category, r.actor, r.tags)
            and (not m.after_onset or r.start >= onsets[row.case])
            and r.date_last < hit["date_last"]
        ]
        assert not rivals, (row.id, rivals)


def test_a_milestone_never_reached_is_a_row_and_is_drawn(tables, gaps):
    cambodia = gaps[(gaps["case"] == "cambodia") & (gaps["milestone"] == "force-authorised")]
    assert len(cambodia) == 1 and cambodia["status"].iloc[0] == milestones.NEVER
    assert pd.isna(cambodia["days"].iloc[0]) and pd.isna(cambodia["event_id"].iloc[0])
    # Take away every Council decision on Rwanda: the row stays, as never reached, and is drawn so.
    events = tables["events"]
    without = events[~((events["case"] == "rwanda") & (events["actor"] == "UN Security Council"))]
    chart = charts.compare_cases(without, tables["cases"], ["rwanda"], ["warning", "council-decision"])
    spec = chart.to_dict()
    rows = {r["id"]: r for r in spec_rows(spec) if "id" in r}
    assert rows["rwanda:council-decision"]["status_shown"] == milestones.NEVER
    assert rows["rwanda:council-decision"]["days_text"] == "none found"
    assert rows["rwanda:council-decision"]["short"] == "in the sources"
    assert rows["rwanda:warning"]["status_shown"] == "reached before the onset"
    table = spec["usermeta"]["book"]["table"]
    assert table["ids"] == ["rwanda:warning", "rwanda:council-decision"]
    assert "none found" in table["rows"][1]
    assert f"First Council decision: {milestones.NEVER}" in spec["description"]
    # One label for an empty cell, and it says what it rests on: the sources searched, not history.
    assert milestones.NEVER == "none found in the book's sources" and "never" not in milestones.NEVER
    assert "which are the article;" in table["note"] and "not proof that nothing happened" in table["note"]


def test_order_of_cases_and_milestones_is_kept(tables):
    gaps = case_gaps(tables["events"], tables["cases"], ["car", "rwanda"], ["finding", "warning"])
    assert list(gaps["id"]) == ["car:finding", "car:warning", "rwanda:finding", "rwanda:warning"]
    spec = charts.compare_cases(tables["events"], tables["cases"], ["car", "rwanda"], ["finding", "warning"]).to_dict()
    grid = spec["vconcat"][1]["layer"][0]["encoding"]
    assert grid["y"]["sort"] == ["First finding", "First warning"]
    assert grid["x"]["sort"] == ["Central African Republic", "Rwanda"]


@pytest.mark.parametrize(
    "which,chosen,words",
    [
        (["bosnia"], None, ["unknown case 'bosnia'", "rwanda", "car"]),
        (["rwanda"], ["ceasefire"], ["unknown milestone 'ceasefire'", "force-arrived", "prosecution"]),
        ([], None, ["no cases chosen"]),
        (["rwanda"], [], ["no milestones chosen"]),
    ],
)
def test_bad_keys_raise_clear_errors(tables, which, chosen, words):
    for build in (case_gaps, charts.compare_cases):
        with pytest.raises(ValueError) as info:
            build(tables["events"], tables["cases"], which, chosen)
        for word in words:
            assert word in str(info.value)


@pytest.mark.parametrize(
    "actor,category,tags,words",
    [
        (
            "US National Security Council",
            "decision",
            "milestone:council-decision",
            ["council-decision", "UN Security Council"],
        ),
        ("UN Security Council", "decision", "milestone:ceasefire", ["unknown milestone tag 'milestone:ceasefire'"]),
        ("France", "deployment", "deployment:evacuation;milestone:force-arrived", ["not tagged deployment:evacuation"]),
        ("UN Security Council", "statement", "milestone:genocide-word", ["without word:used"]),
        (
            "Canadian House of Commons",
            "statement",
            "word:used;milestone:genocide-word",
            ["genocide-word", "house of commons"],
        ),
    ],
)
def test_validator_refuses_a_milestone_tag_the_row_cannot_meet(clean, actor, category, tags, words):  # noqa: F811
    break_cell(clean, "events", "actor", actor)
    break_cell(clean, "events", "category", category)
    break_cell(clean, "events", "tags", tags)
    problems = [p for p in problems_for(clean) if "tags" in p]
    assert len(problems) == 1, problems
    assert problems[0].startswith("events.csv:3: tags: ")
    for word in words:
        assert word in problems[0]


def _rows(tables, extra: list[dict]) -> pd.DataFrame:
    """The events table with ``extra`` rows added (each a dict of the row's cells), loaded as the charts load it."""
    from helpers.data.loading import _add_spans

    events = tables["events"]
    added = pd.DataFrame(
        [{c: pd.NA for c in events.columns if c in ("end_date", "locator", "note", "tags")} | r for r in extra]
    )
    _add_spans(added, "date")
    with warnings.catch_warnings():  # the added rows leave some columns empty; pandas warns about that
        warnings.simplefilter("ignore", FutureWarning)
        return pd.concat([events, added.astype(object)], ignore_index=True)


def test_a_presidential_statement_recorded_as_a_decision_is_the_councils_decision(tables):
    """Review F1: the Council's statement of 7 April 1994 is its first decision on Rwanda, at day 0, by the rule
    as written; without that row the cell falls to the next decision on record (review 2, m2: the statement of
    30 April, also an S/PRST, is coded as a decision too)."""
    gaps = case_gaps(tables["events"], tables["cases"], ["rwanda"], ["council-decision"])
    first = event(tables, gaps["event_id"].iloc[0])
    assert first["category"] == "decision" and "S/PRST" in first["title"] and gaps["days"].iloc[0] == 0
    events = tables["events"]
    without = events[events["id"] != gaps["event_id"].iloc[0]]
    later = case_gaps(without, tables["cases"], ["rwanda"], ["council-decision"])
    assert later["days"].iloc[0] > 0 and event(tables, later["event_id"].iloc[0])["category"] == "decision"


def test_a_warning_of_another_category_counts_only_when_declared(tables):
    """Review F2: a statement that warned outsiders counts as a warning when its row is tagged milestone:warning."""
    row = {"id": "kh-test-warning", "case": "cambodia", "date": "1975-05-01", "actor": "A government",
           "category": "statement", "title": "A test statement", "description": "x", "source": "maddox2015"}  # fmt: skip
    plain = case_gaps(_rows(tables, [row]), tables["cases"], ["cambodia"], ["warning"])
    assert plain["event_id"].iloc[0] != "kh-test-warning", "an untagged statement is not a warning"
    tagged = case_gaps(
        _rows(tables, [{**row, "tags": "milestone:warning"}]), tables["cases"], ["cambodia"], ["warning"]
    )
    assert tagged["event_id"].iloc[0] == "kh-test-warning" and tagged["days"].iloc[0] == 30
    assert not milestones.tag_problems("statement", "A government", "milestone:warning")


def test_a_latest_date_says_so_in_its_cell(tables):
    gaps = case_gaps(tables["events"], tables["cases"], CASES)
    for r in gaps[gaps["status"] == "reached"].itertuples():
        latest = milestones.LATEST in milestones.tag_set(event(tables, r.event_id)["tags"])
        assert r.short.startswith("by ") == latest, r.id
        assert (gaps_module.LATEST_NOTE in r.date_note) == latest, r.id
    assert gaps["latest"].any(), "some cell of the four cases rests on a latest date"


def test_a_milestone_no_institution_could_meet_in_the_era_is_not_available(tables):
    cases = tables["cases"].copy()
    early = cases[cases["case"] == "cambodia"].iloc[0].to_dict() | {"end_date": "1979-01"}
    events = tables["events"]
    no_court = events[~((events["case"] == "cambodia") & (events["category"] == "legal"))]
    gaps = case_gaps(no_court, pd.DataFrame([early]), ["cambodia"], ["prosecution", "force-authorised"])
    status = dict(zip(gaps["milestone"], gaps["status"]))
    assert status == {"prosecution": milestones.NOT_AVAILABLE, "force-authorised": milestones.NEVER}
    assert gaps["days_text"].iloc[0] == "not available"
    # While the violence goes on (no end date), nothing is out of its era.
    ongoing = case_gaps(no_court, pd.DataFrame([early | {"end_date": ""}]), ["cambodia"], ["prosecution"])
    assert ongoing["status"].iloc[0] == milestones.NEVER
    # Reached after such courts existed: the cell says the milestone was not available while the killing lasted.
    reached = case_gaps(events, pd.DataFrame([early]), ["cambodia"], ["prosecution"])
    assert reached["status"].iloc[0] == "reached" and "no international criminal court" in reached["era_note"].iloc[0]


def test_the_prosecution_era_is_the_data_s_own_date(tables):
    """The code's date for the first international criminal court since the post-war tribunals is a sourced row."""
    row = event(tables, "conv-1993-05-25-icty-created")
    assert row["date"] == milestones.PROSECUTION_SINCE == milestones.MILESTONES["prosecution"].since


def test_an_alternative_onset_redraws_the_clock_from_its_own_day_0(tables):
    table = compare_module.onsets(tables["events"], tables["cases"], CASES)
    assert list(table["case"]) == CASES and (table["alternative_when"] != "").all(), "every case offers an alternative"
    for case in CASES:
        article = case_gaps(tables["events"], tables["cases"], [case], ["warning"])
        other = case_gaps(tables["events"], tables["cases"], [case], ["warning"], onset="alternative")
        alt_row = tables["events"][(tables["events"]["case"] == case)
                                   & tables["events"]["tags"].str.contains("onset:alternative")].iloc[0]  # fmt: skip
        assert other["onset"].iloc[0] == alt_row["date"]
        shift = (parse_date(alt_row["date"]).first - parse_date(article["onset"].iloc[0]).first).days
        assert other["days"].iloc[0] == article["days"].iloc[0] - shift, case
    spec = charts.compare_cases(tables["events"], tables["cases"], CASES, ["warning"], onsets=True).to_dict()
    params = [p for p in spec.get("params", []) if "bind" in p]
    assert len(params) == 1 and params[0]["bind"]["input"] == "radio" and params[0]["value"] == "article"
    ids = spec["usermeta"]["book"]["table"]["ids"]
    assert "rwanda:warning" in ids and "rwanda:warning@alternative" in ids
    plain = charts.compare_cases(tables["events"], tables["cases"], CASES, ["warning"]).to_dict()
    assert not [p for p in plain.get("params", []) if "bind" in p], "the switch only where a chapter asks for it"


def test_two_alternative_onsets_for_one_case_are_refused(tables):
    extra = {"id": "rw-test-onset", "case": "rwanda", "date": "1994-04-06", "actor": "x", "category": "violence",
             "title": "t", "description": "d", "source": "maddox2015", "tags": "onset:alternative"}  # fmt: skip
    with pytest.raises(ValueError, match=r"rw-test-onset.*at most one alternative day 0"):
        case_gaps(_rows(tables, [extra]), tables["cases"], ["rwanda"], onset="alternative")
    with pytest.raises(ValueError, match=r"unknown onset 'later'"):
        case_gaps(tables["events"], tables["cases"], ["rwanda"], onset="later")


def test_the_clock_renders_with_its_switch(tables):
    """The grid draws in Vega (an apostrophe in a label once broke its filter expressions)."""
    import vl_convert as vlc

    spec = charts.compare_cases(tables["events"], tables["cases"], CASES, onsets=True).to_dict()
    svg = vlc.vegalite_to_svg(spec)
    assert "none found" in svg and "in the sources" in svg and "by 5 Apr 2004" in svg
    assert "not available in the era" not in svg, "no key for a state no cell is in"


def test_the_data_end_is_the_latest_record(tables):
    last = max(parse_date(d).last for d in tables["events"]["date"])
    assert str(last.year) in compare_module.data_end(tables["events"])
    spec = charts.compare_cases(tables["events"], tables["cases"], ["rwanda"]).to_dict()
    assert f"The data run to {compare_module.data_end(tables['events'])}" in spec["usermeta"]["book"]["table"]["note"]


def test_every_row_the_clock_might_take_carries_a_judgment(tables):
    """Review 2, M1: the switch found only rows that already carried the tags, so a special rapporteur's mission
    (Rwanda, April 1993) and a Council resolution (the CAR, January 2013) were missed under the alternative day 0.
    Every row that could meet a milestone and would change a cell under either day 0 must say whether it counts."""
    assert unseen(tables["events"], tables["cases"], CASES).empty, unseen(tables["events"], tables["cases"], CASES)
    # The check catches the defect the review found: the mission without its tag is listed, under the alternative.
    events = tables["events"].copy()
    at = events.index[events["id"] == "rw-1993-04-ndiaye-mission"][0]
    events.loc[at, "tags"] = pd.NA
    found = unseen(events, tables["cases"], ["rwanda"], ["investigation"])
    assert list(zip(found["id"], found["onset_view"])) == [("rw-1993-04-ndiaye-mission", "alternative")]
    # Recording the contrary judgment (not counted, with its reason in the note) clears it as well.
    events.loc[at, "tags"] = "not-counted:investigation"
    assert unseen(events, tables["cases"], ["rwanda"], ["investigation"]).empty


def test_a_council_decision_in_the_alternative_window_is_the_cell(tables):
    """Review 2, M1: under the CAR's alternative day 0 the Council's first decision is whichever decision of the
    Council comes first in the data, whatever it decided; dropping it moves the cell to a later one."""
    alt = case_gaps(tables["events"], tables["cases"], ["car"], ["council-decision"], onset="alternative")
    first = event(tables, alt["event_id"].iloc[0])
    assert first["actor"] == "UN Security Council" and first["category"] == "decision"
    start = parse_date(alt["onset"].iloc[0]).first
    decisions = tables["events"][(tables["events"]["case"] == "car")
                                 & (tables["events"]["actor"] == "UN Security Council")
                                 & (tables["events"]["category"] == "decision")]  # fmt: skip
    after = [parse_date(d).first for d in decisions["date"] if parse_date(d).first >= start]
    assert (parse_date(first["date"]).first - start).days == alt["days"].iloc[0] == (min(after) - start).days
    without = tables["events"][tables["events"]["id"] != first.name]
    later = case_gaps(without, tables["cases"], ["car"], ["council-decision"], onset="alternative")
    assert later["days"].iloc[0] > alt["days"].iloc[0]


@pytest.mark.parametrize(
    ("category", "actor", "tags", "note", "words"),
    [
        ("decision", "UN Security Council", "not-counted:force-authorised", "An arms embargo.", ["without a reason"]),
        ("decision", "UN Security Council", "not-counted:ceasefire", "Not counted: no such milestone.", ["unknown"]),
        (
            "investigation",
            "UN Commission on Human Rights",
            "milestone:investigation;not-counted:investigation",
            "Not counted, and counted.",
            ["one judgment"],
        ),
        ("investigation", "Government of Sudan", "milestone:investigation", "A national inquiry.", ["actor matching"]),
    ],
)
def test_validator_refuses_a_judgment_without_its_reason(clean, category, actor, tags, note, words):  # noqa: F811
    """A row refused for a milestone says why in its note; one inquiry counts only from an international body."""
    break_cell(clean, "events", "actor", actor)
    break_cell(clean, "events", "category", category)
    break_cell(clean, "events", "tags", tags)
    break_cell(clean, "events", "note", note)
    problems = [p for p in problems_for(clean) if "tags" in p]
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0]
    break_cell(clean, "events", "tags", "not-counted:force-authorised")
    break_cell(clean, "events", "note", "Not counted on the clock: it authorised no force.")
    assert not [p for p in problems_for(clean) if "tags" in p]
