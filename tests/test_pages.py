"""Light pages whose charts show as fast as text: what a first visit transfers, how soon every chart
is visible compared with a chart-free page, and that nothing shifts while the charts become live.
Also what a shared link shows (meta description, Open Graph), the favicon, and a build log without
the kernels' TCP warnings.

The numbers are printed and written to ``_build/pages-metrics.json``; run this file against another
build (``BOOK_PREBUILT=/path/to/_build``) to compare before and after with the same code.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import statistics
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browse import SCROLL_THROUGH
from conftest import ROOT, toc_files

CHART_PAGE = "chapters/rwanda.html"
PLAIN_PAGE = "glossary.html"  # no chart
RUNS = 1  # the sizes and the layout shift are the same every visit; timings belong to tests/bench/
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Layout shifts (not caused by input) summed from the start of the page, as Chrome's CLS does.
CLS_INIT = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""

# A chart is visible once its interactive view is drawn, or once its static image is painted (loaded,
# decoded, with a size). Records the first moment every chart on the page is visible.
ALL_VISIBLE = """() => {
  const charts = [...document.querySelectorAll('div.vega-chart')];
  const visible = el => el.querySelector('svg.marks, canvas.marks') ||
    [...el.querySelectorAll('img.vega-static')].some(img => img.complete && img.naturalWidth > 0);
  if (charts.length && charts.every(visible)) {
    window.__visibleAt = window.__visibleAt || performance.now();
    return true;
  }
  return false;
}"""

ALL_LIVE = (
    "() => [...document.querySelectorAll('div.vega-chart')].every(el => el.querySelector('svg.marks, canvas.marks'))"
)


def _visit(browser, url: str, *, charts: bool) -> dict:
    """One cold-cache visit: gzip size of every response, load time, chart timings, layout shift."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(CLS_INIT)
    page.route(
        "**/*",
        lambda route, request: route.continue_() if urlparse(request.url).hostname in LOCAL_HOSTS else route.abort(),
    )
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="commit")
    if charts:
        page.evaluate(SCROLL_THROUGH)  # a chart's image is fetched, and the chart drawn, as the reader nears it
        # As the phone test waits: on a machine shared with a book build, drawing every chart of a long
        # chapter has taken more than 30 s.
        page.wait_for_function(ALL_VISIBLE, polling="raf", timeout=60_000)
        page.wait_for_function(ALL_LIVE, timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # let any last swap or shift settle
    result = page.evaluate(
        """() => ({load: performance.getEntriesByType('navigation')[0].loadEventEnd,
                   visible: window.__visibleAt || null, cls: window.__cls,
                   charts: document.querySelectorAll('div.vega-chart').length})"""
    )
    sizes = {}
    for response in responses:
        if response.status == 200 and response.url not in sizes:
            sizes[response.url] = len(gzip.compress(response.body(), compresslevel=6))
    context.close()
    result["gzip_bytes"] = sum(sizes.values())
    result["urls"] = sorted(urlparse(u).path for u in sizes)
    return result


def _kernel_stderr(ipython_dir: Path) -> str:
    """What a kernel started as the build starts them (jupyter_client, TCP) writes to stderr."""
    from jupyter_client import KernelManager

    log = ipython_dir.with_suffix(".log")
    km = KernelManager()
    with log.open("w") as err:
        km.start_kernel(env=dict(os.environ, IPYTHONDIR=str(ipython_dir)), stderr=err)
    try:
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        client.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
    return log.read_text()


@pytest.mark.notebooks  # starts a kernel: not in the fast loop
def test_build_kernels_do_not_warn_about_tcp_without_encryption(tmp_path):
    """A kernel started as the build starts them says nothing about encryption: ipykernel 7 logged that it ran
    over TCP without encryption in every kernel, and it can leave a request unread (requirements.txt pins 6.x)."""
    err = _kernel_stderr(tmp_path / "plain")
    assert "without encryption" not in err, f"a kernel of ipykernel 7? (see requirements.txt)\n{err}"


@pytest.mark.parametrize(
    ("repository", "expected"),
    [
        (
            "https://github.com/genocide-convention-book/genocide-convention-book",
            "https://genocide-convention-book.github.io/genocide-convention-book/",
        ),
        ("https://github.com/Teacher/My-Fork.git", "https://teacher.github.io/My-Fork/"),
        ("https://github.com/someone/someone.github.io/", "https://someone.github.io/"),
        ("https://gitlab.com/a/b", ""),
    ],
)
def test_open_graph_site_url_is_the_github_pages_address_of_the_repository(repository, expected):
    from helpers.site.config import pages_url

    assert pages_url(repository) == expected


def test_placeholder_keeps_room_for_the_live_chart_controls():
    import altair as alt
    import pandas as pd

    from helpers import images

    data = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2], "c": ["a", "b", "a"]})
    pick = alt.param(name="pick", value="a", bind=alt.binding_select(options=["a", "b"], name="Pick "))
    zoom = alt.selection_interval(bind="scales")  # zooming draws no control
    base = alt.Chart(data).mark_point().encode(x="x", y="y").properties(description="Three points")
    chart = alt.layer(base.add_params(pick, zoom), base)
    spec = chart.to_dict()
    assert images.controls(spec) == 1
    assert images.controls(base.to_dict()) == 0
    html_ = images.chart_html(spec)
    space = re.search(r'<div class="vega-controls-space" style="height:1lh">(.*?)</div>', html_)
    assert space, "one line kept for the chart's one control"
    assert re.fullmatch(r'<p class="vega-controls-note">Interactive controls load with the chart…</p>', space.group(1))
    assert "vega-controls-space" not in images.chart_html(base.to_dict())


