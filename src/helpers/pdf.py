"""The PDF edition, printed from the built site by headless Chromium (no TeX).

    python3 -m helpers.pdf _build/html

prints every page of ``_toc.yml``, in its order, with the site's print stylesheet (``print.css``),
each to ``_build/html/_pdf/<page>.pdf`` (e.g. ``_pdf/chapters/rwanda.pdf``), joins them into
``_build/html/_pdf/book.pdf`` (with a bookmark per page) and then adds "PDF" entries for them to
each printed page's download menu. A site built without this command has no PDF links, so never a
broken one. A teaching guide's handouts (worksheet, role cards, answer key: ``teaching/handouts/``) are
pages of the table of contents, under their guide, so each is printed to a PDF of its own
(``_pdf/teaching/handouts/rwanda-worksheet.pdf``) without the site around it; the command then puts the
PDFs of each chapter's guide and handouts into that chapter's pack (``_static/packs``,
:func:`helpers.packs.add_pdfs`). Needs Playwright (Python) and pypdf (``requirements-pdf.txt``) and Debian's ``chromium``.
Options: ``--toc PATH`` (default: the ``_toc.yml`` two folders above the site, else ./_toc.yml),
``--only DOC ...`` (print only these pages, e.g. ``chapters/rwanda`` or ``teaching/handouts/rwanda-worksheet``),
``--chromium PATH``.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from helpers import toc as _toc
from helpers.icons import PDF_ICON

# Without these flags Chromium tries to reach Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
]
PDF_DIR = "_pdf"
BOOK = "book.pdf"
# Chromium writes the page's title in the footer; the page numbers are stamped afterwards (number_pages),
# so that the whole book's PDF counts its pages straight through instead of starting again at each page.
FOOTER = (
    '<div style="font-size:8px;width:100%;padding:0 14mm;color:#555;display:flex;justify-content:space-between">'
    '<span class="title"></span></div>'
)
MM = 72 / 25.4  # PDF points per millimetre
NUMBER_SIZE = 6.0  # pt: the footer's 8 CSS px
NUMBER_BASELINE = 16.4  # pt above the page's foot: the baseline Chromium gives the footer's text
# Helvetica's advance widths (per 1000 em) for what a page number uses; a standard PDF font needs no embedding.
HELVETICA = {**dict.fromkeys("0123456789", 556), " ": 278, "/": 278}
# Every chart drawn as a vector SVG by Vega (vega-charts.js draws them all on `beforeprint`), every image loaded.
READY = """() => [...document.querySelectorAll('div.vega-chart')].every(el => el.querySelector('svg.marks'))
  && [...document.images].every(img => img.complete)"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """The built site on a local port, for as long as the block runs (``handler_class``: another way of
    sending its files, e.g. compressed as a static host does, tests/bench/lighthouse.py)."""
    handler = functools.partial(handler_class or _Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def print_pages(site: Path, docs: list[str], chromium: str) -> list[tuple[str, str, Path]]:
    """Print each page to ``_pdf/<doc>.pdf``; returns (doc, title, pdf) for each."""
    from playwright.sync_api import sync_playwright

    done = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1100, "height": 900}, color_scheme="light")
        context.route("**/*", lambda route, req: route.continue_() if req.url.startswith(url) else route.abort())
        for doc in docs:
            page = context.new_page()
            page.goto(f"{url}/{doc}.html", wait_until="load")
            # The site draws a chart only as a reader nears it, and every chart for a printed page.
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            try:
                page.wait_for_function(READY, timeout=60_000)
            except Exception as exc:
                raise SystemExit(f"{doc}.html: its charts were not all drawn within 60 s ({exc})") from exc
            title = (page.locator("article h1").first.text_content(timeout=5_000) or doc).strip().rstrip("#").strip()
            target = site / PDF_DIR / f"{doc}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            )
            page.close()
            done.append((doc, title, target))
        browser.close()
    return done


def _number(width: float, text: str):
    """A blank page with ``text`` at the right end of the footer line, in grey Helvetica."""
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    overlay = PageObject.create_blank_page(width=width, height=NUMBER_BASELINE * 2)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    overlay[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/FN"): font})}
    )
    x = width - 14 * MM - sum(HELVETICA[c] for c in text) * NUMBER_SIZE / 1000
    stream = DecodedStreamObject()
    stream.set_data(f"BT 0.333 g /FN {NUMBER_SIZE} Tf {x:.2f} {NUMBER_BASELINE} Td ({text}) Tj ET".encode())
    overlay[NameObject("/Contents")] = stream
    return overlay


def number_pages(writer) -> None:
    """Stamp "n / total" at the right of each page's footer, counting through the whole document."""
    total = len(writer.pages)
    for n, page in enumerate(writer.pages, 1):
        page.merge_page(_number(float(page.mediabox.width), f"{n} / {total}"))


