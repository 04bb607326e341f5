"""Every chart on the built site is legible at 1280 px and 390 px, in light and dark mode.

Measured in Chromium from the rendered SVG (tests/legibility.js): the smallest text as shown on
screen (font size times the SVG's scale), labels cut short (by Vega's ellipsis, by the SVG's edge, or
under the chart's menu button), axes that repeat a tick label, text overlapping
other text or a mark, WCAG AA contrast of text (4.5:1, large text 3:1) and of marks (3:1) against
what they are drawn on, and legend entries (colour and shape per category, the same everywhere).
Run by hand on any built site: ``BOOK_PREBUILT=path/to/_build python3 -m pytest tests/test_legibility.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import browse
from helpers.charts.theme import CATEGORY_STYLE

pytestmark = pytest.mark.browser
WIDTHS = (1280, 390)
MODES = ("light", "dark")
MIN_PX = 12


def chart_pages(site: Path) -> list[str]:
    """The site's pages that draw a chart, as paths relative to the site."""
    return sorted(
        str(p.relative_to(site)) for p in site.rglob("*.html") if 'class="vega-chart"' in p.read_text(errors="ignore")
    )


@pytest.fixture(scope="module")
def measured(seen):
    """A chart page's measures at a width and mode, from the browser pass (tests/browse.py)."""

    def measure(path: str, width: int, mode: str) -> dict:
        found = seen(width, mode)[path]
        return {"charts": found["legibility"], **found["page"]}

    return measure


def _measure(browser, server: str, path: str, width: int, mode: str, act) -> dict:
    """Open a page, act on it (a drag, say) and measure its charts after the action."""
    context = browse.context_for(browser, width, mode)
    page = context.new_page()
    browse.offline(page, [])
    page.goto(f"{server}/{path}", wait_until="load")
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    page.evaluate(browse.SCROLL_THROUGH)
    page.wait_for_function(browse.DRAWN, arg=mode, timeout=60_000)
    page.wait_for_timeout(300)  # let Vega settle its label layout
    act(page)
    result = {"charts": page.evaluate(browse.MEASURE), **page.evaluate(browse.PAGE)}
    context.close()
    return result


def _each(site, measured, width: int, mode: str = "light"):
    for path in chart_pages(site):
        for chart in measured(path, width, mode)["charts"]:
            yield path, chart


def test_the_site_has_charts_to_measure(site):
    assert len(chart_pages(site)) >= 5, "expected the chapters' charts on the built site"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_text_is_shown_at_12px_or_more(site, measured, width):
    small = []
    for path, chart in _each(site, measured, width):
        assert chart["drawn"] and chart["texts"] > 0, f"{path}: chart {chart['index']} drew no text"
        if chart["minPx"] < MIN_PX:
            small.append(f"{path} chart {chart['index']}: {chart['minPx']} px ({chart['smallest']!r})")
    assert not small, f"chart text smaller than {MIN_PX} px at {width} px:\n" + "\n".join(small)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chart_label_is_cut_short(site, measured, width):
    cut = [f"{path} chart {c['index']}: {t!r}" for path, c in _each(site, measured, width) for t in c["cut"]]
    assert not cut, f"labels cut short with an ellipsis at {width} px:\n" + "\n".join(cut)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_text_lies_inside_its_chart(site, measured, width):
    """The browser clips text past the SVG's box without an ellipsis ("Whose reading" showed as "Whose re"):
    only the boxes tell. Nor may text sit under the chart's menu button."""
    problems = [f"{path} chart {c['index']}: {o}" for path, c in _each(site, measured, width) for o in c["outside"]]
    problems += [
        f"{path} chart {c['index']}: {t!r} under the menu button" for path, c in _each(site, measured, width)
        for t in c["underMenu"]
    ]  # fmt: skip
    assert not problems, f"chart text cut off at {width} px:\n" + "\n".join(problems)


# The overview strip of a case timeline (the last cell of its vconcat): dragging across it zooms the detail.
OVERVIEW = """() => {
  const chart = [...document.querySelectorAll('div.vega-chart')].find(c => c.querySelector('g.concat_0_group'));
  const cells = [...chart.querySelectorAll('svg.marks g.role-scope')]
    .filter(g => /_group$/.test(g.getAttribute('class')) && !g.parentElement.closest('g.role-scope'));
  const r = cells[cells.length - 1].querySelector('path.background').getBoundingClientRect();
  return {index: [...document.querySelectorAll('div.vega-chart')].indexOf(chart), x: r.left, y: r.top, w: r.width, h: r.height};
}"""
ZOOMS = [(0.62, 0.85), (0.05, 0.2)]  # a few weeks at the end of the window, and at its start


