"""Small repairs to the theme's templates, each made at build time from the installed theme's own file.

Each repair copies one template of pydata-sphinx-theme (which sphinx-book-theme extends) into the build's
template folder with one change, checked by a pattern; if a new theme version no longer matches, the build
warns and that template stays the theme's own. Remove a repair once the theme no longer needs it.

* ``sections/header.html``: **the header's menu buttons.** sphinx-book-theme 1.3.0 on pydata-sphinx-theme
  0.17 puts two ``.primary-toggle`` (and two ``.secondary-toggle``) buttons on every page: pydata's, in
  its top bar, which sphinx-book-theme hides, and its own visible ☰ and ☷ in the article header. Both
  themes' scripts attach their handlers with ``document.querySelector(".primary-toggle")``, the first,
  hidden one: on a phone neither ☰ nor ☷ opened anything, and on a laptop ☰ did not hide the sidebar.
  Upstream: pydata-sphinx-theme #2451, sphinx-book-theme #988 (and #917). The copy leaves out pydata's two
  hidden buttons, so both scripts find the visible ones. No pin fixes it: every sphinx-book-theme for
  Sphinx 7 (1.1.4, 1.2.0, 1.3.0) pairs with a pydata-sphinx-theme (0.15.4, 0.16.1, 0.17.1) whose header
  has the same hidden buttons, and 1.4.0 needs Sphinx 8.2, which Jupyter Book 1 does not run on.
* ``pydata_sphinx_theme/layout.html``: **the search index only where search runs.** pydata-sphinx-theme
  0.17 loads Sphinx's search scripts and the whole search index (``searchindex.js``, 107 KB) on every
  page, before the page can be drawn, for its "search as you type", which is off unless
  ``html_theme_options.search_as_you_type`` is set. The copy loads them only when it is set; the search
  page loads its own. The search button still opens the dialog, which goes to ``search.html``.

It also adds one template of the book's own, :data:`SHORT_TITLE` (``book-short-title.html``): the book's
short title (``html_short_title``, by default its title) in the article header after ☰, which ``book.css``
shows where the sidebar that carries the title is folded away (below 992 px: phones and tablets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Repair:
    template: str  # its name under the theme's folder, and under the build's template folder
    pattern: re.Pattern  # what the theme's file must contain exactly once
    replacement: str
    what: str  # for the warning when the pattern is not found


HEADER_TOGGLES = Repair(
    "sections/header.html",
    re.compile(
        r"[ \t]*<button class=\"pst-navbar-icon sidebar-toggle primary-toggle\"[^>]*>\s*<span[^>]*></span>\s*</button>\n"
        r"(?P<middle>.*?)"
        r"[ \t]*\{% if not remove_sidebar_secondary and secondary_sidebar_items %\}\s*"
        r"<button class=\"pst-navbar-icon sidebar-toggle secondary-toggle\"[^>]*>\s*<span[^>]*></span>\s*</button>\s*"
        r"\{% endif %\}\n",
        re.S,
    ),
    "{# helpers.site.theme: the theme's hidden duplicate sidebar toggles left out "
    "(pydata-sphinx-theme #2451, sphinx-book-theme #988) #}\n\\g<middle>",
    "its header no longer holds the two hidden sidebar toggles: check that ☰ and ☷ open the menus",
)
SEARCH_SCRIPTS = Repair(
    "pydata_sphinx_theme/layout.html",
    re.compile(
        r"\{% if pagename == 'search' %\}(\s*\{#[^#]*#\}\s*\{% else %\}\s*\{#[^#]*#\}\s*"
        r"<script src=\"\{\{ pathto\('_static/searchtools\.js', 1\)[^\n]*\n)",
        re.S,
    ),
    "{% if pagename == 'search' or not theme_search_as_you_type|tobool %}\\1",
    "it no longer loads the search scripts on every page as expected",
)
REPAIRS = (HEADER_TOGGLES, SEARCH_SCRIPTS)

SHORT_TITLE = "book-short-title.html"
SHORT_TITLE_HTML = (
    '<a class="book-short-title" href="{{ pathto(root_doc) }}" title="{{ docstitle|striptags|e }}">'
    "{{ shorttitle|striptags|e }}</a>\n"
)
ARTICLE_HEADER_START = ["toggle-primary-sidebar.html", SHORT_TITLE]  # the theme's ☰, then the title


def theme_folder() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"


def source_of(repair: Repair) -> Path:
    """The installed theme's file for ``repair``."""
    name = repair.template.removeprefix("pydata_sphinx_theme/")
    return theme_folder() / name


def repaired(text: str, repair: Repair) -> str | None:
    """``text`` with the repair made, or None if the theme's file does not hold the pattern exactly once."""
    changed, count = repair.pattern.subn(repair.replacement, text)
    return changed if count == 1 else None


def write_templates(folder: Path, sources: dict[str, Path] | None = None) -> list[str]:
    """Write the short title's template and each repaired template under ``folder``; return a warning
    for each repair that could not be made (``sources``: other theme files to repair, for tests)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / SHORT_TITLE).exists() or (folder / SHORT_TITLE).read_text(encoding="utf-8") != SHORT_TITLE_HTML:
        (folder / SHORT_TITLE).write_text(SHORT_TITLE_HTML, encoding="utf-8")
    warnings = []
    for repair in REPAIRS:
        source = (sources or {}).get(repair.template) or source_of(repair)
        target = Path(folder) / repair.template
        changed = repaired(source.read_text(encoding="utf-8"), repair) if source.exists() else None
        if changed is None:
            warnings.append(
                f"helpers: the theme's {repair.template} is not repaired: {repair.what} (helpers/site/theme.py)"
            )
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != changed:
            target.write_text(changed, encoding="utf-8")
    return warnings