def test_built_site_has_meta_description_open_graph_and_a_favicon(site):
    import yaml

    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    org, repo = repository.rstrip("/").split("/")[-2:]
    for doc in toc_files():
        text = (site / f"{doc}.html").read_text()
        head = text.split("</head>")[0]
        desc = re.search(r'<meta name="description" content="([^"]{40,})"', head)
        assert desc, f"{doc}.html: no <meta name=description> of a sentence or more"
        for prop in ("og:title", "og:description", "og:url"):
            assert f'property="{prop}"' in head, f"{doc}.html: no {prop}"
        url = re.search(r'property="og:url" content="([^"]+)"', head).group(1)
        assert url == f"https://{org.lower()}.github.io/{repo}/{doc}.html", f"{doc}.html: og:url {url}"
        title = yaml.safe_load((ROOT / "_config.yml").read_text())["title"]
        assert f'property="og:site_name" content="{html.escape(title, quote=True)}"' in head, f"{doc}.html: site name"
        assert "og:image" not in head, f"{doc}.html: an Open Graph image would be fetched from elsewhere"
        icon = re.search(r'<link rel="icon" href="([^"]+)"', head)
        assert icon, f"{doc}.html: no <link rel=icon>: browsers would ask for /favicon.ico"
        assert (site / doc).parent.joinpath(icon.group(1).split("?")[0]).resolve().is_file()


def test_build_log_has_no_tcp_warning(book_build):
    log = book_build.parent / "build.log"  # written beside the build by conftest.build_book and tests/run.sh
    if not log.exists():
        pytest.skip(f"a build made without a log beside it ({book_build})")
    assert "reading sources" in log.read_text()
    assert "without encryption" not in log.read_text()


@pytest.fixture(scope="module")
def metrics(server, browser) -> dict:
    plain = [_visit(browser, f"{server}/{PLAIN_PAGE}", charts=False) for _ in range(RUNS)]
    chart = [_visit(browser, f"{server}/{CHART_PAGE}", charts=True) for _ in range(RUNS)]
    plain_load = statistics.median(v["load"] for v in plain)
    chart_visible = statistics.median(v["visible"] for v in chart)
    out = {
        "plain_page": PLAIN_PAGE,
        "chart_page": CHART_PAGE,
        "charts": chart[0]["charts"],
        "plain_gzip_bytes": plain[0]["gzip_bytes"],
        "chart_gzip_bytes": chart[0]["gzip_bytes"],
        "plain_load_ms": round(plain_load, 1),
        "chart_visible_ms": round(chart_visible, 1),
        "chart_load_ms": round(statistics.median(v["load"] for v in chart), 1),
        "draw_ratio": round(chart_visible / plain_load, 2),
        "cls": round(max(v["cls"] for v in chart), 4),
        "plain_urls": plain[0]["urls"],
        "chart_urls": chart[0]["urls"],
    }
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "pages-metrics.json").write_text(json.dumps(out, indent=2))
    print("\npage metrics:", json.dumps({k: v for k, v in out.items() if not k.endswith("urls")}))
    return out


@pytest.mark.browser
def test_chart_free_page_loads_no_vega_script(metrics):
    vega = [u for u in metrics["plain_urls"] if "vega" in u]
    assert not vega, f"{PLAIN_PAGE} has no chart but loads {vega}"