def _write_numbered(pdf: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    number_pages(writer)
    with pdf.open("wb") as out:
        writer.write(out)


def join(parts: list[tuple[str, str, Path]], target: Path) -> Path:
    """One PDF of the parts, in order, with a bookmark per part and its pages numbered straight through."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _doc, title, pdf in parts:
        writer.append(str(pdf), outline_item=title)
    number_pages(writer)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.add_metadata({"/Title": "Never Again, Again?"})
    with target.open("wb") as out:
        writer.write(out)
    return target


class _Menu(HTMLParser):
    """Where, in a built page, the download menu's list closes (a character offset), and the spans of
    the PDF items an earlier run added to it: found with Python's HTML parser, so that the page is
    edited at those places and left byte for byte as it was everywhere else."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.depth, self.menu, self.in_menu = 0, None, False  # the download dropdown's <ul>, by depth
        self.end: int | None = None  # where the menu's list closes
        self.items: list[list[int]] = []  # [start, end] of each book-pdf-link <li>
        self.feed(text)
        self.close()

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in VOID:
            return
        self.depth += 1
        if tag == "div" and "dropdown-download-buttons" in classes:
            self.in_menu = True
        elif tag == "ul" and self.in_menu and self.menu is None and "dropdown-menu" in classes:
            self.menu = self.depth
        elif tag == "li" and self.menu is not None and "book-pdf-link" in classes:
            self.items.append([self._at(), -1, self.depth])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag == "li" and self.items and self.items[-1][1] == -1 and self.items[-1][2] == self.depth:
            self.items[-1][1] = self._at() + len("</li>")
        if tag == "ul" and self.menu == self.depth and self.end is None:
            self.end, self.in_menu = self._at(), False
        self.depth -= 1


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _item(href: str, text: str, title: str) -> str:
    return (
        f'<li class="book-pdf-link"><a href="{html.escape(href)}" class="btn btn-sm dropdown-item" '
        f'title="{html.escape(title)}" download><span class="btn__icon-container"><i class="fas fa-{PDF_ICON}"></i>'
        f'</span><span class="btn__text-container">{html.escape(text)}</span></a></li>'
    )


def link_pdfs(site: Path) -> int:
    """Give the download menu of each page that has a PDF under ``_pdf/`` links to it and to the whole
    book's PDF (if made), and take them off every other page. Idempotent; returns the pages linked."""
    site = Path(site)
    book = site / PDF_DIR / BOOK
    linked = 0
    for page in sorted(site.rglob("*.html")):
        if PDF_DIR in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        menu = _Menu(text)
        items = []
        pdf = site / PDF_DIR / page.relative_to(site).with_suffix(".pdf")
        if pdf.exists() and menu.end is not None:
            items = [_item(os.path.relpath(pdf, page.parent), "PDF of this page", "Download this page as PDF")]
            if book.exists():
                items.append(
                    _item(os.path.relpath(book, page.parent), "PDF of the book", "Download the whole book as PDF")
                )
            linked += 1
        # Earlier runs' items out, this run's in before the list closes: edits from the end of the page back.
        edits = [(start, end, "") for start, end, _depth in menu.items]
        if items:
            edits.append((menu.end, menu.end, "".join(items)))
        new = text
        for start, end, insert in sorted(edits, reverse=True):
            new = new[:start] + insert + new[end:]
        if new != text:
            page.write_text(new, encoding="utf-8")
    return linked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m helpers.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site, e.g. _build/html")
    parser.add_argument("--toc", type=Path, help="the table of contents (default: found next to the build)")
    parser.add_argument("--only", nargs="+", metavar="DOC", help="print only these pages, e.g. chapters/rwanda")
    parser.add_argument(
        "--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    )
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").exists():
        parser.error(f"{site} has no index.html: build the book first (jupyter-book build .)")
    toc = args.toc or next((t for t in (site.parents[1] / "_toc.yml", Path("_toc.yml")) if t.exists()), None)
    if toc is None or not Path(toc).exists():
        parser.error("no _toc.yml found: pass --toc PATH")
    docs = _toc.documents(toc)
    if args.only:
        unknown = [d for d in args.only if d not in docs]
        if unknown:
            parser.error(f"not in {toc}: {unknown}")
        docs = [d for d in docs if d in args.only]
    missing = [d for d in docs if not (site / f"{d}.html").exists()]
    if missing:
        parser.error(f"pages of {toc} missing from {site}: {missing}")
    start = time.monotonic()
    shutil.rmtree(site / PDF_DIR, ignore_errors=True)
    parts = print_pages(site, docs, args.chromium)
    book = join(parts, site / PDF_DIR / BOOK)  # from the unnumbered prints; then each page's own numbers
    for _doc, _title, pdf in parts:
        _write_numbered(pdf)
    linked = link_pdfs(site)
    from helpers import packs

    packed = packs.add_pdfs(site / packs.PACKS, site / PDF_DIR)
    print(
        f"{len(parts)} PDFs and {book.relative_to(site)} in {site / PDF_DIR}, linked from {linked} pages, "
        f"the guides' and handouts' PDFs added to {packed} packs, in {time.monotonic() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
