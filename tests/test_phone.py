"""The site on a phone (390 px, by touch) and on a laptop (1280 px): the header's menus, the short title and
touch targets, details by touch, and charts that cost nothing until the reader nears them (issue 22).

The browser tests open pages of their own (the menus and the chart library need a fresh page each); the
build-free tests check the theme repairs, what each page loads, and that no text asks a reader to hover.
Timings are not tested here: ``python3 tests/bench/lighthouse.py`` measures them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browse import SCROLL_THROUGH, context_for, offline
from conftest import ROOT, visit

CHAPTER = "chapters/rwanda.html"
NEXT_CHAPTER = "chapters/darfur.html"
TOUCH = 44  # px: the smallest touch target (WCAG 2.5.5, Apple's and Google's guides)
BUNDLE = "vega-bundle.js"

# The header's buttons a reader can see, with their boxes.
HEADER_BUTTONS = """() => [...document.querySelectorAll(
    '.bd-header-article .header-article-items button, .bd-header-article .header-article-items a.btn')]
  .filter(b => !b.closest('.dropdown-menu'))
  .map(b => { const r = b.getBoundingClientRect();
              return {name: b.getAttribute('aria-label') || b.title || b.className, width: r.width, height: r.height,
                      shown: r.width > 0 && r.height > 0 && getComputedStyle(b).visibility === 'visible'}; })
  .filter(b => b.shown)"""

# Where each chart is, how far from the screen, and whether it has been drawn.
CHARTS = """() => [...document.querySelectorAll('div.vega-chart')].map(el => {
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, drawn: !!el.querySelector('svg.marks, canvas.marks')}; })"""

# The centre of the first mark with a tooltip that is on screen in a drawn chart (Vega binds each SVG
# element to its scenegraph item, which carries the tooltip).
MARK_WITH_TOOLTIP = """() => {
  for (const el of document.querySelectorAll('div.vega-chart svg.marks *')) {
    let item = el.__data__; item = Array.isArray(item) ? item[0] : item;
    if (!item || item.tooltip == null || item.tooltip === '') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 4 || r.height < 4 || r.top < 60 || r.bottom > window.innerHeight - 10) continue;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (document.elementFromPoint(x, y) !== el) continue;
    return {x, y, tag: el.tagName};
  }
  return null;
}"""
TOOLTIP = """() => { const t = document.getElementById('vg-tooltip-element');
  return t && t.classList.contains('visible') ? t.innerText.trim() : null; }"""


def _page(browser, server: str, width: int, name: str = CHAPTER, asked: list[str] | None = None):
    """A fresh page at ``width``; ``asked`` collects the requests for the chart library from the start."""
    context = context_for(browser, width, "light")
    page = context.new_page()
    offline(page, [])
    if asked is not None:
        page.on("request", lambda request: asked.append(request.url) if BUNDLE in request.url else None)
    visit(page, f"{server}/{name}")
    return context, page


def _press(page, selector: str, width: int) -> None:
    """A tap on a phone, a click on a laptop."""
    if width == 390:
        page.locator(selector).first.tap()
    else:
        page.locator(selector).first.click()


def _dialog_open(page, dialog: str) -> bool:
    return page.evaluate(
        f"""() => {{ const d = document.querySelector('{dialog}');
        if (!d || !d.open) return false; const r = d.getBoundingClientRect();
        return r.width > 100 && r.height > 100 && getComputedStyle(d).visibility === 'visible'; }}"""
    )


# --- the header's menus ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toggle", "dialog", "link", "lands"),
    [
        ("primary-toggle", "#pst-primary-sidebar-modal", f'a[href$="{Path(NEXT_CHAPTER).name}"]', NEXT_CHAPTER),
        ("secondary-toggle", "#pst-secondary-sidebar-modal", "a.nav-link[href^='#']", "#"),
    ],
    ids=["book-contents", "page-contents"],
)
def test_on_a_phone_each_menu_opens_closes_and_its_links_go_where_they_say(
    server, browser, toggle, dialog, link, lands
):
    """390 px, by touch: ☰ opens the book's contents and ☷ the page's; a tap beside the menu closes it; a link
    chosen in one goes there (another chapter, or a section of this page shown with the menu closed)."""
    context, page = _page(browser, server, 390)
    button = f".bd-header-article .{toggle}"
    assert page.locator(button).first.is_visible(), f"no visible {toggle} in the phone header"
    _press(page, button, 390)
    page.wait_for_timeout(300)
    assert _dialog_open(page, dialog), f"{toggle} did not open {dialog}"
    box = page.evaluate(f"() => document.querySelector('{dialog}').getBoundingClientRect().toJSON()")
    beside = 385 if box["right"] < 370 else 5  # the menu slides in from one side
    page.touchscreen.tap(beside, 600)
    page.wait_for_timeout(300)
    assert not _dialog_open(page, dialog), f"{dialog} did not close"

    _press(page, button, 390)
    page.wait_for_timeout(300)
    assert _dialog_open(page, dialog), f"{toggle} did not open {dialog} a second time"
    target = page.locator(f"{dialog} {link}:visible").nth(2 if lands == "#" else 0)
    href = target.get_attribute("href")
    target.tap()
    if lands == "#":
        page.wait_for_function("h => location.hash === h", arg=href)
        page.wait_for_timeout(500)
        assert not _dialog_open(page, dialog), "the menu stays open over the section chosen in it"
        top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", href[1:])
        assert 0 <= top < 300, f"the section {href} is not at the top of the screen ({top} px)"
    else:
        page.wait_for_url(f"**/{lands}")
    context.close()


def test_on_a_laptop_the_menu_button_hides_and_shows_the_sidebar_and_its_links_work(server, browser):
    """1280 px: ☰ folds the book's contents away and brings them back; a link in them goes to its chapter;
    this page's contents stand in the right margin (no ☷ needed) and their links go to their sections."""
    context, page = _page(browser, server, 1280)
    shown = "() => { const s = document.getElementById('pst-primary-sidebar'); const r = s.getBoundingClientRect();" \
        " return getComputedStyle(s).visibility === 'visible' && r.right > 50; }"  # fmt: skip
    assert page.evaluate(shown), "the sidebar is not shown at 1280 px"
    _press(page, ".bd-header-article .primary-toggle", 1280)
    page.wait_for_function(f"() => !({shown})()", timeout=5_000)
    assert not page.evaluate("() => !!document.querySelector('dialog[open]')"), "☰ opened a dialog on a laptop"
    _press(page, ".bd-header-article .primary-toggle", 1280)
    page.wait_for_function(shown, timeout=5_000)

    toc = page.locator("#pst-secondary-sidebar a.nav-link[href^='#']:visible")
    assert toc.count() > 3 and toc.nth(2).is_visible(), "this page's contents are not shown at 1280 px"
    href = toc.nth(2).get_attribute("href")
    toc.nth(2).click()
    page.wait_for_function("h => location.hash === h", arg=href)

    page.locator(f'#pst-primary-sidebar a[href$="{Path(NEXT_CHAPTER).name}"]').first.click()
    page.wait_for_url(f"**/{NEXT_CHAPTER}")
    context.close()


