"""One browser pass over the built site per (width, mode), recording what every page test needs.

Each page of the book is opened once per setting (1280 px light, 1280 px dark, 390 px light by touch),
offline, scrolled through so that every chart draws, and measured: the requests that tried to leave
the machine, console and page errors, the charts drawn and their data tables, the page's text, the
legibility of every chart (tests/legibility.js), and, where a test needs it, accessibility (axe-core,
at 1280 px light), the live views' contrast, the theme's icons and the data tables' text. The tests in
test_site, test_legibility, test_citations and test_pages read these records instead of opening
pages of their own (``seen(width, mode)`` in conftest).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).parent
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SETTINGS = ((1280, "light"), (1280, "dark"), (390, "light"))
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
MEASURE = (HERE / "legibility.js").read_text()

# Every chart drawn in the page's mode (vega-charts.js marks each chart it draws with the mode it drew it in).
DRAWN = """mode => [...document.querySelectorAll('div.vega-chart')]
  .every(el => el.querySelector('svg.marks, canvas.marks') && el.dataset.drawn === mode)"""

# For each chart on the page: the number of distinct source rows its spec draws (rows carrying an id),
# and the number of rows in the data table written for it (found by the key the chart carries).
# A chart's spec is a JSON script on the page (data-spec) or a file (data-spec-src, helpers.site.mime).
TABLES = """() => Promise.all([...document.querySelectorAll('div.vega-chart:is([data-spec], [data-spec-src])')].map(async el => {
  const spec = el.dataset.spec ? JSON.parse(document.getElementById(el.dataset.spec).textContent)
    : await (await fetch(el.dataset.specSrc)).json();
  const table = ((spec.usermeta || {}).book || {}).table;
  const ids = new Set();
  Object.values(spec.datasets || {}).forEach(rows => rows.forEach(r => { if (r.id != null) ids.add(String(r.id)); }));
  const details = table ? document.querySelector(`details.chart-data[data-table-for="${table.key}"]`) : null;
  return {label: spec.description || '', key: table ? table.key : null, drawn: ids.size,
          rows: details ? details.querySelectorAll('tbody tr').length : null,
          summary: details ? details.querySelector('summary').textContent : null};
}))"""

# The page as a whole: sideways scroll, the charts' controls and scroll cues.
PAGE = """() => ({
  scrollWidth: document.scrollingElement.scrollWidth,
  width: window.innerWidth,
  controls: [...document.querySelectorAll('div.vega-chart .vega-bind')].map(b => ({
    text: b.innerText.trim(),
    inputs: [...b.querySelectorAll('input, select')].map(i => ({type: i.type, value: i.value,
      shown: i.tagName === 'SELECT' ? i.selectedOptions[0]?.text : i.value})),
  })),
  cues: [...document.querySelectorAll('div.vega-chart')].map(el => ({
    scrolls: el.scrollWidth > el.clientWidth + 1,
    overflow: getComputedStyle(el).overflowX,
    hint: getComputedStyle(el, '::before').content,
  })),
})"""

# In each data table's textContent, whitespace between every two adjacent cells (search indexes and
# excerpts read textContent: "…851994context…" was two cells run together).
CELLS_APART = """() => [...document.querySelectorAll('details.chart-data')].map(d => {
  const cells = [...d.querySelectorAll('th, td')].map(c => c.textContent);
  const text = d.textContent;
  let at = 0, joined = 0;
  for (let i = 0; i + 1 < cells.length; i++) {
    at = text.indexOf(cells[i], at) + cells[i].length;
    if (!/^\\s/.test(text.slice(at))) joined++;
  }
  const summary = d.querySelector('summary').textContent;
  const after = text.charAt(text.indexOf(summary) + summary.length);
  return {cells: cells.length, joined, summary: /\\s/.test(after)};
})"""

# For each element with text of its own inside a live view's static rendering (outside the chart, a
# white card of its own): its contrast with the first opaque background behind it, as WCAG computes it.
LIVE_VIEW_CONTRAST = """() => {
  const rgba = c => { const v = (c.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                           if (c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
  const out = [];
  for (const view of document.querySelectorAll('.live-view')) {
    for (const el of [view, ...view.querySelectorAll('*')]) {
      if (el.closest('div.vega-chart')) continue;
      if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const [a, b] = [lum(rgba(getComputedStyle(el).color)), lum(behind(el))].sort((x, y) => y - x);
      out.push({text: el.textContent.trim().slice(0, 50), ratio: Math.round((a + 0.05) / (b + 0.05) * 100) / 100});
    }
  }
  return out;
}"""

# Every theme icon on the page: is its glyph drawn by the web font, and hidden from screen readers?
ICONS = """async () => {
  await document.fonts.ready;
  return {icons: [...document.querySelectorAll('i[class*="fa-"]')].map(el => {
            const before = getComputedStyle(el, '::before');
            return {icon: el.className.replace(/\\s+/g, ' ').trim(), content: before.content,
                    font: before.fontFamily, hidden: el.getAttribute('aria-hidden')};
          }),
          fonts: [...document.fonts].filter(f => f.family.includes('Font Awesome') && f.status === 'loaded').length};
}"""

# Bring every chart and every lazily loaded element near the screen in turn, as a reader scrolling through
# the page does (the scrolling also counts as the reader's first move, after which vega-charts.js draws the
# charts it sees): a screen at a time would take up to 5 s on a long page, most of it past prose.
SCROLL_THROUGH = """async () => {
  if (document.readyState === 'loading') await new Promise(r => addEventListener('DOMContentLoaded', r, {once: true}));
  const near = [...document.querySelectorAll('div.vega-chart, [loading="lazy"]')]
    .filter(el => el.matches('div.vega-chart') || !el.closest('div.vega-chart'));  // a chart's image comes with it
  for (const el of near) {
    el.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  window.scrollTo(0, 0);
}"""


def context_for(browser, width: int, mode: str):
    """A fresh browser context at ``width`` (390 px: a phone, by touch) in the site's ``mode``."""
    options = PHONE if width == 390 else {"viewport": {"width": width, "height": 900}}
    context = browser.new_context(**options, color_scheme=mode)
    # The pydata theme keeps the reader's choice in localStorage and sets html[data-theme] from it.
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    return context


def offline(page, outside: list[str]) -> None:
    """Let the page reach only this machine; note every request that tried to go elsewhere."""

    def route(route, request):
        if request.url.startswith(("data:", "blob:")) or urlparse(request.url).hostname in LOCAL_HOSTS:
            return route.continue_()
        outside.append(request.url)
        return route.abort()

    page.route("**/*", route)


def record(browser, server: str, name: str, width: int, mode: str) -> dict:
    """Open one page at one setting and record everything the page tests ask of it."""
    from conftest import visit

    context = context_for(browser, width, mode)
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    requested: list[str] = []
    offline(page, outside)
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("response", lambda resp: errors.append(f"HTTP {resp.status}: {resp.url}") if resp.status >= 400 else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("requestfinished", lambda request: requested.append(request.url))
    visit(page, f"{server}/{name}")
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    page.evaluate(SCROLL_THROUGH)
    charts = page.locator("div.vega-chart").count()
    if charts:
        page.wait_for_function(DRAWN, arg=mode, timeout=60_000)
        page.wait_for_timeout(300)  # let Vega settle its label layout
    found = {
        "url": page.url,
        "outside": outside,
        "charts": charts,
        "drawn": page.locator("div.vega-chart svg.marks, div.vega-chart canvas.marks").count(),
        "text": page.inner_text("body"),
        "page": page.evaluate(PAGE),
        "tables": page.evaluate(TABLES) if charts else [],
        "legibility": page.evaluate(MEASURE) if charts else [],
        "cells_apart": page.evaluate(CELLS_APART),
        "live_contrast": page.evaluate(LIVE_VIEW_CONTRAST),
        "icons": page.evaluate(ICONS),
    }
    # What the reader's browser logged, before axe (which re-fetches stylesheets itself).
    found["errors"] = list(errors)
    found["requested"] = list(requested)
    if (width, mode) == SETTINGS[0]:
        from axe_playwright_python.sync_playwright import Axe

        found["axe"] = [
            f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['target']}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    return found
