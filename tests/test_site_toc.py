"""The sidebar's contents, as the theme builds them and the book repairs them (no build needed)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from helpers.site.pages import label_toc_toggles

SIDEBAR = """<ul>
<li class="toctree-l1 has-children"><a class="reference internal" href="teaching/rwanda.html">Rwanda: the guide</a>
<details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary>
<ul><li class="toctree-l2"><a href="teaching/handouts/rwanda-worksheet.html">Worksheet</a></li></ul></details></li>
<li class="toctree-l1"><a class="reference internal" href="chapters/car.html">6. The CAR</a></li>
</ul>"""


def toggles(tree: BeautifulSoup) -> list[str | None]:
    return [s.get("aria-label") for s in tree.select("summary")]


def test_each_toggle_of_the_sidebar_is_named_by_its_page():
    context = {"generate_toctree_html": lambda kind, **kw: BeautifulSoup(SIDEBAR, "html.parser")}
    assert toggles(context["generate_toctree_html"]("sidebar")) == [None], "the theme's toggle has no name"
    label_toc_toggles(context)
    assert toggles(context["generate_toctree_html"]("sidebar")) == ["Pages under Rwanda: the guide"]
    wrapped = context["generate_toctree_html"]
    label_toc_toggles(context)
    assert context["generate_toctree_html"] is wrapped, "a page's context is wrapped once"


def test_a_toggle_with_text_keeps_it_and_a_page_without_the_theme_is_left_alone():
    part = '<ul><li><details><summary><p class="caption">The cases</p></summary></details></li></ul>'
    context = {"generate_toctree_html": lambda kind, **kw: BeautifulSoup(part, "html.parser")}
    label_toc_toggles(context)
    assert toggles(context["generate_toctree_html"]("sidebar")) == [None]
    empty: dict = {}
    label_toc_toggles(empty)
    assert empty == {}