# --- the header on a phone -------------------------------------------------------------------------


def test_phone_header_shows_the_short_title_and_buttons_a_thumb_can_hit(server, browser):
    import yaml

    title = yaml.safe_load((ROOT / "_config.yml").read_text())["title"]
    context, page = _page(browser, server, 390)
    buttons = page.evaluate(HEADER_BUTTONS)
    found = page.evaluate(
        """() => { const t = document.querySelector('.bd-header-article .book-short-title');
        if (!t) return null; const r = t.getBoundingClientRect();
        return {text: t.innerText.replace(/\\s+/g, ' ').trim(), width: r.width, left: r.left, right: r.right,
                whole: t.scrollHeight <= t.clientHeight + 1 && t.scrollWidth <= t.clientWidth + 1,
                size: parseFloat(getComputedStyle(t).fontSize)}; }"""
    )
    wide = page.evaluate("document.scrollingElement.scrollWidth")
    context.close()
    assert len(buttons) >= 4, f"expected the header's buttons (☰, download, search, ☷...), found {buttons}"
    small = [b for b in buttons if b["width"] < TOUCH - 0.5 or b["height"] < TOUCH - 0.5]
    assert not small, f"header buttons smaller than {TOUCH} px at 390 px: {small}"
    assert found, "no short title in the phone header"
    assert found["text"] == title and found["whole"], f"the title is cut or wrong: {found} (expected {title!r})"
    assert found["size"] >= 14 and found["left"] >= 0 and found["right"] <= 390, found
    assert wide <= 390, f"the header pushes the page sideways ({wide} px wide)"


