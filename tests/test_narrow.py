"""Every chart builder's narrow form (a phone's column): valid Vega-Lite, drawn within 342 px, no text under
12 px; the wide charts exactly as they were; both forms and both static images on the site.

The wide layouts are compared with ``tests/wide-layout.json``, the layout numbers (every number of a spec
but its data and text) of the example calls and of every chart on the site. Its examples were written from
main's toolkit, which has no narrow forms (at the merge of December 2026 the branch's wide specs of all the
example and hard calls here were byte-identical to main's); its pages from the build that followed. After a
deliberate change to a wide chart, write it again from a build:
``python3 tests/test_narrow.py SITE_HTML > tests/wide-layout.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import pytest
from test_charts import EXAMPLES, VEGALITE, example_spec, explorer_bundle
from test_maps import map_spec

from conftest import ROOT
from helpers import chapter, charts, data, images, widgets
from helpers.charts.layout import NARROW_WIDTH
from helpers.images import narrow_of, split_forms

SNAPSHOT = Path(__file__).with_name("wide-layout.json")
MIN_PX = 12

# Beyond each builder's example: calls as the chapters make them, where a narrow column is hardest.
HARD = {
    **{f"locator_map {case}": (lambda t, case=case: map_spec(case)) for case in ("rwanda", "cambodia", "darfur", "car")},
    "timeline rwanda, decisions marked": lambda t: charts.timeline(
        t["rwanda"].shown, start="1993-08", end="1994-07", annotate=t["rwanda"].marked
    ),
    "timeline strands": lambda t: charts.timeline(t["events"], lanes="strand", end="2015", annotate=t["convention"].marked),
    "strength, three forces": lambda t: charts.strength(
        t["deployments"], ["MISCA", "Sangaris", "MINUSCA"], documents=t["documents"], start="2013", end="2015"
    ),
    "warned_and_done darfur": lambda t: charts.warned_and_done(
        t["darfur"].shown, "2004-09-09", warned=("warning", "investigation"), acted=("decision", "deployment", "legal")
    ),
    "risk_profile with a reader's marks": lambda t: charts.risk_profile(
        t["readings"], t["events"], "car", as_of="2014-01-15", compare={"rf-1": "present", "rf-9": ("unclear", "why")}
    ),
    "ranges rwanda": lambda t: charts.ranges(t["rwanda"].rows("figures", set="tolls")),
    "compare_cases with the day 0 switch": lambda t: charts.compare_cases(t["events"], t["cases"], onsets=True),
}  # fmt: skip


@pytest.fixture(scope="module")
def tables():
    found = {
        name: data.load(name, ROOT / "data") for name in ("events", "deployments", "documents", "cases", "readings")
    }
    found["rwanda"] = chapter.open("rwanda", "1993-08", "1994-07", "1994-04-21")
    found["darfur"] = chapter.open("darfur", "2003", "2010", "2004-09-09")
    found["convention"] = chapter.open("convention", None, "2015", None)
    return found


@pytest.fixture(scope="module")
def specs(tables):
    """Each call's spec (the wide chart carrying its narrow form), drawn once (the examples with test_charts)."""
    found = {name: example_spec(name) for name in EXAMPLES}
    for name, call in HARD.items():
        drawn = call(tables)  # a chart, or a map's spec as test_maps drew it
        found[name] = drawn if isinstance(drawn, dict) else drawn.to_dict()
    return found


@pytest.fixture(scope="module")
def drawn(specs):
    """Each narrow form's static SVG, as vl-convert draws it for the site."""
    return {name: images.static_svg(narrow_of(spec)) for name, spec in specs.items()}


def svg_size(svg: str) -> tuple[float, float]:
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    return float(re.search(r'\swidth="([\d.]+)"', root).group(1)), float(
        re.search(r'\sheight="([\d.]+)"', root).group(1)
    )


def font_sizes(svg: str) -> list[float]:
    """Every text's font size in an SVG drawn by vl-convert."""
    return [float(v) for v in re.findall(r'<text\b[^>]*\bfont-size="([\d.]+)px"', svg)]


def test_every_builder_has_examples_here():
    assert set(charts.__all__) <= set(EXAMPLES), "each builder's example call (tests/test_charts.py) is tested here too"


