"""The built site in a real browser: offline, error-free, every chart drawn, accessible."""

from __future__ import annotations

import re

import pytest

import browse
from conftest import toc_files

pytestmark = pytest.mark.build

RAW_WIDGET_REPRS = ("IntSlider(", "SelectionSlider(", "Dropdown(", "VBox(", "HBox(", "interactive(", "Output(")


@pytest.fixture(scope="module")
def visits(seen):
    """Every page at 1280 px in light mode, from the browser pass (tests/browse.py)."""
    return seen(1280, "light")


@pytest.fixture(scope="module")
def every_setting(seen):
    """Every page at every setting of the browser pass: (width, mode, page name, record)."""
    return [(w, m, name, r) for w, m in browse.SETTINGS for name, r in seen(w, m).items()]


def test_no_request_leaves_the_machine(every_setting):
    bad = {f"{name} ({w} px, {m})": r["outside"] for w, m, name, r in every_setting if r["outside"]}
    assert not bad, f"requests to other hosts: {bad}"


def test_the_front_door_leads_to_the_first_page(visits):
    """The root index.html is a redirect: a reader who opens the site lands on the book's first page."""
    first = f"{toc_files()[0]}.html"
    landed = visits["index.html"]["url"]
    assert landed.endswith("/" + first), f"index.html led to {landed}, not {first}"
    assert visits["index.html"]["text"].strip(), "the page index.html leads to is empty"


def test_no_console_errors(every_setting):
    bad = {f"{name} ({w} px, {m})": r["errors"] for w, m, name, r in every_setting if r["errors"]}
    assert not bad, f"console errors: {bad}"


def test_every_chart_is_drawn(every_setting):
    assert sum(r["charts"] for *_, r in every_setting) > 0, "the book has no chart at all"
    bad = {
        f"{name} ({w} px, {m})": f"{r['drawn']} of {r['charts']}"
        for w, m, name, r in every_setting
        if r["drawn"] < r["charts"]
    }
    assert not bad, f"charts not drawn: {bad}"


def test_every_chart_has_its_data_table_with_the_rows_it_draws(visits):
    charts = [(name, t) for name, r in visits.items() for t in r["tables"]]
    assert charts, "the book has no chart at all"
    missing = [f"{name}: {t['label'][:60]}" for name, t in charts if t["rows"] is None]
    assert not missing, f"charts without a data table under them: {missing}"
    wrong = [
        f"{name}: {t['label'][:60]} ({t['rows']} table rows, {t['drawn']} rows drawn)"
        for name, t in charts
        if t["rows"] != t["drawn"]
    ]
    assert not wrong, f"data tables that do not match their chart: {wrong}"


def test_no_serious_accessibility_violations(visits):
    bad = {name: r["axe"] for name, r in visits.items() if r["axe"]}
    assert not bad, f"axe-core serious/critical violations: {bad}"


def test_no_raw_widget_repr_on_static_pages(visits):
    bad = {name: [w for w in RAW_WIDGET_REPRS if w in r["text"]] for name, r in visits.items()}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, f"raw widget reprs on the static page: {bad}"


def test_built_pages_name_no_other_host_in_scripts_or_styles(site):
    import re

    tag = re.compile(r"<(?:script|link)\b[^>]*(?:src|href)=\"(https?:)?//[^\"]+\"", re.I)
    inline = re.compile(r"unpkg\.com|cdn\.jsdelivr|cdnjs\.", re.I)
    offenders = {}
    for page in site.rglob("*.html"):
        text = page.read_text(errors="ignore")
        found = tag.findall(text) or inline.findall(text)
        if found:
            offenders[str(page.relative_to(site))] = found[:3]
    assert not offenders, f"pages that load or name assets on other hosts: {offenders}"


def test_static_fallback_images_exist_and_pages_stay_small(site):
    import gzip
    import re

    fallbacks = 0
    for page in site.rglob("*.html"):
        text = page.read_text(errors="ignore")
        assert "data:image/svg+xml;base64," not in text, f"{page.name}: a chart's static image is inlined"
        for src in re.findall(r'<img class="vega-static" alt="[^"]+"[^>]* src="([^"]+)"', text):
            fallbacks += 1
            assert (page.parent / src).resolve().is_file(), f"{page.name}: missing static image {src}"
        # Readers may be on slow connections. What they download is the page gzipped (static hosts such as
        # GitHub Pages compress HTML); the raw size is a backstop. The largest page, the Convention chapter,
        # is about 274 kB raw and 60 kB gzipped (119 kB with its charts' specs inline: they are in _static/).
        zipped = len(gzip.compress(page.read_bytes()))
        assert zipped < 100_000 and page.stat().st_size < 450_000, (
            f"{page.name} is {page.stat().st_size:,} bytes, {zipped:,} gzipped (readers may be on slow connections)"
        )
    assert fallbacks > 0, "no chart carries a static image for readers without JavaScript"


