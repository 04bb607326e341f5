"""Weigh the factors yourself: a reader's trilateral matrix beside the readings in the data.

:func:`weigh_factors` returns a :class:`helpers.widgets.live.LiveView`. In a kernel
(JupyterLab, Binder) the reader gives each factor in each case a weight on the
readings' own scale (low, high, or unclear, as an obstacle to preventing or
halting genocide) with a one-line reason. Predict, then compare: a cell's
reading (the article's, or the book's, declared) stays hidden until the reader
has weighed that cell, unless they choose to see every reading; the matrix then
says whether the two agree. The weights and reasons are listed under the matrix
as plain text, to copy and hand in. On the static site nothing is weighed yet,
so each cell names only whose reading it holds and its source.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from helpers import vocabulary
from helpers.charts.trilateral import factors, trilateral_table
from helpers.widgets.live import LiveView

# The readings' own scale (vocabulary "trilateral" positions: high, low, unclear), so that a weight can
# match a reading; a test holds the two together.
LEVELS = ["not weighed", "low", "high", "unclear"]
NOT_WEIGHED = LEVELS[0]
VERDICTS = {
    "same": "same as the reading",
    "differs": "differs from the reading: which evidence would settle it?",
    "open": "the reading leaves this open: your reason decides",
    "you-open": "you leave open what the reading decides: what would you need to know?",
    "not weighed": "not weighed yet",
}
HIDDEN = "Weigh this cell to see its reading"


def verdict(yours: str, reading: str) -> str:
    """How a reader's weight compares with a reading's position (high, low or unclear)."""
    if yours not in LEVELS:
        raise ValueError(f"weight {yours!r} is not a weight (expected one of {', '.join(LEVELS)})")
    if yours == NOT_WEIGHED:
        return "not weighed"
    if yours == reading:
        return "same"
    if reading == "unclear":
        return "open"
    return "you-open" if yours == "unclear" else "differs"


def comparison(table: pd.DataFrame, marks: Mapping[tuple[str, str], tuple[str, str]]) -> pd.DataFrame:
    """One row per reading in ``table`` (from :func:`helpers.charts.trilateral.trilateral_table`) with the reader's
    weight and reason from ``marks`` (``{(case, factor): (weight, reason)}``) and the verdict."""
    unknown = sorted(set(marks) - set(zip(table["case"], table["topic"])))
    if unknown:
        raise ValueError(f"marks for {unknown} match no reading (expected (case, factor) pairs of the matrix)")
    out = table.copy()
    given = [marks.get((c, t), (NOT_WEIGHED, "")) for c, t in zip(out["case"], out["topic"])]
    out["yours"] = [g[0] for g in given]
    out["reason"] = [g[1] for g in given]
    out["verdict"] = [verdict(y, p) for y, p in zip(out["yours"], out["position"])]
    return out


class _Html:
    """Something IPython displays as HTML (and LiveView writes into the static page)."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:
        return "The trilateral matrix (shown as a table where HTML can be displayed)"