@pytest.mark.browser
def test_chart_page_loads_the_vega_bundle(metrics):
    assert metrics["charts"] >= 3, f"{CHART_PAGE} should have several charts, found {metrics['charts']}"
    for script in ("/_static/vega-bundle.js", "/_static/vega-charts.js"):
        assert script in metrics["chart_urls"], f"{CHART_PAGE} does not load {script}"


@pytest.mark.browser
def test_chart_free_page_transfers_far_less_than_a_chart_page(metrics):
    # The bundle alone is ~250 kB gzipped: a page without charts must not carry it.
    assert metrics["plain_gzip_bytes"] < metrics["chart_gzip_bytes"] - 150_000, metrics


@pytest.mark.browser
def test_no_layout_shift_while_charts_become_interactive(metrics):
    assert metrics["cls"] < 0.1, f"cumulative layout shift on {CHART_PAGE}: {metrics['cls']}"


PLACEHOLDERS_JS = """async () => Promise.all([...document.querySelectorAll('div.vega-chart')].map(async el => {
  const spec = await (await fetch(el.dataset.specSrc)).json();  // the wide spec, in _static/vega-specs/
  const img = el.querySelector('img.vega-static');
  return {description: spec.description || '', alt: img ? img.alt : null,
          size: img ? [img.getAttribute('width'), img.getAttribute('height')] : null,
          natural: img ? [String(img.naturalWidth), String(img.naturalHeight)] : null,
          imgs: el.querySelectorAll('img').length, height: Math.round(el.getBoundingClientRect().height),
          live: el.querySelectorAll('svg.marks').length,
          label: (el.querySelector('[role="graphics-document"]') || {getAttribute: () => null}).getAttribute('aria-label')};
}))"""


