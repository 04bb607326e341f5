"""Reading the built site as a student does (issue 23): no notebook chores on any page, captions that
say their point at the text's full contrast, citations that keep to one line of a phone's column, the
authors named in the footer, and a search that finds the prose first.

The tests that read the built pages' HTML need only the build; those that measure in Chromium (390 px
wide, like a phone) or run the site's own search are marked `browser` as well.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import toc_files, visit

PHONE = {"width": 390, "height": 844}
NOTEBOOK_WORDS = re.compile(
    r"parameters\s+cell|papermill|run\s+all|\bas_of\b|static\s+view\s+for\s+the\s+default\s+settings|\bkernel\b", re.I
)
NUMBERED = ["chapters/convention", "chapters/cambodia", "chapters/rwanda", "chapters/darfur"]
NUMBERED += ["chapters/conclusion", "chapters/car"]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def reader_text(site: Path, page: str) -> str:
    """The text a reader reads in a page's article: not code (folded away, or shown as code to copy),
    scripts or styles."""
    article = soup(site, page).select_one("article.bd-article")
    assert article is not None, f"{page}: no article"
    for element in article.select("div.cell_input, div.highlight, pre, script, style"):
        element.decompose()
    return re.sub(r"\s+", " ", article.get_text(" "))


@pytest.mark.parametrize("page", toc_files())
def test_no_built_page_gives_notebook_chores(site, page):
    """Instructions about parameters, papermill, Run All or kernels show in JupyterLab only: the site
    leaves out the markdown cells tagged remove-cell that hold them, and its text says none of them."""
    found = sorted({m.group(0) for m in NOTEBOOK_WORDS.finditer(reader_text(site, page))})
    assert not found, f"{page}: the page names what only the notebook has: {found}"


def test_the_notebook_still_holds_its_chores(site):
    """The remove-cell cells are left out of the page, not out of the notebook the page offers."""
    source = (site / "_sources" / "chapters" / "rwanda.ipynb").read_text(encoding="utf-8")
    assert "papermill" in source and '"remove-cell"' in source
    assert "papermill" not in reader_text(site, "chapters/rwanda")


@pytest.mark.parametrize("page", NUMBERED)
def test_a_chapter_page_opens_with_its_content_note_then_in_brief(site, page):
    article = soup(site, page).select_one("article.bd-article")
    note = article.select_one("div.admonition")
    assert note is not None and note.select_one(".admonition-title").get_text(strip=True) == "Content note"
    after = note.find_next_sibling()
    assert after is not None and after.select_one(".admonition-title") is not None, f"{page}: {after}"
    assert after.select_one(".admonition-title").get_text(strip=True) == "In brief", f"{page}: {after}"
    assert after.find_next_sibling().get("class") == ["chapter-pack"], f"{page}: the pack's link follows In brief"


def caption_texts(site: Path, page: str) -> list[str]:
    return [re.sub(r"\s+", " ", c.get_text(" ")).strip() for c in soup(site, page).select("figcaption .caption-text")]


@pytest.mark.parametrize("page", toc_files())
def test_every_built_caption_is_at_most_40_words(site, page):
    long = [c for c in caption_texts(site, page) if len(re.findall(r"[^\W_][\w’'./-]*", c)) > 40]
    assert not long, f"{page}: captions over 40 words: {long}"


def test_captions_are_there_to_count(site):
    assert len(caption_texts(site, "chapters/rwanda")) >= 4


def test_the_footer_names_the_authors(site):
    footer = soup(site, "chapters/rwanda").select_one("p.component-author")
    assert footer is not None and re.sub(r"\s+", " ", footer.get_text()).strip() == "By the Never Again, Again? authors"


# --- in Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


MEASURE_CITATIONS = """() => [...document.querySelectorAll('article span.bibtex-citation')].map((el) => {
  const visible = (rects) => [...rects].filter((r) => r.width > 0 && r.height > 0);
  const rects = visible(el.getClientRects());
  const labels = [...el.querySelectorAll('a')];
  const tops = (node) => new Set(visible(node.getClientRects()).map((r) => Math.round(r.top))).size;
  const holder = el.closest('p, li, td, th, dd, figcaption') || el.parentElement;
  return {
    text: el.textContent.trim(),
    shown: rects.length > 0,
    lines: Math.max(...(labels.length ? labels : [el]).map(tops)),
    right: Math.max(0, ...rects.map((r) => r.right)),
    room: holder.getBoundingClientRect().right + 1,
  };
})"""


@pytest.mark.browser
@pytest.mark.parametrize("page", [*NUMBERED, "references"])
def test_no_citation_takes_more_than_one_line_on_a_phone(server, phone, page):
    """Each citation's label ([ICJ 2020]) stays on one line and no citation runs past its column; a
    textual citation's author ("International Court of Justice [ICJ 2020]") wraps like the prose."""
    visit(phone, f"{server}/{page}.html")
    cites = phone.evaluate(MEASURE_CITATIONS)
    shown = [c for c in cites if c["shown"]]
    if page != "references":
        assert len(shown) >= 20, f"{page}: only {len(shown)} citations measured"
    broken = [c["text"] for c in shown if c["lines"] != 1]
    assert not broken, f"{page}: citations over more than one line at 390 px: {broken[:10]}"
    overflowing = [c["text"] for c in shown if c["right"] > c["room"]]
    assert not overflowing, f"{page}: citations running past their column at 390 px: {overflowing[:10]}"


