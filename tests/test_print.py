"""The print stylesheet and the PDF edition (``python3 -m helpers.pdf _build/html``).

The suite prints the book's numbered chapters only (about a minute); the command prints every page.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, toc_files

NAV_TEXT = ("Skip to main content", "Back to top", "Ctrl+K", "Show code cell source", "Copyright")
# The theme's previous/next links read "previous" then the page's title ("previous 4. Darfur (2003-)");
# the word in a sentence ("the previous week") is the book's prose.
NAV_LINK = re.compile(r"\bprevious\s+(?:\d+\.\s|[A-Z][^.]{0,80}?\snext\s)|\bnext\s+\d+\.\s")
LIVE_NOTE = "Open this page in Binder"


def numbered_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [c["file"] for part in toc.get("parts", []) if part.get("numbered") for c in part["chapters"]]


def flat(text: str) -> str:
    """Text with its whitespace collapsed and ligatures (the PDF's "ﬁ") spelt out."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def page_texts(path: Path) -> list[str]:
    """Each page's text, as PDFium reads it (a reader other than pypdf, which joins and numbers the pages)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def pdf_text(path: Path) -> tuple[int, str]:
    pages = page_texts(path)
    return len(pages), flat(" ".join(pages))


def first_page_text(path: Path) -> str:
    return flat(page_texts(path)[0])


def page_title(site: Path, doc: str) -> str:
    """The page's own title (its h1), as text."""
    page = (site / f"{doc}.html").read_text().split("<article", 1)[1]
    return strip_tags(re.search(r"<h1>(.*?)<a class=\"headerlink\"", page, re.S).group(1))


def strip_tags(fragment: str) -> str:
    return flat(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


# ---------------------------------------------------------------- without a build


def test_pdf_pages_follow_the_table_of_contents():
    from helpers.toc import documents

    assert documents(ROOT / "_toc.yml") == toc_files()


MENU_PAGE = """<html><body><div class="dropdown dropdown-download-buttons"><button></button>
<ul class="dropdown-menu"><li><a href="../_sources/chapters/x.ipynb">.ipynb</a></li></ul></div>
<article><h1>X</h1></article></body></html>"""


def test_pdf_links_appear_only_for_pdfs_that_exist_and_only_once(tmp_path):
    from helpers.pdf import link_pdfs

    (tmp_path / "chapters").mkdir()
    for name in ("x", "y"):
        (tmp_path / "chapters" / f"{name}.html").write_text(MENU_PAGE)
    assert link_pdfs(tmp_path) == 0, "no _pdf folder: no page may link to a PDF"
    (tmp_path / "_pdf" / "chapters").mkdir(parents=True)
    (tmp_path / "_pdf" / "chapters" / "x.pdf").write_bytes(b"%PDF-1.4")
    assert link_pdfs(tmp_path) == 1
    (tmp_path / "_pdf" / "book.pdf").write_bytes(b"%PDF-1.4")
    assert link_pdfs(tmp_path) == 1  # again, now with the book: links replaced, not added twice
    x = (tmp_path / "chapters" / "x.html").read_text()
    assert x.count('class="book-pdf-link"') == 2
    assert 'href="../_pdf/chapters/x.pdf"' in x and 'href="../_pdf/book.pdf"' in x
    assert x.index("book-pdf-link") < x.index("</ul>"), "the links belong in the download menu"
    assert "book-pdf-link" not in (tmp_path / "chapters" / "y.html").read_text()
    (tmp_path / "_pdf" / "chapters" / "x.pdf").unlink()  # printed again without x: its links go
    assert link_pdfs(tmp_path) == 0
    assert "book-pdf-link" not in (tmp_path / "chapters" / "x.html").read_text()
    # Edited where the parser found the menu, and nowhere else: the page is back to its bytes.
    assert (tmp_path / "chapters" / "x.html").read_text() == MENU_PAGE


# ---------------------------------------------------------------- on the built site


def print_pages(site: Path, docs: list[str], timeout: int = 600) -> None:
    """``python3 -m helpers.pdf SITE --only DOCS``, which must succeed."""
    run = subprocess.run(
        [sys.executable, "-m", "helpers.pdf", str(site), "--toc", str(ROOT / "_toc.yml"), "--only", *docs],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert run.returncode == 0, f"python3 -m helpers.pdf failed:\n{run.stdout}\n{run.stderr[-4000:]}"


@pytest.fixture(scope="module")
def pdfs(site) -> dict:
    """The PDF command run on the session's site, for the numbered chapters."""
    chapters = numbered_chapters()
    start = time.monotonic()
    print_pages(site, chapters)
    seconds = round(time.monotonic() - start)
    out = {doc: pdf_text(site / "_pdf" / f"{doc}.pdf") for doc in chapters}
    first = {doc: first_page_text(site / "_pdf" / f"{doc}.pdf") for doc in chapters}
    book_pages, book_text = pdf_text(site / "_pdf" / "book.pdf")
    report = {"seconds": seconds, "book_pages": book_pages, "pages": {d: n for d, (n, _) in out.items()}}
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "pdf-metrics.json").write_text(json.dumps(report, indent=2))
    print("\npdf:", json.dumps(report))
    return {"chapters": out, "first": first, "book": (book_pages, book_text)}


def test_every_pdf_opens_on_its_title_not_a_blank_page(pdfs, site):
    """Each chapter is printed on its own, so nothing may push its title and first paragraph off the first
    sheet. (The running header repeats the title on every sheet, so the title alone proves nothing.)"""
    for doc, text in pdfs["first"].items():
        article = (site / f"{doc}.html").read_text().split("<article", 1)[1]
        after_title = article.split("</h1>", 1)[1]
        opening = " ".join(strip_tags(re.search(r"<p>(.*?)</p>", after_title, re.S).group(1)).split()[:6])
        title = page_title(site, doc)
        assert text.count(title) >= 2, f"{doc}.pdf: page 1 has the title {title!r} only in its running header"
        assert opening in text, (
            f"{doc}.pdf: page 1 does not show the page's opening {opening!r}; it shows {text[:200]!r}"
        )


def test_book_pdf_joins_every_chapter_and_each_chapter_has_plausible_length(pdfs):
    pages = {doc: n for doc, (n, _) in pdfs["chapters"].items()}
    short = {doc: n for doc, n in pages.items() if n < 3}
    assert not short, f"chapters of fewer than 3 pages: {short}"
    assert pdfs["book"][0] == sum(pages.values()), (pdfs["book"][0], pages)


def test_chapter_pdfs_have_the_title_every_figure_caption_and_every_chart(pdfs, site):
    for doc, (_, text) in pdfs["chapters"].items():
        page = (site / f"{doc}.html").read_text().split("<article", 1)[1]
        title = page_title(site, doc)
        assert title in text, f"{doc}.pdf: no title {title!r}"
        captions = re.findall(
            r'<span class="caption-number">(Figure [\d.]+)\s*</span><span class="caption-text">(.*?)</span>', page, re.S
        )
        assert captions, f"{doc}.html: no numbered figure to look for"
        for number, caption in captions:
            words = strip_tags(caption)[:40]
            assert f"{number} {words}" in text, f"{doc}.pdf: figure caption {number} {words!r}... missing"
        # Each chart is printed as vector graphics, so its own text (its title) is in the PDF's text.
        for src in re.findall(r'\sdata-spec-src="([^"]+)"', page):  # each chart's wide spec (helpers.site.mime)
            spec = json.loads(((site / f"{doc}.html").parent / src).read_text())
            chart_title = spec.get("title")
            chart_title = chart_title.get("text") if isinstance(chart_title, dict) else chart_title
            chart_title = " ".join(chart_title) if isinstance(chart_title, list) else chart_title
            if chart_title:
                assert flat(chart_title)[:30] in text, f"{doc}.pdf: chart {chart_title!r} not printed"


def test_pdfs_have_no_navigation_folded_code_or_live_notes(pdfs):
    for name, text in [*((d, t) for d, (_, t) in pdfs["chapters"].items()), ("book", pdfs["book"][1])]:
        found = [s for s in (*NAV_TEXT, LIVE_NOTE) if s in text] + NAV_LINK.findall(text)
        assert not found, f"{name}.pdf prints screen-only text: {found}"


def test_the_navigation_pattern_tells_links_from_prose():
    assert NAV_LINK.findall(flat("previous\n4. Darfur (2003-)\nnext\n6. The Central African Republic"))
    assert NAV_LINK.findall("previous How to read this book next 1. The Convention")
    assert not NAV_LINK.findall("the previous Bozizé government's officers")
    assert not NAV_LINK.findall("the judges' decision came the previous week (jurist-2007-05-02-icc)")


def test_printed_chapters_link_their_pdfs_and_no_pdf_link_is_broken(pdfs, site):
    for doc in pdfs["chapters"]:
        page = (site / f"{doc}.html").read_text()
        assert f'_pdf/{doc}.pdf"' in page and '_pdf/book.pdf"' in page, f"{doc}.html does not link its PDFs"
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"]*_pdf/[^"]+)"', page.read_text(errors="ignore")):
            assert (page.parent / href).resolve().is_file(), f"{page.relative_to(site)}: broken PDF link {href}"