@pytest.mark.parametrize("name", sorted({**EXAMPLES, **HARD}))
def test_a_narrow_form_travels_with_every_chart_and_is_valid_vega_lite(specs, name):
    narrow = narrow_of(specs[name])
    assert narrow is not None, f"{name}: no narrow form in usermeta.book.narrow"
    VEGALITE.validate(narrow)  # against Vega-Lite's own JSON schema, as tests/test_charts.py does for the wide
    json.dumps(narrow, allow_nan=False)
    assert narrow["datasets"] and narrow.get("description") == specs[name].get("description")
    assert "table" not in narrow.get("usermeta", {}).get("book", {}), "the page writes the wide chart's table once"


@pytest.mark.parametrize("name", sorted({**EXAMPLES, **HARD}))
def test_a_narrow_form_fits_a_phones_column_with_text_of_12px_or_more(drawn, name):
    svg = drawn[name]
    assert svg, f"{name}: vl-convert could not draw the narrow form"
    width, height = svg_size(svg)
    assert width <= NARROW_WIDTH, f"{name}: the narrow form is {width:.0f} px wide, more than {NARROW_WIDTH}"
    assert height > 0
    sizes = font_sizes(svg)
    assert sizes, f"{name}: no text found in the narrow form's SVG"
    assert min(sizes) >= MIN_PX, f"{name}: text of {min(sizes)} px"


def test_the_checks_catch_a_chart_too_wide_or_text_too_small(specs):
    """The wide form of the same chart fails the width check; a 10-px label fails the size check."""
    wide, _ = split_forms(specs["ranges"])
    assert svg_size(images.static_svg(wide))[0] > NARROW_WIDTH
    small = {**wide, "layer": [{**wide["layer"][-1], "mark": {**wide["layer"][-1]["mark"], "fontSize": 10}}]}
    assert min(font_sizes(images.static_svg(small))) == 10


def test_a_builder_draws_one_form_when_asked(tables):
    figures = data.load("figures", ROOT / "data").head(3)
    wide = charts.ranges(figures, layout="wide").to_dict()
    narrow = charts.ranges(figures, layout="narrow").to_dict()
    assert narrow_of(wide) is None and narrow_of(narrow) is None
    assert wide["width"] > NARROW_WIDTH >= narrow["width"]
    with pytest.raises(ValueError, match="layout='phone' is not a chart layout"):
        charts.ranges(figures, layout="phone")


def test_an_empty_window_says_so_in_both_forms(tables):
    spec = charts.timeline(tables["events"], case="rwanda", start="1800", end="1801").to_dict()
    narrow = narrow_of(spec)
    assert narrow["description"] == spec["description"]
    assert svg_size(images.static_svg(narrow))[0] <= NARROW_WIDTH


# --------------------------------------------------------------------------------------------------
# The wide charts stay exactly as they were
# --------------------------------------------------------------------------------------------------

SKIP = {"datasets", "data", "usermeta", "description", "$schema"}


def layout_numbers(spec, path: str = "") -> dict[str, float]:
    """Every number in a spec but in its data and text alternative: sizes, spacing, offsets, fonts, domains."""
    out: dict[str, float] = {}
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key not in SKIP:
                out.update(layout_numbers(value, f"{path}/{key}"))
    elif isinstance(spec, list):
        for i, value in enumerate(spec):
            out.update(layout_numbers(value, f"{path}/{i}"))
    elif isinstance(spec, int | float) and not isinstance(spec, bool):
        out[path] = spec
    return out


def layout_key(spec) -> str:
    """A short fingerprint of a spec's layout numbers (what tests/wide-layout.json keeps)."""
    return hashlib.sha1(json.dumps(layout_numbers(spec), sort_keys=True).encode()).hexdigest()[:16]


def test_the_wide_examples_keep_their_layout(specs):
    before = json.loads(SNAPSHOT.read_text())["examples"]
    changed = [name for name in before if layout_key(split_forms(specs[name])[0]) != before[name]]
    assert not changed, f"wide charts whose layout changed: {changed}"


def test_the_layout_check_can_fail(specs):
    wide, _ = split_forms(specs["strength"])
    moved = {**wide, "height": wide["height"] + 1}
    assert layout_numbers(moved) != layout_numbers(wide)
    assert layout_numbers({**wide, "datasets": {}}) == layout_numbers(wide), "the data are not layout"


WIDE_SRC = re.compile(r'<div class="vega-chart" id="vega-[0-9a-f]+" data-spec-src="([^"]+)"')


