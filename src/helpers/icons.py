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


# ----------------------------------------------------------------------------------------------------
# The web fonts, cut down to the icons the site uses.
#
# Font Awesome's three web fonts hold some 2,000 icons (274 kB for the two a page loads); the book
# uses a few dozen. After an HTML build, each woff2 in the site is replaced by a subset of the theme's
# original holding every icon the site can show:
#   * every ``fa-NAME`` class named in a built page or a script in ``_static`` (scripts add icons
#     later: the theme's close button, for instance), looked up in the theme's stylesheet;
#   * every glyph a stylesheet asks for by code outside Font Awesome's own class list (the theme's
#     admonition, external-link and breadcrumb icons, which are CSS variables);
#   * the icons the toolkit adds to pages after the build (:data:`LATER`: the PDF command's links).
# The subset is always cut from the theme's original font, so a rebuild that uses a new icon gets it.

WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
PDF_ICON = "file-pdf"  # the icon of the PDF links that helpers.pdf writes into pages after the build
LATER = (PDF_ICON,)
GLYPH_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:{1,2}(?:before|after),?)+)\{content:\"\\([0-9a-fA-F]{4,5})\"\}")
FA_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
CSS_CODE = re.compile(r"\"\\([0-9a-fA-F]{4,5})\"")


def glyph_codes(css: str) -> dict[str, int]:
    """Font Awesome's class list from a stylesheet: icon name -> code point."""
    codes: dict[str, int] = {}
    for selectors, code in GLYPH_RULE.findall(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", selectors):
            codes[name] = int(code, 16)
    return codes


def used_codepoints(site: Path, later: tuple[str, ...] = LATER) -> set[int]:
    """Every icon code point the built site at ``site`` can show (see above)."""
    site = Path(site)
    styles = list((site / "_static").rglob("*.css"))
    codes: dict[str, int] = {}
    wanted: set[int] = set()
    for path in styles:
        css = path.read_text(encoding="utf-8", errors="replace")
        codes.update(glyph_codes(css))
        # Glyphs asked for anywhere else in the stylesheet (CSS variables, :after content), by escape
        # ("\\f107") or as the character itself.
        rest = GLYPH_RULE.sub("", css)
        wanted.update(int(code, 16) for code in CSS_CODE.findall(rest))
        wanted.update(ord(ch) for ch in rest if 0xE000 <= ord(ch) <= 0xF8FF)
    names = set(later)
    for path in [*site.rglob("*.html"), *(site / "_static").rglob("*.js")]:
        if path.name == "fontawesome.js":
            continue  # the dropped script names every icon there is
        names.update(FA_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    wanted.update(codes[name] for name in names if name in codes)
    return {c for c in wanted if 0xE000 <= c <= 0xF8FF}  # Font Awesome's glyphs live in the private use area


def theme_webfonts() -> Path:
    import pydata_sphinx_theme

    return (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "vendor"
        / "fontawesome"
        / "webfonts"
    )


def subset_webfonts(site: Path, codepoints: set[int], originals: Path | None = None) -> dict[str, tuple[int, int]]:
    """Replace each woff2 under ``site`` by its original cut down to ``codepoints``.

    Returns {font file: (original bytes, subset bytes)}.
    """
    from fontTools import subset

    originals = originals or theme_webfonts()
    sizes = {}
    for target in sorted((Path(site) / WEBFONTS).glob("*.woff2")):
        source = originals / target.name
        if not source.exists():
            continue
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        options.ignore_missing_unicodes = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
        sizes[target.name] = (source.stat().st_size, target.stat().st_size)
    return sizes


def slim_site(site: Path) -> dict[str, tuple[int, int]]:
    """Cut the built site's icon fonts down to what it uses (see above); returns the sizes."""
    return subset_webfonts(site, used_codepoints(site))
