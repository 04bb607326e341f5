"""Icons from the theme's web font alone, without Font Awesome's 1.5 MB script.

pydata-sphinx-theme draws its icons (search, menu, light/dark, download, GitHub...) twice over: its
stylesheet already carries Font Awesome's CSS and web fonts, which draw every ``<i class="fa-...">``,
and every page also loads ``scripts/fontawesome.js`` (1.5 MB, 540 KB compressed), which replaces each
of those elements with an inline SVG. For a reader on a poor connection that script is more than half
of what a first visit to a chart-free page transfers.

The book drops the script. :func:`macros_without_fontawesome` writes, into the build folder, a copy of
the theme's own ``static/webpack-macros.html`` (the template that loads the script) in which the script
is replaced by ``icons.js``, a few lines that mark each icon ``aria-hidden`` (which the dropped script
did, so that screen readers skip the glyphs). The copy is made from the installed theme at each build,
so it follows the theme's version; if the theme no longer loads the script that way, the build warns
and leaves the theme as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

MACROS = Path("static") / "webpack-macros.html"
FONTAWESOME_SCRIPT = re.compile(
    r"[ \t]*<script [^>]*src=\"\{\{ pathto\('_static/scripts/fontawesome\.js', 1\) \}\}[^\"]*\"></script>"
)
ICONS_SCRIPT = "<script defer src=\"{{ pathto('_static/icons.js', 1) }}\"></script>"


def theme_macros() -> Path:
    """The installed theme's webpack-macros.html."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / MACROS


def macros_without_fontawesome(folder: Path, source: Path | None = None) -> Path | None:
    """Write ``folder/static/webpack-macros.html`` without Font Awesome's script; return ``folder``.

    None (and nothing written) if the theme's template does not load the script as expected.
    """
    source = source or theme_macros()
    text = source.read_text(encoding="utf-8")
    changed, count = FONTAWESOME_SCRIPT.subn(ICONS_SCRIPT, text)
    if count != 1:
        return None
    changed = changed.replace(
        "<!-- So that users can add custom icons -->", "<!-- Icons: the theme's web font (helpers.icons) -->"
    )
    target = Path(folder) / MACROS
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != changed:
        target.write_text(changed, encoding="utf-8")
    return Path(folder)