@pytest.mark.browser
def test_print_media_hides_navigation_and_keeps_charts(site, server, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{server}/chapters/rwanda.html", wait_until="load")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as helpers.pdf does: every chart drawn
    page.wait_for_function("() => document.querySelectorAll('div.vega-chart svg.marks').length > 0", timeout=30_000)
    page.emulate_media(media="print")
    state = page.evaluate(
        """() => {
      const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none').length;
      return {nav: shown('.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .prev-next-footer, .article-header-buttons'),
              tables: shown('details.chart-data'), notes: shown('.live-note'),
              charts: shown('div.vega-chart'), total: document.querySelectorAll('div.vega-chart').length,
              titleBreak: getComputedStyle(document.querySelector('.bd-article h1')).breakBefore};
    }"""
    )
    assert state["nav"] == 0 and state["tables"] == 0 and state["notes"] == 0, state
    assert state["titleBreak"] != "page", f"a page break before the title prints a blank first page: {state}"
    assert state["total"] > 0 and state["charts"] == state["total"], state
    # Outside links print their address after their text, unless the text is the address.
    page.goto(f"{server}/references.html", wait_until="load")
    after = page.evaluate(
        """() => [...document.querySelectorAll('.bd-article a.reference.external[href^="http"]')].map(a =>
          [a.textContent === a.getAttribute('href'), getComputedStyle(a, '::after').content])"""
    )
    page.close()
    assert any(same for same, _ in after) and any(not same for same, _ in after), after
    for same, content in after:
        assert ("http" in content) != same, f"outside link printed {'with' if same else 'without'} its address: {after}"


def _footer_numbers(path: Path) -> list[str]:
    """The "n / total" stamped at the foot of each page, as read back from the PDF."""
    found = []
    for text in page_texts(path):
        match = re.search(r"(\d+) / (\d+)\s*$", text)
        found.append(f"{match.group(1)} / {match.group(2)}" if match else None)
    return found


@pytest.mark.browser
def test_pages_are_numbered_through_the_book_and_through_each_chapter(pdfs, site):
    book = _footer_numbers(site / "_pdf" / "book.pdf")
    total = len(book)
    assert book == [f"{n} / {total}" for n in range(1, total + 1)], f"book.pdf footers: {book[:5]} ... {book[-3:]}"
    for doc in pdfs["chapters"]:
        own = _footer_numbers(site / "_pdf" / f"{doc}.pdf")
        assert own == [f"{n} / {len(own)}" for n in range(1, len(own) + 1)], f"{doc}.pdf footers: {own}"
