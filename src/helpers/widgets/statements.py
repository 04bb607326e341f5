"""A live explorer over the statements of a debate (the ``readings`` rows with ``frame = debate``).

Filter by speaker, forum and theme (what each statement emphasised, in the
book's coding); the view is a table of the matching statements with their
words and sources. On the static site it shows every statement.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from helpers import cases as _cases
from helpers.charts.debate import debate_rows, position_labels
from helpers.widgets.live import LiveView

EVERY = "All"
HEADINGS = ["Speaker", "Forum", "When", "Emphasis (book's coding)", "Bloc (book's coding)", "In their words", "Source"]


def statements_html(frame: pd.DataFrame) -> Any:
    """Debate statements (rows from :func:`helpers.charts.debate.debate_rows`) as an HTML table."""
    from IPython.display import HTML

    # Line breaks between cells: the page's text (search excerpts, the search index) keeps them apart.
    head = "\n".join(f"<th scope='col'>{html.escape(h)}</th>" for h in HEADINGS)
    body = "\n".join(
        "<tr>\n"
        + "\n".join(
            f"<td>{html.escape(str(v))}</td>" for v in (r.party, r.forum, r.when, r.stance, r.bloc, r.words, r.cite)
        )
        + "\n</tr>"
        for r in frame.itertuples()
    )
    return HTML(
        f"<table class='table statements-table'><caption>Statements in the debate ({len(frame)})</caption>\n"
        f"<thead><tr>\n{head}\n</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
    )


def statement_explorer(readings: pd.DataFrame, case: str = "cambodia") -> LiveView:
    """Filter a case's debate statements by speaker, forum and theme; see each one's words and source."""
    import ipywidgets as w

    frame = debate_rows(readings, case)
    themes = [label for p, label in position_labels().items() if p in set(frame["position"])]
    controls = {
        "speaker": w.Dropdown(options=[EVERY, *sorted(frame["party"].unique())], value=EVERY, description="Speaker"),
        "forum": w.Dropdown(options=[EVERY, *dict.fromkeys(frame["forum"])], value=EVERY, description="Forum"),
        "theme": w.Dropdown(options=[EVERY, *themes], value=EVERY, description="Theme"),
    }

    def view(speaker: str, forum: str, theme: str) -> Any:
        shown = frame
        if speaker != EVERY:
            shown = shown[shown["party"] == speaker]
        if forum != EVERY:
            shown = shown[shown["forum"] == forum]
        if theme != EVERY:
            shown = shown[shown["stance"] == theme]
        if shown.empty:
            return "No statements match these filters."
        return statements_html(shown)

    return LiveView(controls, view, f"Explore the statements: {_cases.names()[case]}")