@pytest.mark.browser
def test_static_image_holds_the_place_then_the_interactive_chart_replaces_it(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/vega-bundle.js*", lambda route: route.abort())  # a reader whose bundle has not come yet
    page.goto(f"{server}/{CHART_PAGE}", wait_until="load")
    page.evaluate(SCROLL_THROUGH)  # each static image is fetched as the reader nears it
    page.wait_for_function("() => [...document.images].every(img => img.complete)")
    before = page.evaluate(PLACEHOLDERS_JS)
    context.close()
    assert before, f"no chart on {CHART_PAGE}"
    for chart in before:
        assert chart["alt"] and chart["alt"] == chart["description"], chart
        assert chart["size"] == chart["natural"], f"the image's box is not its own size: {chart}"
        assert chart["live"] == 0, chart
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{CHART_PAGE}", wait_until="load")
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function(ALL_LIVE, timeout=30_000)
    after = page.evaluate(PLACEHOLDERS_JS)
    page.close()
    heights = [(b["height"], a["height"]) for b, a in zip(before, after)]
    assert all(abs(b - a) <= 3 for b, a in heights), f"chart boxes change height when they become live: {heights}"
    for chart in after:
        # One text alternative per chart for screen readers: the image is gone, the live chart is named.
        assert chart["imgs"] == 0 and chart["live"] == 1, chart
        assert chart["label"] and chart["description"] in chart["label"], chart


def test_no_page_asks_for_a_missing_favicon(seen):
    visited = seen(1280, "light")
    failed = {name: [e for e in r["errors"] if e.startswith("HTTP")] for name, r in visited.items()}
    assert not {name: f for name, f in failed.items() if f}, f"requests that failed: {failed}"
    assert any("favicon" in url for r in visited.values() for url in r["requested"]), "the browser asked for no icon"


@pytest.mark.browser
def test_no_page_loads_the_font_awesome_script(metrics):
    for page, urls in ((PLAIN_PAGE, metrics["plain_urls"]), (CHART_PAGE, metrics["chart_urls"])):
        heavy = [u for u in urls if "fontawesome.js" in u]
        assert not heavy, f"{page} loads Font Awesome's script ({heavy}); the theme's web font draws the icons"


@pytest.mark.parametrize("name", [PLAIN_PAGE, CHART_PAGE])
def test_theme_icons_are_drawn_by_the_web_font_and_hidden_from_screen_readers(seen, name):
    icons, loaded = seen(1280, "light")[name]["icons"]["icons"], seen(1280, "light")[name]["icons"]["fonts"]
    assert len(icons) >= 5, f"{name}: expected the theme's icons (search, download, light/dark...), found {icons}"
    blank = [i["icon"] for i in icons if i["content"] in ("none", "normal", '""')]
    assert not blank, f"{name}: icons with no glyph: {blank}"
    wrong_font = [i["icon"] for i in icons if "Font Awesome" not in i["font"]]
    assert not wrong_font, f"{name}: icons not drawn with the Font Awesome web font: {wrong_font}"
    assert loaded, f"{name}: no Font Awesome web font was loaded"
    spoken = [i["icon"] for i in icons if i["hidden"] != "true"]
    assert not spoken, f"{name}: icons a screen reader would announce: {spoken}"


@pytest.mark.browser
def test_a_first_visit_to_a_chart_free_page_stays_within_its_budget(metrics):
    # A reader on a poor connection: a text page (with the theme, its fonts and the search index) should
    # cost a few hundred kilobytes, not a megabyte (it was 1,011 kB with Font Awesome's script).
    assert metrics["plain_gzip_bytes"] < 500_000, (
        f"a first visit to {PLAIN_PAGE} transfers {metrics['plain_gzip_bytes']:,} bytes (gzip): {metrics['plain_urls']}"
    )


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SPACES_JS = """() => [...document.querySelectorAll('div.vega-chart')].filter(el => el.querySelector('.vega-controls-space'))
  .map(el => {
    // A chart keeps room for each form's controls (wide, narrow); the screen shows one of them.
    const shown = [...el.querySelectorAll('.vega-controls-space')].find((s) => s.getClientRects().length)
      || el.querySelector('.vega-controls-space');
    const space = shown.getBoundingClientRect();
    const note = shown.querySelector('.vega-controls-note'); const box = note && note.getBoundingClientRect();
    return {text: note ? note.textContent : '', chart: Math.round(el.getBoundingClientRect().height),
            inside: !!box && box.bottom <= space.bottom + 1 && box.right <= window.innerWidth && box.left >= 0,
            visible: !!note && getComputedStyle(note).visibility === 'visible' && box.height > 0}; })"""


def _phone_spaces(browser, url: str, bundle) -> list[dict]:
    """The rooms for controls at 390 px while the chart library is held back (``bundle``: what its
    request gets, "hang" or "abort")."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.route("**/vega-bundle.js*", (lambda route: None) if bundle == "hang" else (lambda route: route.abort()))
    page.goto(url, wait_until="load")
    if bundle == "abort":
        page.evaluate(SCROLL_THROUGH)  # the library is asked for when a chart nears the screen
        page.wait_for_function(
            "() => [...document.querySelectorAll('.vega-controls-note')].every(n => /unavailable/.test(n.textContent))"
        )
    spaces = page.evaluate(SPACES_JS)
    context.close()
    return spaces


@pytest.mark.browser
@pytest.mark.parametrize("name", [CHART_PAGE, "chapters/make-your-own-chart.html"])
def test_on_a_phone_the_room_for_controls_says_what_it_is_for_and_the_menus_start_on_screen(server, browser, name):
    """390 px. While the chart library is on its way (a poor connection), the room kept for each chart's
    controls holds a visible note, on screen, saying they load with the chart; if the library cannot be
    loaded, the note says they are unavailable: never a blank band. The interactive chart then takes the
    room the loading note held (no shift), and its menus start inside the screen."""
    waiting = _phone_spaces(browser, f"{server}/{name}", "hang")
    failed = _phone_spaces(browser, f"{server}/{name}", "abort")
    assert waiting, f"{name}: no chart keeps room for controls"
    for space in waiting:
        assert space["visible"] and space["inside"], f"{name}: the note is not shown inside its room: {space}"
        assert space["text"].startswith("Interactive controls load with the chart"), space
    for space in failed:
        assert space["visible"] and space["inside"], f"{name}: the note is not shown inside its room: {space}"
        assert "controls" in space["text"] and "unavailable" in space["text"], space
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server}/{name}", wait_until="load")
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function(ALL_LIVE, timeout=60_000)
    live = page.evaluate(
        """() => ({heights: [...document.querySelectorAll('div.vega-chart')]
                     .filter(el => el.querySelector('.vega-bindings select, .vega-bindings input'))
                     .map(el => Math.round(el.getBoundingClientRect().height)),
                   menus: [...document.querySelectorAll('div.vega-chart select')].map(s => {
                     const r = s.getBoundingClientRect(); return [s.name, Math.round(r.left), Math.round(r.right)]; }),
                   width: window.innerWidth})"""
    )
    context.close()
    assert [b["chart"] for b in waiting] == pytest.approx(live["heights"], abs=3), (waiting, live)
    assert live["menus"], f"{name}: no chart menu"
    off = [m for m in live["menus"] if m[1] < 0 or m[2] > live["width"]]
    assert not off, f"{name}: chart menus start off-screen at {live['width']} px: {off}"