def _zoom(fractions, found):
    def act(page):
        page.evaluate(
            "() => [...document.querySelectorAll('div.vega-chart')].find(c => c.querySelector('g.concat_0_group')).scrollIntoView()"
        )
        box = page.evaluate(OVERVIEW)
        found.update(box)
        y = box["y"] + box["h"] / 2
        page.mouse.move(box["x"] + box["w"] * fractions[0], y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["w"] * fractions[1], y, steps=8)
        page.mouse.up()
        page.wait_for_timeout(500)

    return act


@pytest.mark.parametrize("fractions", ZOOMS)
@pytest.mark.parametrize("path", ["chapters/rwanda.html", "chapters/cambodia.html"])
def test_a_zoomed_timeline_stays_legible(site, server, browser, path, fractions):
    """Zoomed by a drag on the overview, the timeline repeated its tick labels ("Apr 1994 Apr 1994"), a
    decision label ran past the chart's edge, and marks could sit outside the plot."""
    if not (site / path).exists():
        pytest.skip(f"{path} is not in this build")
    found: dict = {}
    chart = _measure(browser, server, path, 1280, "light", act=_zoom(fractions, found))["charts"][found["index"]]
    problems = chart["repeats"] + chart["outside"] + chart["cut"] + chart["spill"] + chart["overlaps"]
    problems += [f"{t!r} under the menu button" for t in chart["underMenu"]]
    assert not problems, f"{path} zoomed to {fractions} of its window:\n" + "\n".join(problems)


def test_no_axis_repeats_a_tick_label(site, measured):
    """Ticks at half-years labelled with the year read "1975 1975 1976 1976": each label names one tick."""
    repeats = [f"{path} chart {c['index']}: {r}" for path, c in _each(site, measured, 1280) for r in c["repeats"]]
    assert not repeats, "axes with repeated tick labels:\n" + "\n".join(repeats)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chart_text_overlaps_text_or_a_mark(site, measured, width):
    overlaps = [f"{path} chart {c['index']}: {o}" for path, c in _each(site, measured, width) for o in c["overlaps"]]
    assert not overlaps, f"overlapping chart text at {width} px:\n" + "\n".join(overlaps)