# --- charts: drawn when the reader nears them, details by touch --------------------------------------


def test_the_chart_library_is_fetched_only_when_a_chart_nears_the_screen(server, browser):
    """390 px: on opening a chapter whose first chart is screens away, no chart is compiled and the chart
    library is not requested; scrolling to the first chart fetches it (once) and draws that chart, not
    the ones still far below."""
    asked: list[str] = []
    context, page = _page(browser, server, 390, asked=asked)
    page.wait_for_timeout(1500)
    charts = page.evaluate(CHARTS)
    height = page.evaluate("window.innerHeight")
    assert len(charts) >= 3, charts
    assert charts[0]["top"] > 3 * height, f"{CHAPTER}'s first chart is on the first screens: pick another page"
    assert not asked, f"the chart library was requested before any chart neared the screen: {asked}"
    assert not any(c["drawn"] for c in charts), "a chart was compiled before the reader came near it"

    page.evaluate("() => document.querySelector('div.vega-chart').scrollIntoView({block: 'center'})")
    page.wait_for_function("() => !!document.querySelector('div.vega-chart svg.marks')", timeout=60_000)
    page.wait_for_timeout(500)
    charts = page.evaluate(CHARTS)
    far = [c for c in charts if c["top"] > 4 * height]
    assert len(asked) == 1, f"the chart library was requested {len(asked)} times: {asked}"
    assert charts[0]["drawn"]
    assert far and not any(c["drawn"] for c in far), "charts screens below were compiled too"
    context.close()


def test_a_chart_on_the_first_screen_waits_for_the_reader_to_do_something(server, browser):
    """390 px: a page whose first chart is on its first screens shows the static image and fetches nothing
    more until the reader scrolls or touches the page; then that chart is drawn."""
    asked: list[str] = []
    context, page = _page(browser, server, 390, "chapters/make-your-own-chart.html", asked=asked)
    page.wait_for_timeout(1500)
    first = page.evaluate(CHARTS)[0]
    assert first["top"] < 2.5 * page.evaluate("window.innerHeight"), f"the first chart is far down: {first}"
    assert not asked and not first["drawn"], f"the library was fetched before the reader did anything: {asked}"
    page.touchscreen.tap(195, 400)
    page.wait_for_function("() => !!document.querySelector('div.vega-chart svg.marks')", timeout=60_000)
    assert len(asked) == 1, asked
    context.close()


def test_a_tap_on_a_mark_shows_its_details(server, browser):
    """390 px, by touch: tapping a mark shows its tooltip, as hovering does with a mouse; tapping outside
    the chart hides it."""
    context, page = _page(browser, server, 390)
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.vega-chart')].every(el => el.querySelector('svg.marks'))",
        timeout=60_000,
    )
    tapped = None
    for index in range(page.locator("div.vega-chart").count()):
        page.locator("div.vega-chart").nth(index).scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        mark = page.evaluate(MARK_WITH_TOOLTIP)
        if mark:
            page.touchscreen.tap(mark["x"], mark["y"])
            tapped = mark
            break
    assert tapped, f"no mark with a tooltip on screen in any chart of {CHAPTER}"
    page.wait_for_function(TOOLTIP, timeout=5_000)
    text = page.evaluate(TOOLTIP)
    assert text and len(text) > 3, f"the tooltip is empty: {text!r}"
    box = page.evaluate(
        "() => { const r = document.getElementById('vg-tooltip-element').getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: innerWidth, height: innerHeight}; }"
    )
    assert box["left"] >= 0 and box["right"] <= box["width"], f"the tooltip runs off the screen's side: {box}"
    assert box["top"] >= 0 and box["bottom"] <= box["height"], f"the tooltip runs off the screen: {box}"
    page.touchscreen.tap(195, 80)  # the page's text, outside every chart
    page.wait_for_function(f"() => !({TOOLTIP})()", timeout=5_000)
    context.close()


