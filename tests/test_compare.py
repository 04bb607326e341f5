"""The cases on one clock: milestones by written definitions, enforced in code, data and chart."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_data import break_cell, clean, problems_for  # noqa: F401 (clean is a fixture)

from conftest import ROOT
from helpers import charts, data, milestones, text
from helpers.charts.compare import case_gaps
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
        assert hit["category"] in m.categories, row.id
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
    cambodia = gaps[(gaps["case"] == "cambodia") & (gaps["milestone"] == "council-decision")]
    assert len(cambodia) == 1 and cambodia["status"].iloc[0] == milestones.NEVER
    assert pd.isna(cambodia["days"].iloc[0]) and pd.isna(cambodia["event_id"].iloc[0])
    # Take away every Council decision on Rwanda: the row stays, as never reached, and is drawn so.
    events = tables["events"]
    without = events[~((events["case"] == "rwanda") & (events["actor"] == "UN Security Council"))]
    chart = charts.compare_cases(without, tables["cases"], ["rwanda"], ["warning", "council-decision"])
    spec = chart.to_dict()
    rows = {r["id"]: r for r in spec_rows(spec) if "id" in r}
    assert rows["rwanda:council-decision"]["status_shown"] == milestones.NEVER
    assert rows["rwanda:council-decision"]["days_text"] == "not reached"
    assert rows["rwanda:warning"]["status_shown"] == "reached before the onset"
    table = spec["usermeta"]["book"]["table"]
    assert table["ids"] == ["rwanda:warning", "rwanda:council-decision"]
    assert "not reached" in table["rows"][1]
    assert "First Council decision: never reached" in spec["description"]


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
