"""Annotation bands and wrapped labels (helpers.charts.annotate): labels that never overlap."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.charts import annotate


def _clashes(placed):
    """Pairs of labels the module's own predicate calls clashing (tested on drawn cases below)."""
    return [(a.text, b.text) for i, a in enumerate(placed) for b in placed[i + 1 :] if annotate._clash(a, b)]


def label(row, x, left, right, lines=1):
    return annotate.Placed(row, x, left, right, f"label at {x}", lines)


@pytest.mark.parametrize(
    "a,b,clash",
    [
        # Two labels in one row: their texts overlap, touch, or stand apart.
        (label(0, 10, 12, 120), label(0, 100, 102, 200), True),
        (label(0, 10, 12, 100), label(0, 100, 100, 200), False),
        (label(0, 10, 12, 90), label(0, 100, 102, 200), False),
        # One above the other: a label's rule runs down from it to the plot, through the row below.
        (label(1, 50, 52, 150), label(0, 10, 12, 120), True),  # the upper rule (x=50) crosses the lower text
        (label(1, 150, 152, 250), label(0, 10, 12, 120), False),  # it passes beside it
        (label(0, 50, 52, 150), label(1, 10, 12, 120), False),  # the lower label's rule stops at its own row
        # A two-line label covers the row above its own.
        (label(0, 10, 12, 120, lines=2), label(1, 100, 102, 200), True),
        (label(0, 10, 12, 90, lines=2), label(2, 200, 202, 300), False),
    ],
)
def test_two_labels_clash_when_texts_overlap_or_a_rule_crosses_a_text(a, b, clash):
    assert annotate._clash(a, b) is clash and annotate._clash(b, a) is clash


def test_labels_close_in_time_are_staggered_without_overlap():
    xs = [10, 30, 50, 300, 310, 590]
    texts = ["Resolution 872 establishes UNAMIR", "Arusha Accords", "A third label", "Res 912", "Res 918", "End"]
    placed = annotate.stagger(xs, texts, plot_width=600)
    assert not _clashes(placed)
    assert all(p.right <= 600 for p in placed)  # nothing runs past the plot's right edge
    assert placed[-1].right <= placed[-1].x  # near the right edge a label runs leftwards


def test_darfur_resolutions_fit_by_breaking_a_label_over_two_lines():
    """Three long labels whose texts cover each other's rules: no one-line layout exists."""
    xs = [106, 144, 293]
    texts = [
        "Resolution 1564 asks for a commission of inquiry",
        "Resolution 1593 refers Darfur to the ICC",
        "Resolution 1769 authorises UNAMID",
    ]
    placed = annotate.stagger(xs, texts, plot_width=511, left_room=100)
    assert not _clashes(placed)
    assert any(p.lines == 2 for p in placed)
    assert all("\n".join(p.text.split("\n")).replace("\n", " ") == t for p, t in zip(placed, texts))


def test_labels_far_apart_share_the_row_nearest_the_plot():
    placed = annotate.stagger([0, 400], ["short", "short"], plot_width=600)
    assert [p.row for p in placed] == [0, 0] and all(p.lines == 1 for p in placed)


def test_place_on_a_time_axis():
    marks = pd.DataFrame(
        {"at": pd.to_datetime(["1994-04-21", "1994-05-17", "1994-07-31"]), "label": ["Res 912", "Res 918", "End"]}
    )
    out = annotate.place(marks, "at", pd.Timestamp("1993-08-01"), pd.Timestamp("1994-07-31"), 500)
    assert list(out["drawn"]) == ["Res 912", "Res 918", "End"]
    assert out["right"].iloc[-1]  # the last label, at the right edge, runs leftwards
    assert (out["top_row"] >= 0).all()


def test_wrap_keeps_words_whole_and_the_axis_splits_lines():
    text = "Republic of Rwanda, Ministry of Local Government"
    wrapped = annotate.wrap(text, 28)
    assert wrapped.replace("\n", " ") == text
    assert all(len(line) <= 28 for line in wrapped.split("\n")) and "\n" in wrapped
    assert annotate.wrap("short", 28) == "short"
    assert annotate.LINES == "split(datum.label, '\\n')"
