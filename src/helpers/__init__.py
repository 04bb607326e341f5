"""The toolkit behind the book: sourced data, charts, widgets, offline rendering.

``import helpers`` in a chapter enables the book's Altair renderer and its
theme, so every chart draws offline, in JupyterLab and on the static site
alike, and carries its data table. The modules, one idea each:

- :mod:`helpers.dates` — dates at the precision the sources give, windows, labels
- :mod:`helpers.cases` — the cases and event categories (from the data package)
- :mod:`helpers.sources` — the bibliography and short citations
- :mod:`helpers.data` — loading and validating the tables (``python -m helpers.data validate``)
- :mod:`helpers.text` — quotations, articles of the Convention, the Data appendix
- :mod:`helpers.chapter` — a chapter's preamble: ``chapter.open(case, start, end, as_of)``
- :mod:`helpers.charts` — the theme and one module per chart builder
- :mod:`helpers.live`, :mod:`helpers.widgets` — live explorers with a static rendering
- :mod:`helpers.render`, :mod:`helpers.book` — offline rendering in Jupyter and on the site
- :mod:`helpers.pdf` — the PDF edition, printed from the built site (``python3 -m helpers.pdf _build/html``)
"""

from helpers import charts as _charts  # noqa: F401  (registers and enables the theme)
from helpers import render as _render

__version__ = "0.2.0"

_render.enable()
