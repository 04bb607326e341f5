"""The toolkit behind the book: sourced data, charts, widgets, offline rendering.

``import helpers`` loads nothing else: each module is imported when it is first
used, so the data command and the course command start in a second. Importing
:mod:`helpers.charts` (as every chapter does) enables the book's Altair theme and
its renderer, so every chart draws offline, in JupyterLab and on the static site
alike, and carries its data table. The README's module map lists every module.
"""

from importlib import metadata as _metadata

try:  # the one version string: pyproject.toml's, as installed
    __version__ = _metadata.version("genocide-convention-book-helpers")
except _metadata.PackageNotFoundError:  # a copy of src/helpers that was never installed (a chapter pack run in place)
    __version__ = "unknown"