@pytest.mark.browser
def test_a_long_citation_would_be_caught(server, phone):
    """The measure counts lines: a citation with a long label, allowed to wrap, takes two."""
    visit(phone, f"{server}/chapters/rwanda.html")
    phone.evaluate(
        """() => { const el = document.querySelector('article span.bibtex-citation');
        el.querySelector('a').style.whiteSpace = 'normal';
        el.querySelector('a').textContent = 'United Nations Commission of Experts established pursuant to '
          + 'Security Council resolution 935 (1994), 1994'; }"""
    )
    assert any(c["lines"] > 1 for c in phone.evaluate(MEASURE_CITATIONS) if c["shown"])


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_captions_are_at_the_texts_full_contrast(server, browser, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=theme)
    page = context.new_page()
    try:
        visit(page, f"{server}/chapters/rwanda.html")
        page.evaluate(f"() => document.documentElement.dataset.theme = '{theme}'")
        colours = page.evaluate(
            """() => ({
            caption: getComputedStyle(document.querySelector('figcaption .caption-text')).color,
            text: getComputedStyle(document.querySelector('article p')).color,
        })"""
        )
    finally:
        context.close()
    assert colours["caption"] == colours["text"], f"{theme}: caption {colours['caption']}, text {colours['text']}"


def search(server: str, browser, query: str) -> list[dict[str, str]]:
    """Run the site's own search (Sphinx's searchtools.js with the book's scorer) and read its results."""
    page = browser.new_page()
    try:
        page.goto(f"{server}/search.html?q={query}", wait_until="load")
        page.wait_for_function("document.querySelector('#search-results .search-summary')?.innerText.length > 0")
        page.wait_for_function(
            "[...document.querySelectorAll('#search-results ul.search li')].every((li) => li.querySelector('p.context'))"
        )
        return page.evaluate(
            """() => [...document.querySelectorAll('#search-results ul.search li')].map((li) => ({
                href: li.querySelector('a').getAttribute('href'),
                snippet: (li.querySelector('p.context') || {}).textContent || '',
            }))"""
        )
    finally:
        page.close()


@pytest.mark.browser
def test_search_for_dallaire_offers_the_rwanda_chapter_first_with_a_prose_excerpt(site, server, browser):
    results = search(server, browser, "Dallaire")
    assert results, "no results"
    first = results[0]
    assert urlsplit(first["href"]).path == "chapters/rwanda.html", [r["href"] for r in results]
    excerpt = first["snippet"].strip(". ")
    assert "dallaire" in excerpt.lower(), excerpt
    prose = re.sub(r"\s+", "", reader_text_without_tables(site, "chapters/rwanda"))
    assert re.sub(r"\s+", "", excerpt)[:80] in prose, f"the excerpt is not from the chapter's prose: {excerpt[:160]}"


@pytest.mark.browser
def test_search_for_article_viii_offers_the_conventions_section_on_it(site, server, browser):
    results = search(server, browser, "Article VIII")
    offered = []
    for r in results[:3]:
        link = urlsplit(r["href"])
        if link.path == "chapters/convention.html" and link.fragment:
            target = soup(site, "chapters/convention").find(id=link.fragment)
            section = target if target is None or target.name == "section" else target.find_parent("section")
            heading = section.find(re.compile("^h[1-6]$")) if section is not None else None
            title = heading.get_text(" ").strip() if heading is not None else ""
            offered.append(re.sub(r"^[\d.]+\s*", "", title))  # "1.2.4. Article VIII: ..."
    assert any(h.startswith("Article VIII") for h in offered), (
        f"the Convention's section on Article VIII is not among the first results: {[r['href'] for r in results[:5]]}"
    )


@pytest.mark.browser
def test_data_tables_stay_searchable_below_the_prose(site, server, browser):
    """A name only a data table has is still found (Ingvar Carlsson, who chaired the UN's inquiry into
    Rwanda, is in the Convention's timeline table); a page that has a word only in a data table comes
    after every page whose prose has it."""
    only_in_tables = search(server, browser, "Carlsson")
    assert "chapters/convention.html" in [urlsplit(r["href"]).path for r in only_in_tables]
    assert "carlsson" not in reader_text_without_tables(site, "chapters/convention").lower()
    ranked = [urlsplit(r["href"]).path.removesuffix(".html") for r in search(server, browser, "Dallaire")]
    in_prose = ["dallaire" in reader_text_without_tables(site, page).lower() for page in ranked]
    assert in_prose == sorted(in_prose, reverse=True), f"a data-table match ranks above prose: {ranked}, {in_prose}"


def reader_text_without_tables(site: Path, page: str) -> str:
    article = soup(site, page).select_one("article.bd-article")
    for element in article.select(
        "details.chart-data, div.vega-chart, div.cell_input, div.highlight, script, style, a.headerlink, div.citation"
    ):
        element.decompose()
    return article.get_text(" ")


def test_the_bibliographys_entries_are_not_prose_for_the_search():
    """A bibliography entry naming Dallaire (an archive's title) does not make the references page rank as a
    page about him: its entries count as apparatus, like data tables."""
    from docutils import nodes
    from docutils.utils import new_document
    from sphinx.search.en import SearchEnglish

    from helpers.site import search

    doc = new_document("references")
    doc += nodes.paragraph(text="The documents the book cites.")
    entry = nodes.citation()
    entry += nodes.paragraph(text="Dallaire, R. Cable to UN headquarters, 11 January 1994.")
    doc += entry
    counts = search.prose_counts(doc, SearchEnglish({}))
    assert counts["document"] == 1 and "dallair" not in counts and "dallaire" not in counts
