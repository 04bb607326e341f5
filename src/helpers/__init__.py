"""The toolkit behind the book: sourced data, charts, widgets, offline rendering.

``import helpers`` in a chapter enables the book's Altair renderer and theme,
so every chart draws offline, in JupyterLab and on the static site alike.
"""

from helpers import render as _render

__version__ = "0.1.0"

_render.enable()
