"""The offline renderer: what a chart carries in a notebook and on the static page."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

import helpers.charts  # noqa: F401  (importing the charts enables the book's renderer)
from helpers import images, render
from helpers.site import bundle, mime, pages


def small_chart():
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    return alt.Chart(frame).mark_bar().encode(x="x:N", y="y:Q").properties(description="Two bars </script><b>")


def test_book_renderer_is_enabled_and_carries_the_spec_and_no_image():
    assert alt.renderers.active == render.RENDERER_NAME
    bundle = small_chart()._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert render.VEGALITE_MIME in bundle
    assert bundle[render.VEGALITE_MIME]["mark"]["type"] == "bar"
    assert "Two bars" in bundle["text/plain"]
    # Static images are drawn at build time where they are read (the site's SVG, a LaTeX build's PNG).
    assert "image/png" not in bundle
    # No HTML output that would pull Vega from a CDN.
    assert "text/html" not in bundle


def test_chart_html_escapes_the_spec_and_has_a_static_fallback():
    spec = small_chart().to_dict()
    out = images.chart_html(spec)
    assert out.count("</script>") == 1, "the spec's own '</script>' must be escaped"
    ident = re.search(r'class="vega-chart" id="([^"]+)" data-spec="\1-spec"', out).group(1)
    payload = re.search(rf'<script type="application/json" id="{ident}-spec">(.*)</script>', out, re.S).group(1)
    assert json.loads(payload)["description"] == "Two bars </script><b>"
    # The static SVG shows at once (no <noscript>), in a box of the chart's exact size.
    img = re.search(
        r'<img class="vega-static" alt="[^"]*" width="(\d+)" height="(\d+)"[^>]* src="data:image/svg\+xml;base64,', out
    )
    assert img and "<noscript>" not in out, out[:300]
    svg = images.static_svg(spec)
    assert f'width="{img.group(1)}"' in svg and f'height="{img.group(2)}"' in svg
    assert 'alt="Two bars &lt;/script&gt;&lt;b&gt;"' in out


def test_mime_plugin_renders_vegalite_and_declines_other_outputs():
    class Data:
        def __init__(self, mime, content):
            self.mime_type, self.content = mime, content

    spec = small_chart().to_dict()
    nodes = mime.VegaLiteMimeRenderer.handle_mime(None, Data(render.VEGALITE_MIME, spec), False)
    assert nodes and 'class="vega-chart"' in nodes[0].astext()
    assert mime.VegaLiteMimeRenderer.handle_mime(None, Data("text/plain", "x"), False) is None
    assert mime.VegaLiteMimeRenderer.handle_mime(None, Data(render.VEGALITE_MIME, spec), True) is None
    overrides = {(b, m): p for b, m, p in mime.VegaLiteMimeRenderer.mime_priority_overrides}
    assert overrides[("html", mime.WIDGET_MIME)] is None, "live widget views are kept off static pages"
    assert overrides[("html", render.VEGALITE_MIME)] < 30, "Vega-Lite outranks text/html on static pages"


def test_bundle_is_function_scoped_and_exposes_vega_embed(tmp_path):
    path = bundle.write_bundle(tmp_path)
    text = path.read_text()
    assert text.splitlines()[1] == "(function () {", "the bundle must not declare globals (Sphinx pages define `_`)"
    assert text.rstrip().endswith("})();")
    assert "window.vegaEmbed = vegaEmbed" in text or "window.vegaEmbed=" in text
    # The bundle fetches nothing: the only addresses in it are names (the SVG namespace, links in
    # Vega's messages and schema ids), never a host to load code, data or fonts from.
    addresses = set(re.findall(r"https?://[A-Za-z0-9.-]+", text))
    assert addresses <= {"http://www.w3.org", "https://github.com", "https://vega.github.io"}, addresses
    # Written once: a second call with the same versions does not rewrite it.
    mtime = path.stat().st_mtime_ns
    bundle.write_bundle(tmp_path)
    assert path.stat().st_mtime_ns == mtime


def test_a_second_build_folder_takes_the_bundle_from_the_shared_cache(tmp_path, monkeypatch):
    """vl-convert makes the bundle once per machine and versions: another build folder copies it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made = []  # what vl-convert was asked to make (the real bundle is tested above)
    monkeypatch.setattr(bundle, "vega_bundle_source", lambda: made.append(1) or f"bundle {len(made)}")
    first = bundle.write_bundle(tmp_path / "one")
    second = bundle.write_bundle(tmp_path / "two")
    assert made == [1] and second.read_text() == first.read_text() == "bundle 1"
    assert list((tmp_path / "cache" / "never-again-book").glob("*.tmp")) == []


def test_chart_html_runs_no_script_of_its_own():
    """The container only holds data: the page's own vega-charts.js draws it; nothing is loaded from elsewhere."""
    out = images.chart_html(small_chart().to_dict())
    scripts = re.findall(r"<script\b([^>]*)>", out)
    assert scripts == [' type="application/json" id="' + re.search(r'id="(vega-[0-9a-f]+)"', out).group(1) + '-spec"']
    assert "src=" not in out.replace('src="data:image/svg+xml;base64,', "")