def test_a_phone_screen_never_scrolls_the_page_or_a_chart_sideways(site, measured):
    """At 390 px every chart is drawn for the column (its narrow form): neither the page nor a chart scrolls
    sideways, and no chart shows the "Scroll sideways" cue."""
    problems = []
    for path in chart_pages(site):
        page = measured(path, 390, "light")
        if page["scrollWidth"] > page["width"]:
            problems.append(f"{path}: the page is {page['scrollWidth']} px wide in a {page['width']} px window")
        for i, cue in enumerate(page["cues"]):
            if cue["scrolls"]:
                problems.append(f"{path} chart {i}: scrolls sideways in its box ({cue})")
            elif cue["hint"] not in ("none", "normal"):
                problems.append(f"{path} chart {i}: fits, yet shows the cue {cue['hint']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_charts_are_drawn_at_their_own_size(site, measured, width):
    """Never scaled down to fit (that is what made the text small); at both widths each fits the column."""
    problems = []
    for path, chart in _each(site, measured, width):
        if abs(chart["scale"] - 1) > 0.01:
            problems.append(f"{path} chart {chart['index']}: drawn at {chart['scale']:.2f} times its size")
        if chart["scrolls"]:
            problems.append(f"{path} chart {chart['index']}: {chart['chartWidth']:.0f} px, wider than the column")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", MODES)
def test_chart_text_and_marks_meet_wcag_aa_contrast(site, measured, mode):
    failures = [
        f"{path} chart {c['index']}: {f}" for path, c in _each(site, measured, 1280, mode) for f in c["lowContrast"]
    ]
    assert not failures, f"contrast below WCAG AA in {mode} mode:\n" + "\n".join(failures)


def test_a_category_has_one_colour_and_one_shape_on_every_page(site, measured):
    """Every legend entry naming an event category shows the book's colour and the same shape everywhere."""
    seen: dict[str, set[tuple[str, str]]] = {}
    wrong = []
    for path, chart in _each(site, measured, 1280):
        for entry in chart["legend"]:
            if entry["label"] in CATEGORY_STYLE:
                seen.setdefault(entry["label"], set()).add((entry["colour"], entry["shape"]))
                expected = CATEGORY_STYLE[entry["label"]][0].lower()
                if entry["colour"] != _hex6(expected):
                    wrong.append(f"{path}: {entry['label']} drawn {entry['colour']}, expected {expected}")
    assert seen, "no legend on the site names an event category"
    assert not wrong, "\n".join(wrong)
    differ = {label: styles for label, styles in seen.items() if len(styles) > 1}
    assert not differ, f"a category's legend entry differs between pages: {differ}"


def _hex6(colour: str) -> str:
    colour = colour.lower()
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_date_controls_show_dates_not_day_counts(site, measured):
    controls = [(path, c) for path in chart_pages(site) for c in measured(path, 1280, "light")["controls"]]
    assert controls, "no chart control found on the site"
    counts = [f"{path}: {c['text']!r}" for path, c in controls if re.search(r"\bdays? (after|since)\b", c["text"])]
    assert not counts, "a control counts days where a reader thinks in dates:\n" + "\n".join(counts)
    dated = [i for _, c in controls if c["text"].lower().startswith("known by") for i in c["inputs"]]
    assert dated, "no Known-by control on the site"
    for i in dated:
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", i["shown"] or ""), f"a Known-by control shows {i['shown']!r}"


# A static image opened as its own document: its texts' boxes, and the image's size.
STATIC_TEXTS = """() => {
  const svg = document.documentElement, box = svg.getBoundingClientRect();
  // Vega hides a label that would collide (labelOverlap) by making it transparent: leave those out.
  const shown = el => { for (let n = el; n && n.nodeType === 1; n = n.parentNode) {
    const s = getComputedStyle(n);
    if (s.opacity === '0' || s.display === 'none' || s.visibility === 'hidden' || s.fillOpacity === '0') return false;
  } return true; };
  const texts = [...document.querySelectorAll('text')].filter(t => t.textContent.trim() && shown(t));
  return {width: box.width, height: box.height, texts: texts.map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
            halo: getComputedStyle(t).stroke !== 'none' && parseFloat(getComputedStyle(t).strokeWidth) >= 2};
  })};
}"""


def static_images(site: Path) -> list[str]:
    """Every static chart image the site's pages show before (or without) the live chart: the wide form's
    and, in a <picture>'s source, the narrow form's."""
    found = set()
    for page in chart_pages(site):
        text = (site / page).read_text()
        found.update(re.findall(r'class="vega-static"[^>]* src="[./]*(_static/vega-static/[^"]+\.svg)"', text))
        found.update(re.findall(r'<source media="[^"]*" srcset="[./]*(_static/vega-static/[^"]+\.svg)"', text))
    return sorted(found)


def test_static_chart_images_keep_their_text_apart_and_inside(site, server, browser):
    """The image a reader sees until the chart is live (or for good, if the chart library does not load):
    measured in the browser's fonts, no text runs into another or off the image (vl-convert lays it out
    with Arial's metrics; the image must say so, or a wider system font spills)."""
    images = static_images(site)
    assert images, "no static chart image on the site"
    page = browser.new_page()
    bad = []
    try:
        for image in images:
            page.goto(f"{server}/{image}", wait_until="load")
            found = page.evaluate(STATIC_TEXTS)
            texts = [t for t in found["texts"] if not t["halo"]]
            for t in texts:
                if t["x0"] < -1 or t["y0"] < -1 or t["x1"] > found["width"] + 1 or t["y1"] > found["height"] + 1:
                    bad.append(f"{image}: {t['text']!r} runs off the image")
            for i, a in enumerate(texts):
                for b in texts[i + 1 :]:
                    if (
                        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 2
                        and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > 2
                    ):
                        bad.append(f"{image}: {a['text']!r} runs into {b['text']!r}")
    finally:
        page.close()
    assert not bad, f"{len(bad)} problems in {len(images)} static images, e.g.: {bad[:8]}"
