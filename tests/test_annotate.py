"""Annotation bands and wrapped labels (helpers.charts.annotate): labels that never overlap."""

from __future__ import annotations

import pandas as pd

from helpers.charts import annotate


def _clashes(placed):
    """Pairs of labels that overlap, or where one's rule (from its label down to the plot) crosses the other."""
    bad = []
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            if a.row <= b.top and b.row <= a.top and a.left < b.right and b.left < a.right:
                bad.append((a.text, b.text, "overlap"))
            for upper, lower in ((a, b), (b, a)):
                if upper.row > lower.top and lower.left <= upper.x <= lower.right:
                    bad.append((upper.text, lower.text, "rule crosses label"))
    return bad


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