def matrix_html(compared: pd.DataFrame, reveal: bool = False) -> _Html:
    """The matrix as an HTML table: one row per case, one column per factor. A cell the reader has weighed
    (or every cell, with ``reveal``) gives the reading's weight, whose reading it is and the reading in one
    line, then the reader's weight, reason and the verdict; a cell not yet weighed names only whose reading
    waits there and its source, so that the reader weighs before seeing it. Under the table, the reader's
    weights and reasons as plain text, to copy."""
    counts = compared["verdict"].value_counts()
    weighed = len(compared) - int(counts.get("not weighed", 0))
    lead = (
        f"You have weighed {weighed} of {len(compared)} cells: {int(counts.get('same', 0))} match the reading, "
        f"{int(counts.get('differs', 0)) + int(counts.get('you-open', 0))} differ, "
        f"{int(counts.get('open', 0))} where the reading is unclear."
        if weighed
        else "Nothing weighed yet. Weigh each cell with the menus (live in Binder): its reading appears once you have."
    )
    e = html.escape
    weights = vocabulary.frame("trilateral").position_labels()
    head = "\n".join(f"<th scope='col'>{e(name)}</th>" for name in factors().values())
    body = []
    for case_name, rows in compared.groupby("case_name", sort=False):
        cells = []
        for topic in factors():
            hit = rows[rows["topic"] == topic]
            if hit.empty:
                cells.append("<td>no reading</td>")
                continue
            r = hit.iloc[0]
            if r["yours"] == NOT_WEIGHED and not reveal:
                cells.append(f"<td><em>{e(HIDDEN)}</em> ({e(r['whose'])}, {e(r['cite'])})</td>")
                continue
            yours = (
                ""
                if r["yours"] == NOT_WEIGHED
                else f"<br><em>You: {e(r['yours'])}</em>{(' (' + e(r['reason']) + ')') if r['reason'] else ''}"
                f" <span class='weigh-verdict'>{e(VERDICTS[r['verdict']])}</span>"
            )
            cells.append(
                f"<td><strong>{e(weights[r['position']])}</strong> ({e(r['whose'])}, {e(r['cite'])})<br>"
                f"{e(r['summary'])}{yours}</td>"
            )
        body.append(f"<tr><th scope='row'>{e(case_name)}</th>\n{chr(10).join(cells)}</tr>")
    table = (
        "<table class='weigh-matrix'><caption>Weight of each factor as an obstacle, case by case</caption>"
        f"<thead><tr><th scope='col'>Case</th>\n{head}</tr></thead><tbody>{chr(10).join(body)}</tbody></table>"
    )
    mine = compared[compared["yours"] != NOT_WEIGHED]
    copy = (
        "\n<p class='weigh-copy-lead'>Your weights, to copy:</p>\n<pre class='weigh-copy'>"
        + e(
            "\n".join(
                f"{r.case_name}, {r.topic}: {r.yours}" + (f" ({r.reason})" if r.reason else "")
                for r in mine.itertuples()
            )
        )
        + "</pre>"
        if len(mine)
        else ""
    )
    return _Html(f"<p class='weigh-lead'>{e(lead)}</p>\n{table}{copy}")


class WeighView(LiveView):
    """A :class:`LiveView` whose heading counts the cells weighed instead of listing every menu's value."""

    def settings(self) -> str:
        menus = {k: v for k, v in self.values().items() if k != REVEAL}
        weighed = sum(v != NOT_WEIGHED for v in menus.values())
        return f"{weighed} of {len(menus)} cells weighed"


REVEAL = "reveal"  # the control that shows every reading at once (for a class that has weighed on paper)


def weigh_factors(
    readings: pd.DataFrame, events: pd.DataFrame | None = None, cases: Sequence[str] | None = None
) -> LiveView:
    """Weigh each factor for each case (low, high or unclear: the readings' scale) with a one-line reason,
    and compare your matrix with the readings in the data (the article's, or the book's, declared as such),
    each revealed once you have weighed its cell.

    Raises a clear error for an unknown case or a table without trilateral readings.
    """
    import ipywidgets as w

    table = trilateral_table(readings, events, cases, "factor")  # checks everything before any control
    keys = [(c, t) for c, t in zip(table["case"], table["topic"])]
    names = dict(zip(table["case"], table["case_name"]))
    menus = {
        f"{c}__{t}": w.Dropdown(options=LEVELS, value=NOT_WEIGHED, description=f"{names[c]}: {t}",
                                style={"description_width": "initial"}, layout=w.Layout(width="320px"))
        for c, t in keys
    }  # fmt: skip
    notes = {key: w.Text(placeholder="your reason, in one line", layout=w.Layout(width="360px")) for key in menus}

    reveal = w.Checkbox(value=False, description="Show every reading", indent=False)

    def view(**weights: Any) -> _Html:
        marks = {tuple(k.split("__")): (weights[k], notes[k].value) for k in menus if weights[k] != NOT_WEIGHED}
        return matrix_html(comparison(table, marks), reveal=bool(weights.get(REVEAL)))

    live = WeighView({**menus, REVEAL: reveal}, view, "Weigh the factors yourself")
    rows = [w.HBox([menus[k], notes[k]]) for k in menus]
    live.widget = w.VBox([w.HTML(f"<strong>{html.escape(live.title)}</strong>"), *rows, reveal, live.output])
    for note in notes.values():
        note.observe(lambda _change: live.refresh(), names="value")
    return live
