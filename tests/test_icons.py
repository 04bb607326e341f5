"""The theme's icons: drawn by its web font (no Font Awesome script), the fonts cut to the icons used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import icons


def font_codepoints(path: Path) -> set[int]:
    """The code points a font file maps."""
    from fontTools.ttLib import TTFont

    return set(TTFont(str(path)).getBestCmap())


CSS = (
    '.fa-magnifying-glass:before,.fa-search:before{content:"\\f002"}'
    '.fa-github:before{content:"\\f09b"}.fa-bell:before{content:"\\f0f3"}.fa-xmark:before{content:"\\f00d"}'
    '.fa-file-pdf:before{content:"\\f1c1"}.fa-unused:before{content:"\\f6f6"}'
    ':root{--pst-icon-external-link:"\uf35d"}.onthispage:after{content:"\\f107"}'
)


@pytest.fixture
def fake_site(tmp_path):
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "_static" / "styles" / "theme.css").write_text(CSS, encoding="utf-8")
    (tmp_path / "page.html").write_text('<i class="fa-solid fa-search"></i> <i class="fab fa-github"></i>')
    (tmp_path / "_static" / "theme.js").write_text('close.classList = "fa-solid fa-xmark";')
    (tmp_path / "_static" / "fontawesome.js").write_text('"fa-unused"')  # the dropped script: ignored
    return tmp_path


def test_glyph_codes_reads_every_name_of_an_icon():
    codes = icons.glyph_codes(CSS)
    assert codes["magnifying-glass"] == codes["search"] == 0xF002
    assert codes["github"] == 0xF09B


def test_the_site_uses_the_icons_its_pages_scripts_and_styles_name(fake_site):
    used = icons.used_codepoints(fake_site)
    assert {0xF002, 0xF09B, 0xF00D} <= used, "icons named in pages and scripts"
    assert {0xF35D, 0xF107} <= used, "icons a stylesheet asks for by code or by character"
    assert 0xF1C1 in used, "the PDF links' icon, which is written into pages after the build"
    assert 0xF0F3 not in used and 0xF6F6 not in used, "icons nothing names are left out"


def test_a_subset_font_holds_exactly_the_icons_asked_for(tmp_path):
    fonts = tmp_path / icons.WEBFONTS
    fonts.mkdir(parents=True)
    (fonts / "fa-solid-900.woff2").write_bytes((icons.theme_webfonts() / "fa-solid-900.woff2").read_bytes())
    wanted = {0xF002, 0xF00D, 0xF1C1}
    sizes = icons.subset_webfonts(tmp_path, wanted)
    before, after = sizes["fa-solid-900.woff2"]
    assert after < before / 20, sizes
    assert font_codepoints(fonts / "fa-solid-900.woff2") == wanted


def test_the_theme_still_loads_font_awesome_the_way_the_book_replaces(tmp_path):
    # If a new theme version loads the script differently, the build would warn and keep it: catch it here.
    folder = icons.macros_without_fontawesome(tmp_path)
    assert folder is not None, "the theme's webpack-macros.html no longer loads fontawesome.js as expected"
    text = (folder / icons.MACROS).read_text()
    assert "fontawesome.js" not in text and "_static/icons.js" in text


@pytest.mark.build
def test_every_icon_on_the_built_site_is_in_its_cut_down_fonts(site):
    fonts = sorted((site / icons.WEBFONTS).glob("*.woff2"))
    assert fonts, "the site has no icon fonts"
    held = set().union(*(font_codepoints(f) for f in fonts))
    codes = {}
    for css in (site / "_static").rglob("*.css"):
        codes.update(icons.glyph_codes(css.read_text(encoding="utf-8", errors="replace")))
    missing = {}
    for page in site.rglob("*.html"):
        for name in set(re.findall(r'class="[^"]*\bfa-([a-z0-9-]+)', page.read_text(encoding="utf-8"))):
            if name in codes and codes[name] not in held:
                missing.setdefault(name, page.relative_to(site).as_posix())
    assert not missing, f"icons a page shows but the fonts lack (icon: first page): {missing}"
    total = sum(f.stat().st_size for f in fonts)
    assert total < 20_000, f"the icon fonts weigh {total:,} bytes: were they cut down?"
