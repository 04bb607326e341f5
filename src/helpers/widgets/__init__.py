"""Live explorers for Binder, over the book's data, each with a static rendering for the site.

Each explorer returns a :class:`helpers.widgets.live.LiveView`: live with a kernel (JupyterLab,
Binder), and on the static site the view for the controls' default values with a note that the
controls are live in Binder.
"""

from __future__ import annotations

from helpers.widgets.live import LiveView
from helpers.widgets.options import options_on_the_table
from helpers.widgets.reader import convention_reader
from helpers.widgets.risk import risk_reader
from helpers.widgets.statements import statement_explorer
from helpers.widgets.timeline import event_explorer, main_window, warned_and_done
from helpers.widgets.weigh import weigh_factors

__all__ = [
    "LiveView",
    "convention_reader",
    "event_explorer",
    "main_window",
    "options_on_the_table",
    "risk_reader",
    "statement_explorer",
    "warned_and_done",
    "weigh_factors",
]