def chart_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if 'class="vega-chart"' in p.read_text(errors="ignore"))


def page_layouts(site: Path) -> dict[str, list[dict[str, float]]]:
    """The layout numbers of every wide chart on each page of a built site (its spec in _static/vega-specs/),
    in page order."""
    return {
        str(page.relative_to(site)): [
            layout_key(json.loads((page.parent / src).read_text())) for src in WIDE_SRC.findall(page.read_text())
        ]
        for page in chart_pages(site)
    }


def test_every_wide_chart_on_the_site_keeps_its_layout(site):
    """The chapters' own calls, as the build drew them: the same layouts as before the narrow forms."""
    before = json.loads(SNAPSHOT.read_text())["pages"]
    now = page_layouts(site)
    assert set(now) == set(before), "the pages with charts changed: write tests/wide-layout.json again"
    changed = [
        f"{page} chart {i}" for page in before for i, (a, b) in enumerate(zip(before[page], now[page])) if a != b
    ]
    changed += [page for page in before if len(before[page]) != len(now[page])]
    assert not changed, f"wide charts whose layout changed: {changed}"


# --------------------------------------------------------------------------------------------------
# Both forms on the site
# --------------------------------------------------------------------------------------------------

CONTAINER = re.compile(
    r'<div class="vega-chart" id="(vega-[0-9a-f]+)"([^>]*)>(.*?)</div>(?=<script|</div>|<details)', re.S
)