def test_tables_are_written_under_charts_after_the_cell(monkeypatch):
    """In a notebook the renderer queues the chart's table and writes it once the cell has run."""
    from helpers.charts.marks import with_table

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    frame = pd.DataFrame({"id": ["a", "b"], "x": ["a", "b"], "y": [1, 2]})
    spec = with_table(
        alt.Chart(frame).mark_bar().encode(x="x:N", y="y:Q"), frame, {"x": "X", "y": "Y"}, "Two rows"
    ).to_dict()
    monkeypatch.setattr(render, "_shell", lambda: object())
    monkeypatch.delenv(render.BUILD_ENV, raising=False)
    render._renderer(spec)
    assert render._pending == [spec] and not shown
    render.flush_tables()
    assert len(shown) == 1 and "Two rows (2 rows)" in shown[0].data and shown[0].data.count("<tr>") == 3
    assert render._pending == []
    # In the book's build the page renderer writes the table inside the chart's own output instead.
    monkeypatch.setenv(render.BUILD_ENV, "1")
    render._renderer(spec)
    assert render._pending == []

    class Data:
        mime_type, content = render.VEGALITE_MIME, spec

    node, _printed = mime.VegaLiteMimeRenderer.handle_mime(None, Data(), False)
    assert 'class="vega-chart"' in node.astext() and "Two rows (2 rows)" in node.astext()


def test_bibliography_entries_become_list_items():
    body = (
        '<div role="list" class="citation-list">\n<div class="citation" id="id1" role="doc-biblioentry">x</div></div>'
    )
    context = {"body": body}
    pages.page_context(None, "references", "page.html", context, None)  # a page without charts needs nothing of the app
    assert 'role="listitem"' in context["body"] and "doc-biblioentry" not in context["body"]


def test_a_chart_that_cannot_be_drawn_statically_is_reported_not_dropped():
    broken = {"mark": "no-such-mark", "data": {"values": [{"a": 1}]}, "description": "A broken chart"}
    with pytest.warns(UserWarning, match="no static PNG for the chart 'A broken chart'"):
        assert images.png(broken) is None
    with pytest.warns(UserWarning, match="no static SVG for the chart 'A broken chart'"):
        assert 'class="vega-static"' not in images.chart_html(broken)


def test_a_chart_drawn_once_is_taken_from_the_machines_cache_and_a_changed_one_is_drawn_again(tmp_path, monkeypatch):
    """A course edition, a rebuilt book or a kernel showing the same chart takes vl-convert's image drawn
    before (helpers.cache); a chart that differs in anything is drawn afresh."""
    import vl_convert as vlc

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = small_chart().to_dict()
    svg, printed = images.static_svg(spec), images.png(spec)
    kept = sorted(p.suffix for p in (tmp_path / "cache" / "never-again-book" / "drawings").iterdir())
    assert kept == [".png", ".svg"], kept

    def refuse(*_args, **_kwargs):
        raise RuntimeError("vl-convert was asked again")

    monkeypatch.setattr(vlc, "vegalite_to_svg", refuse)
    monkeypatch.setattr(vlc, "vegalite_to_png", refuse)
    assert images.static_svg(spec) == svg and images.png(spec) == printed
    changed = {**spec, "description": "Two other bars"}
    with pytest.warns(UserWarning, match="vl-convert was asked again"):
        assert images.static_svg(changed) is None
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_a_printed_chart_is_drawn_as_a_png_only_by_a_latex_build(tmp_path):
    """The kernel makes no image; a chart's node carries its spec, and at write time a LaTeX build draws it
    with vl-convert into its output folder while any other builder drops it."""
    from docutils.utils import new_document

    spec = small_chart().to_dict()
    nodes_ = mime.VegaLiteMimeRenderer.handle_mime(
        None, type("D", (), {"mime_type": render.VEGALITE_MIME, "content": spec}), False
    )
    assert [type(n).__name__ for n in nodes_] == ["raw", "chart_image"]
    for fmt, images_written in (("html", 0), ("latex", 1)):
        out = tmp_path / fmt
        out.mkdir()
        document = new_document("page")
        document += nodes_[1].deepcopy()
        app = type("App", (), {"builder": type("B", (), {"format": fmt, "outdir": str(out)})})
        document.settings.env = type("Env", (), {"app": app})  # what Sphinx gives every document it reads
        mime.PrintedCharts(document).run()
        found = list(document.findall(lambda n: n.tagname == "image"))
        assert len(found) == images_written and len(list(out.glob("chart-*.png"))) == images_written
        if images_written:
            assert (out / found[0]["uri"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert found[0]["alt"] == "Two bars </script><b>"
        assert not list(document.findall(mime.chart_image))
    assert ("latex", render.VEGALITE_MIME, 5) in mime.VegaLiteMimeRenderer.mime_priority_overrides


def test_thebe_configuration_goes_and_links_showing_their_address_are_marked():
    """At the document tree, not in the built HTML: sphinx-thebe's raw configuration is removed, and a link
    whose text is its own address is marked for the print stylesheet (which adds other links' addresses)."""
    from docutils import nodes
    from docutils.utils import new_document

    doc = new_document("page")
    para = nodes.paragraph()
    para += nodes.reference("https://example.org/x", "https://example.org/x", refuri="https://example.org/x")
    para += nodes.reference("the report", "the report", refuri="https://example.org/report")
    doc += para
    doc += nodes.raw(text='<script type="text/x-thebe-config">{requestKernel: true}</script>', format="html")
    doc += nodes.raw(text="<script>kernelName = 'python3'</script>", format="html")
    doc += nodes.raw(text='<div class="vega-chart"></div>', format="html")
    pages.resolved(None, doc, "page")
    assert [r.astext() for r in doc.findall(nodes.raw)] == ['<div class="vega-chart"></div>']
    shown, named = list(doc.findall(nodes.reference))
    assert "url-shown" in shown["classes"] and "url-shown" not in named["classes"]
