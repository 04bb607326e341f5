"""The reader's trilateral matrix: a static rendering with the readings, and a comparison that follows the controls."""

from __future__ import annotations

import pytest

from helpers import widgets
from helpers.widgets import weigh


def test_static_rendering_hides_each_reading_until_weighed(readings, events):
    view = widgets.weigh_factors(readings, events, ["rwanda", "darfur"])
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle, "live in a kernel"
    static = bundle["text/html"]
    assert "Binder" in static and "live-note" in static
    assert "Dropdown(" not in static and "Dropdown(" not in bundle["text/plain"]
    assert static.count("<tr><th scope='row'>") == 2 and "Rwanda" in static and "Darfur" in static
    # Predict, then compare: each cell names whose reading waits there and its source, not the reading.
    assert static.count(weigh.HIDDEN) == 6
    assert "Washington and London feared" not in static and "weighed heavily" not in static
    assert "the article&#x27;s reading" in static and "Maddox 2015, n. 88" in static
    assert "Nothing weighed yet" in static and "You:" not in static and "weigh-copy" not in static
    assert "(0 of 6 cells weighed)" in static and "rwanda__" not in static, "a short heading, not every menu's value"
    view.controls[weigh.REVEAL].value = True
    shown = view.static_html()
    assert weigh.HIDDEN not in shown and "Washington and London feared" in shown, "a class can see every reading"
    assert "(0 of 6 cells weighed)" in shown, "the reveal box is not a cell"


def test_the_weights_are_on_the_readings_scale(readings, events):
    from helpers import vocabulary
    from helpers.charts.trilateral import factors

    scale = {p for topic in factors() for p in vocabulary.frame("trilateral").positions_of(topic)}
    assert set(weigh.LEVELS) - {weigh.NOT_WEIGHED} == scale, "a reader weighs on the scale the readings use"
    view = widgets.weigh_factors(readings, events, ["rwanda"])
    menu = next(c for k, c in view.controls.items() if k != weigh.REVEAL)
    assert list(menu.options) == weigh.LEVELS


def test_setting_a_weight_updates_the_comparison(readings, events):
    view = widgets.weigh_factors(readings, events, ["rwanda", "darfur", "car"])
    before = view.static_html()
    view.controls["rwanda__sovereignty"].value = "high"  # the article reads it as low
    after = view.static_html()
    assert before != after and "(1 of 9 cells weighed)" in after
    assert "You: high" in after and "differs from the reading" in after
    assert "You have weighed 1 of 9 cells: 0 match the reading, 1 differ" in after
    assert after.count(weigh.HIDDEN) == 8, "the weighed cell shows its reading; the others stay hidden"
    assert "Your weights, to copy:" in after and "Rwanda, sovereignty: high" in after
    view.controls["darfur__interest"].value = "high"  # same as the reading
    assert "1 match the reading, 1 differ" in view.static_html()


def test_a_reason_is_shown_with_its_weight(readings, events):
    view = widgets.weigh_factors(readings, events, ["car"])
    key = "car__sovereignty"  # the book reads it as unclear
    view.controls[key].value = "low"
    reasons = [c for c in view.widget.children if hasattr(c, "children")]
    note = next(box.children[1] for box in reasons if box.children and box.children[0] is view.controls[key])
    note.value = "the authorities asked for the foreign forces"
    shown = view.static_html()
    assert "the authorities asked for the foreign forces" in shown and "the reading leaves this open" in shown


def test_verdicts_and_bad_input():
    assert weigh.verdict("high", "high") == "same" and weigh.verdict("low", "high") == "differs"
    assert weigh.verdict("unclear", "unclear") == "same", "'unclear' can agree with an unclear reading"
    assert weigh.verdict("low", "unclear") == "open" and weigh.verdict("unclear", "high") == "you-open"
    assert weigh.verdict("not weighed", "low") == "not weighed"
    with pytest.raises(ValueError, match="weight 'medium' is not a weight"):
        weigh.verdict("medium", "high")


def test_bad_cases_raise_clear_errors(readings, events):
    with pytest.raises(ValueError, match="unknown case 'bosnia'"):
        widgets.weigh_factors(readings, events, ["bosnia"])
    with pytest.raises(ValueError, match="no trilateral readings"):
        widgets.weigh_factors(readings[readings["frame"] == "risk"], events)
