"""Every date control shows a date, not a day count: the live explorers' slider and the charts' Known-by menu."""

from __future__ import annotations

import re

import pytest

from helpers import charts
from helpers.live import date_slider

DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")


def test_the_explorers_slider_reads_as_dates(events):
    slider = date_slider(events, "rwanda", "1994-04-21", start="1994-04", end="1994-06")
    labels = list(slider._options_labels)
    assert labels[0] == "1 April 1994" and labels[-1] == "30 June 1994"
    assert all(DATE.fullmatch(label) for label in labels)
    assert slider.label == "21 April 1994"
    with pytest.raises(ValueError, match="outside the slider's span"):
        date_slider(events, "rwanda", "1995-01-01", start="1994-04", end="1994-06")


def test_the_known_by_menu_offers_labelled_dates_in_order(events):
    spec = charts.timeline(events, case="cambodia").to_dict()
    known = next(p for p in spec["params"] if p["name"] == "known_by")["bind"]
    assert known["input"] == "select" and known["name"].strip() == "Known by"
    assert known["options"] == sorted(set(known["options"])) and all(DATE.fullmatch(x) for x in known["labels"])
    assert not any("day" in x for x in known["labels"])