def test_chart_html_carries_both_forms_and_both_images(specs):
    spec = specs["timeline"]
    page = images.chart_html(spec)
    wide, narrow = split_forms(spec)
    chart_id = re.search(r'id="(vega-[0-9a-f]+)"', page).group(1)
    assert f'data-spec="{chart_id}-spec" data-spec-narrow="{chart_id}-narrow"' in page
    scripts = dict(re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', page))
    assert json.loads(scripts[f"{chart_id}-spec"].replace("<\\/", "</")) == wide
    assert json.loads(scripts[f"{chart_id}-narrow"].replace("<\\/", "</")) == narrow
    source = re.search(
        r'<picture><source media="([^"]+)" srcset="data:image/svg\+xml;base64,[^"]+" width="(\d+)" height="(\d+)">',
        page,
    )
    assert source and source.group(1) == images.NARROW_MEDIA and int(source.group(2)) <= NARROW_WIDTH
    img = re.search(r'<img class="vega-static"[^>]* width="(\d+)" height="(\d+)"', page)
    assert img and int(img.group(1)) > NARROW_WIDTH
    # The room for the controls, once per form (book.css shows the one for the screen).
    assert 'vega-controls-space vega-form-wide" style="height:2lh"' in page
    assert re.search(r'vega-controls-space vega-form-narrow" style="height:\dlh"', page)


@pytest.mark.parametrize(
    "build",
    [
        lambda t: explorer_bundle("event_explorer"),  # rendered once with test_charts
        lambda t: explorer_bundle("warned_and_done"),
        lambda t: widgets.risk_reader(t["readings"], t["events"], "car")._repr_mimebundle_(),
    ],
    ids=["event_explorer", "warned_and_done", "risk_reader"],
)
def test_a_live_views_static_rendering_carries_both_forms(tables, build):
    """A live explorer's static view (what the site and a reader without a kernel see) is drawn by the builders,
    so it has a narrow form and both images, and the narrow form fits a phone's column."""
    static = build(tables)["text/html"]
    chart_id = re.search(r'class="vega-chart" id="(vega-[0-9a-f]+)"', static).group(1)
    assert f'data-spec-narrow="{chart_id}-narrow"' in static and "<picture><source" in static
    payload = re.search(rf'<script type="application/json" id="{chart_id}-narrow">(.*?)</script>', static, re.S)
    narrow = json.loads(payload.group(1).replace("<\\/", "</"))
    VEGALITE.validate(narrow)
    assert svg_size(images.static_svg(narrow))[0] <= NARROW_WIDTH


def test_a_chart_without_a_narrow_form_is_drawn_as_before(specs):
    wide, _ = split_forms(specs["ranges"])
    page = images.chart_html(wide)
    assert "<picture>" not in page and "data-spec-narrow" not in page and "vega-form-" not in page
    assert page.count('<script type="application/json"') == 1


def test_the_controls_room_counts_the_lines_a_phone_needs(specs):
    findings = narrow_of(specs["findings"])
    assert images.control_lines(findings, 10_000) == images.controls(findings) == 1
    assert images.control_lines(findings) >= 2, "the findings' radio buttons wrap in a phone's column"
    timeline = narrow_of(specs["timeline"])
    assert images.control_lines(timeline) == images.controls(timeline)


def test_the_browser_chooses_the_form_by_the_images_media_query():
    """vega-charts.js draws the form its <picture> shows (the source's own media query), and without a
    picture the narrow form below the same 600 px."""
    script = (ROOT / "src" / "helpers" / "static" / "vega-charts.js").read_text()
    assert "picture > source[media]" in script and "matchMedia(el._narrowMedia)" in script
    limit = int(re.search(r"var NARROW = (\d+);", script).group(1))
    assert f"(max-width: {limit - 0.02}px)" == images.NARROW_MEDIA


def test_the_specs_and_images_move_out_of_the_page(specs, tmp_path):
    from helpers.site.mime import externalise_fallbacks

    class App:
        outdir = str(tmp_path)

    spec = specs["ranges"]
    context = {"body": images.chart_html(spec), "pathto": lambda name, resource: name}
    externalise_fallbacks(App(), context)
    body = context["body"]
    assert "data:image" not in body and '<script type="application/json"' not in body
    src = re.search(r'data-spec-narrow-src="([^"]+)"', body).group(1)
    assert src.startswith("_static/vega-specs/") and json.loads((tmp_path / src).read_text()) == narrow_of(spec)
    wide = re.search(r'data-spec-src="([^"]+)"', body).group(1)
    assert wide.startswith("_static/vega-specs/") and json.loads((tmp_path / wide).read_text()) == split_forms(spec)[0]
    for image in re.findall(r'(?:src|srcset)="(_static/vega-static/[^"]+\.svg)"', body):
        assert (tmp_path / image).read_text().startswith("<svg")
    assert len(re.findall(r'(?:src|srcset)="_static/vega-static/', body)) == 2


def test_the_site_shows_both_static_images_with_their_sizes(site):
    """Every chart of the book's builders on the site: a <picture> whose narrow source and wide image each
    carry their SVG's own size, and both specs in files of their own."""
    problems, seen = [], 0
    for page in chart_pages(site):
        html = page.read_text()
        for chart_id, attrs, inner in CONTAINER.findall(html):
            seen += 1
            where = f"{page.relative_to(site)} {chart_id}"
            spec_src = re.search(r'data-spec-narrow-src="([^"]+)"', attrs)
            if not re.search(r'data-spec-src="([^"]+)"', attrs):
                problems.append(f"{where}: its wide spec is not in a file of its own")
            source = re.search(r'<source media="([^"]+)" srcset="([^"]+)" width="(\d+)" height="(\d+)">', inner)
            img = re.search(r'<img class="vega-static"[^>]* width="(\d+)" height="(\d+)"[^>]* src="([^"]+)"', inner)
            if not (spec_src and source and img):
                problems.append(f"{where}: missing {'narrow spec' if not spec_src else 'picture source or image'}")
                continue
            assert source.group(1) == images.NARROW_MEDIA
            narrow = json.loads((page.parent / spec_src.group(1)).read_text())
            assert narrow.get("$schema", "").startswith("https://vega.github.io/schema/vega-lite/v5")
            for url, w, h in (
                (source.group(2), source.group(3), source.group(4)),
                (img.group(3), img.group(1), img.group(2)),
            ):
                size = svg_size((page.parent / url).read_text())
                if (round(size[0]), round(size[1])) != (int(w), int(h)):
                    problems.append(f"{where}: {url} is {size}, the page says {w}x{h}")
            if int(source.group(3)) > NARROW_WIDTH:
                problems.append(f"{where}: narrow image {source.group(3)} px wide")
    assert seen >= 30, f"only {seen} charts found on the site"
    assert not problems, "\n".join(problems)


if __name__ == "__main__":  # python3 tests/test_narrow.py SITE_HTML > tests/wide-layout.json
    tables = {name: data.load(name, ROOT / "data") for name in ("events", "deployments", "documents", "cases")}
    examples = {name: layout_key(split_forms(call(tables).to_dict())[0]) for name, call in EXAMPLES.items()}
    print(json.dumps({"examples": examples, "pages": page_layouts(Path(sys.argv[1]))}, indent=1, sort_keys=True))