def test_chapters_launch_in_binder_from_the_one_repository_url_and_download_as_ipynb(site):
    import re

    import yaml

    from conftest import ROOT

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    owner_repo = config["repository"]["url"].rstrip("/").split("github.com/")[1]
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        page = (site / "chapters" / f"{nb.stem}.html").read_text()
        binder = re.findall(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', page)
        assert binder and all(owner_repo in url and f"chapters/{nb.stem}.ipynb" in url for url in binder), nb.name
        source = re.search(rf'href="([^"]*_sources/chapters/{nb.stem}\.ipynb)"', page)
        assert source and (site / "chapters" / source.group(1)).resolve().is_file(), f"{nb.name}: no .ipynb download"


def test_data_downloads_work_offline(site):
    import re

    page = (site / "chapters" / "data-appendix.html").read_text()
    links = re.findall(r'class="reference download internal" download="" href="([^"]+\.csv)"', page)
    names = sorted(link.rsplit("/", 1)[1] for link in links)
    from conftest import ROOT

    assert names == sorted(p.name for p in (ROOT / "data").glob("*.csv"))
    for link in links:
        target = (site / "chapters" / link).resolve()
        assert target.is_file() and target.read_bytes() == (ROOT / "data" / target.name).read_bytes()


def test_charts_are_interactive_on_the_static_page(site, server, browser):
    """No kernel: the Category menu, the Known-by menu of dates and the dark mode all work in the browser."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browse.offline(page, [])
    page.goto(f"{server}/chapters/rwanda.html", wait_until="load")
    page.evaluate(browse.SCROLL_THROUGH)  # each chart is drawn as the reader nears it
    page.wait_for_function("() => document.querySelectorAll('div.vega-chart svg.marks').length > 0")
    # The case timeline: the chart with the category menu and the Known-by menu (a map may come first).
    chart = page.locator("div.vega-chart").filter(has=page.locator("select[name=known_by]")).first
    chart.wait_for()
    marks = "el => el.querySelectorAll('g.mark-symbol path').length"
    everything = chart.evaluate(marks)
    assert everything > 10

    menu = chart.locator("select:not([name=known_by])")
    menu.focus()
    assert page.evaluate("document.activeElement.tagName") == "SELECT", "the category menu takes keyboard focus"
    menu.select_option("warning")
    page.wait_for_function(f"el => ({marks})(el) < {everything}", arg=chart.element_handle())
    warnings_only = chart.evaluate(marks)
    assert 0 < warnings_only < everything
    menu.select_option("All categories")

    known = chart.locator("select[name=known_by]")
    known.focus()
    assert page.evaluate("document.activeElement.name") == "known_by", "the Known-by menu takes keyboard focus"
    first = known.evaluate("el => el.options[0].text")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ 199[34]", first), f"the Known-by menu offers dates, not {first!r}"
    known.select_option(index=0)
    page.wait_for_function(f"el => ({marks})(el) < {everything}", arg=chart.element_handle())
    assert f"Showing what had happened by {first}" in chart.inner_text()

    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.vega-chart')].every(el => el.dataset.drawn === 'dark')"
    )
    page.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_live_views_static_text_is_legible_in_both_modes(site, seen, theme):
    """The static renderings of the explorers (heading, table caption, cells, the Binder note) reach
    WCAG AA contrast (4.5:1) in light and in dark mode."""
    views = {
        name: r["live_contrast"]
        for name, r in seen(1280, theme).items()
        if 'class="live-view"' in (site / name).read_text()
    }
    # Explorers whose view would repeat a figure show in the notebook only (issue 23): Rwanda's options
    # table and the Make-your-own-chart page keep theirs.
    assert len(views) >= 2, f"expected pages with explorers, found {sorted(views)}"
    empty = [name for name, found in views.items() if not found]
    assert not empty, f"no text found in the live views of {empty}"
    low = {f"{name}: {f['text']}": f["ratio"] for name, found in views.items() for f in found if f["ratio"] < 4.5}
    assert not low, f"text below 4.5:1 in {theme} mode: {low}"


def test_unnumbered_pages_number_their_figures_from_one(site):
    """Pages outside the numbered part (About, Make your own chart) count their figures from 1 each;
    the numbered chapters keep Figure N.M, N being the chapter's number."""
    import yaml

    from conftest import ROOT

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    number = re.compile(r'<span class="caption-number">Figure ([\d.]+)')
    unnumbered = [toc["root"]] + [c["file"] for p in toc["parts"] if not p.get("numbered") for c in p["chapters"]]
    with_figures = 0
    for doc in unnumbered:
        found = number.findall((site / f"{doc}.html").read_text())
        if found:
            with_figures += 1
            assert found == [str(i) for i in range(1, len(found) + 1)], f"{doc}: figures numbered {found}"
    assert with_figures >= 2, "expected figures on at least two unnumbered pages"
    numbered = [c["file"] for p in toc["parts"] if p.get("numbered") for c in p["chapters"]]
    for n, doc in enumerate(numbered, start=1):
        found = number.findall((site / f"{doc}.html").read_text())
        assert found == [f"{n}.{i}" for i in range(1, len(found) + 1)], f"{doc}: figures numbered {found}"
    text = re.sub(r"<[^>]+>", "", (site / "chapters" / "make-your-own-chart.html").read_text())
    assert "The result is Figure 1." in text, "the page's text refers to its first figure by its new number"


def test_teaching_index_links_the_licences_and_citation_to_the_repository(site):
    """The licence files and the README are not pages of the site: the index links them in the
    repository named in _config.yml, and the six-session plan names one order, the book's."""
    import yaml

    from conftest import ROOT

    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    base = f"{repo['url'].rstrip('/')}/blob/{repo.get('branch', 'main')}"
    page = (site / "teaching" / "index.html").read_text()
    for name in ("LICENSE-CONTENT", "LICENSE", "README.md"):
        assert f'href="{base}/{name}"' in page, f"teaching/index does not link {base}/{name}"
        assert (ROOT / name).is_file()
    assert '<code class="docutils literal notranslate"><span class="pre">LICENSE-CONTENT</span></code>' not in page
    six = (ROOT / "teaching" / "index.md").read_text().split("### Six sessions", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"--chapters\s+([\w,-]+)", six).group(1).split(",")
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    book_order = [c["file"].split("/")[-1] for p in toc["parts"] if p.get("numbered") for c in p["chapters"]]
    assert command == book_order, f"six sessions: {command}, the book: {book_order}"
    assert " if `python -m helpers.course list`" not in six