# --- search, which no longer loads the search index on every page ------------------------------------


def test_search_from_a_phone_finds_pages(server, browser):
    context, page = _page(browser, server, 390)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.locator(".bd-header-article .search-button").first.tap()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    field.fill("Rwanda")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=Rwanda*")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li, ul.search li').length > 3", timeout=30_000
    )
    context.close()
    assert not errors, errors


# --- build-free checks -----------------------------------------------------------------------------


def test_theme_repairs_apply_to_the_installed_theme_and_say_so_when_they_cannot(tmp_path):
    from helpers.site import theme

    header = theme.repaired(theme.source_of(theme.HEADER_TOGGLES).read_text(), theme.HEADER_TOGGLES)
    assert header is not None, "the installed pydata-sphinx-theme's header no longer matches the repair"
    assert "primary-toggle" not in header and "secondary-toggle" not in header
    assert "#2451" in header, "the repaired header names the upstream issue"
    layout = theme.repaired(theme.source_of(theme.SEARCH_SCRIPTS).read_text(), theme.SEARCH_SCRIPTS)
    assert layout is not None and "theme_search_as_you_type|tobool" in layout

    changed = tmp_path / "header.html"
    changed.write_text("<div>a header without the theme's two buttons</div>\n")
    out = tmp_path / "templates"
    warnings = theme.write_templates(out, {theme.HEADER_TOGGLES.template: changed})
    assert len(warnings) == 1 and "sections/header.html" in warnings[0], warnings
    assert not (out / "sections" / "header.html").exists(), "a template that could not be repaired was written"
    assert (out / theme.SEARCH_SCRIPTS.template).exists() and (out / theme.SHORT_TITLE).exists()


def test_each_page_loads_only_the_extension_files_it_uses_and_defers_its_scripts():
    from sphinx.builders.html._assets import _CascadingStyleSheet as Css
    from sphinx.builders.html._assets import _JavaScript as Js

    from helpers.site.assets import trim_assets

    def page(body: str) -> dict:
        context = {
            "body": body,
            "script_files": [
                Js("_static/documentation_options.js"), Js("_static/doctools.js"), Js(None, body="var x = 1;"),
                Js("_static/clipboard.min.js"), Js("_static/copybutton.js"), Js("_static/togglebutton.js"),
                Js("_static/design-tabs.js"), Js("_static/vega-charts.js", defer="defer"),
            ],
            "css_files": [Css("_static/sphinx-design.min.css"), Css("_static/copybutton.css"), Css("_static/book.css")],
        }  # fmt: skip
        trim_assets(type("App", (), {"builder": type("B", (), {"format": "html"})})(), "p", "page.html", context, None)
        return context

    plain = page("<p>Text only.</p>")
    names = [str(s.filename) for s in plain["script_files"]]
    assert names == ["_static/documentation_options.js", "_static/doctools.js", "None", "_static/vega-charts.js"]
    assert [str(c.filename) for c in plain["css_files"]] == ["_static/book.css"]
    deferred = {str(s.filename): s.attributes.get("defer") for s in plain["script_files"]}
    assert deferred == {
        "_static/documentation_options.js": None,  # the page's inline scripts use it at once
        "_static/doctools.js": "defer",
        "None": None,
        "_static/vega-charts.js": "defer",
    }
    assert plain["body"] == "<p>Text only.</p>"
    chart = page('<div class="vega-chart"><img class="vega-static" alt="A" width="9" height="9" src="a.svg"></div>')
    assert '<img class="vega-static" alt="A" width="9" height="9" src="a.svg" loading="lazy">' in chart["body"]
    rich = page(
        '<div class="highlight"><pre>x</pre></div><div class="admonition dropdown"></div><div class="sd-tab-set">'
    )
    assert len(rich["script_files"]) == 8 and len(rich["css_files"]) == 3


HOVER = re.compile(r"\bhover", re.I)


