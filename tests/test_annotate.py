"""Annotation bands and wrapped labels (helpers.charts.annotate): labels that never overlap."""

from __future__ import annotations

import pandas as pd

from helpers.charts import annotate


def _overlaps(placed, texts):
    bad = []
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            if a.row == b.row and a.left < b.right and b.left < a.right:
                bad.append((texts[placed.index(a)], texts[placed.index(b)], "same row"))
            for upper, lower in ((a, b), (b, a)):  # a rule comes down from the upper label through lower rows
                if upper.row > lower.row and lower.left <= upper.x <= lower.right:
                    bad.append(("rule", upper.x, "crosses a lower label"))
    return bad


def test_labels_close_in_time_are_staggered_without_overlap():
    xs = [10, 30, 50, 300, 310, 590]
    texts = ["Resolution 872 establishes UNAMIR", "Arusha Accords", "A third label", "Res 912", "Res 918", "End"]
    placed = annotate.stagger(xs, texts, plot_width=600)
    assert not _overlaps(placed, texts)
    assert [p.row for p in placed][:3] == [2, 1, 0]  # earlier labels climb over later ones
    assert placed[-1].right <= 600 and placed[-1].right <= placed[-1].x  # near the right edge it runs leftwards


def test_labels_far_apart_share_the_row_nearest_the_plot():
    placed = annotate.stagger([0, 400], ["short", "short"], plot_width=600)
    assert [p.row for p in placed] == [0, 0]


def test_placed_rows_on_a_time_axis():
    at = pd.to_datetime(["1994-04-21", "1994-05-17", "1994-07-31"])
    rows, leftwards = annotate.placed_rows(
        at, pd.Timestamp("1993-08-01"), pd.Timestamp("1994-07-31"), pd.Series(["Res 912", "Res 918", "End"]), 500
    )
    assert len(rows) == 3 and leftwards[-1] and not leftwards[0]


def test_wrap_keeps_words_whole_and_the_axis_splits_lines():
    text = "Republic of Rwanda, Ministry of Local Government"
    wrapped = annotate.wrap(text, 28)
    assert wrapped.replace("\n", " ") == text
    assert all(len(line) <= 28 for line in wrapped.split("\n")) and "\n" in wrapped
    assert annotate.wrap("short", 28) == "short"
    assert annotate.LINES == "split(datum.label, '\\n')"