def test_no_text_asks_a_reader_to_hover():
    """A phone cannot hover: captions and text say "tap or point at" instead."""
    found = []
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text())["cells"]):
            text = "".join(cell["source"]) + json.dumps(cell.get("metadata", {}), ensure_ascii=False)
            found += [
                f"{nb.name} cell {i}: …{text[max(0, m.start() - 40) : m.end() + 20]}…" for m in HOVER.finditer(text)
            ]
    for md in sorted([*ROOT.glob("*.md"), *(ROOT / "teaching").rglob("*.md"), *(ROOT / "chapters").glob("*.md")]):
        if md.name == "README.md":
            continue
        found += [
            f"{md.name}: …{m.string[max(0, m.start() - 40) : m.end() + 20]}…" for m in HOVER.finditer(md.read_text())
        ]
    assert not found, "\n".join(found)


# --- the contract with the narrow charts (issue 22): a chart's two forms -----------------------------


def _bars(width: int, name: str) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f"the {name} form",
        "width": width,
        "height": 80,
        "data": {"values": [{"k": "a", "v": 1}, {"k": "b", "v": 3}]},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {"x": {"field": "v", "type": "quantitative"}, "y": {"field": "k", "type": "nominal"}},
    }


CONTRACT_PAGE = """<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
<script defer src="../_static/vega-charts.js" data-bundle="../_static/vega-bundle.js"></script></head>
<body style="margin:0 16px"><div style="height:3000px">text</div>
<div class="vega-chart" id="inline" data-spec="inline-spec" data-spec-narrow="inline-narrow"></div>
<script type="application/json" id="inline-spec">{wide}</script>
<script type="application/json" id="inline-narrow">{narrow}</script>
<div class="vega-chart" id="files" data-spec-src="../__wide.json" data-spec-narrow-src="../__narrow.json">
<picture><source media="(max-width: 599.98px)" srcset="../_static/favicon.svg" width="300" height="100">
<img class="vega-static" alt="x" src="../_static/favicon.svg" width="500" height="100"></picture></div>
<div class="vega-chart" id="wide-only" data-spec="wide-only-spec"></div>
<script type="application/json" id="wide-only-spec">{wide}</script>
</body></html>"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_chart_draws_the_form_its_width_asks_for_from_a_script_or_a_file(server, browser, width):
    """The contract's markup: data-spec / data-spec-narrow (scripts on the page) or data-spec-src /
    data-spec-narrow-src (files), a <picture> with the narrow image for a phone. At 390 px each chart with a
    narrow form draws it, at 1280 px the wide one; a chart without one draws the wide one; turning the
    screen across the threshold draws the other form."""
    wide, narrow = json.dumps(_bars(500, "wide")), json.dumps(_bars(300, "narrow"))
    context = context_for(browser, width, "light")
    page = context.new_page()
    offline(page, [])
    page.route(
        "**/chapters/__contract.html",
        lambda route: route.fulfill(content_type="text/html", body=CONTRACT_PAGE.format(wide=wide, narrow=narrow)),
    )
    page.route("**/__wide.json", lambda route: route.fulfill(content_type="application/json", body=wide))
    page.route("**/__narrow.json", lambda route: route.fulfill(content_type="application/json", body=narrow))
    page.goto(f"{server}/chapters/__contract.html", wait_until="load")
    page.evaluate(SCROLL_THROUGH)
    drawn = "() => [...document.querySelectorAll('div.vega-chart')].every(el => el.dataset.drawn)"
    page.wait_for_function(drawn, timeout=60_000)
    forms = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('div.vega-chart')].map(el =>
             [el.id, [el.dataset.form, el.querySelector('[role="graphics-document"]').getAttribute('aria-label'),
                      el.querySelectorAll('picture, img').length]]))"""
    )
    expected = "narrow" if width == 390 else "wide"
    assert forms["inline"][:2] == [expected, f"the {expected} form"], forms
    assert forms["files"][:2] == [expected, f"the {expected} form"], forms
    assert forms["files"][2] == 0, "the static picture stays beside the drawn chart"
    assert forms["wide-only"][:2] == ["wide", "the wide form"], forms
    other = "wide" if width == 390 else "narrow"
    page.set_viewport_size({"width": 1280 if width == 390 else 390, "height": 844})
    page.wait_for_function(f"() => document.getElementById('inline').dataset.form === '{other}'", timeout=30_000)
    page.wait_for_function(f"() => document.getElementById('files').dataset.form === '{other}'", timeout=30_000)
    context.close()
