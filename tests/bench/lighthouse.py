"""Lighthouse on the built site, as a phone reader on a static host gets it: performance, LCP, TBT, CLS per page.

    python3 tests/bench/lighthouse.py                                   # every chapter page of _build/html
    python3 tests/bench/lighthouse.py --site /tmp/x/_build/html --pages chapters/rwanda.html
    python3 tests/bench/lighthouse.py --vs /tmp/base-site/_build/html    # before/after, side by side
    python3 tests/bench/lighthouse.py --runs 3 --desktop

The site is served from this machine by a small server that does what GitHub Pages does: text files
(HTML, CSS, JavaScript, JSON, SVG) sent with ``Content-Encoding: gzip`` to a browser that accepts it,
``Cache-Control: max-age=600``, ``ETag`` and ``Last-Modified``, over HTTP/1.1 connections kept open. Lighthouse 12 (pinned in
``tests/bench/package.json`` and its lock; installed with ``npm ci`` when missing) runs with its defaults:
simulated mobile throttling (slow 4G, CPU slowed 4x, a 412 px Moto G Power screen), performance only,
in Debian's chromium (``CHROME_PATH``, default ``/usr/bin/chromium``; no browser is ever downloaded).
Pages are run one after another, interleaved with the other site's with ``--vs``, so that load on a shared
machine falls on both alike; with ``--runs N`` each number is the median of N runs. The reports are kept
in ``--out`` (default ``/tmp/lighthouse``) as JSON. Not a test: the numbers go in notes and the README.

The chapter pages are the documents under ``chapters/`` in ``_toc.yml``, in its order.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
from helpers.pdf import CHROMIUM_ARGS, serve  # noqa: E402

LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
# What GitHub Pages compresses (its text types) and the cache lifetime it sends.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ico", ".bib"}
CACHE_CONTROL = "max-age=600"
# Chromium without its calls home (as helpers.pdf starts it), headless.
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
METRICS = {  # name in the table: (Lighthouse audit, how to show its numericValue)
    "LCP s": ("largest-contentful-paint", lambda v: f"{v / 1000:.1f}"),
    "TBT ms": ("total-blocking-time", lambda v: f"{v:.0f}"),
    "CLS": ("cumulative-layout-shift", lambda v: f"{v:.3f}"),
    "FCP s": ("first-contentful-paint", lambda v: f"{v / 1000:.1f}"),
    "KiB": ("total-byte-weight", lambda v: f"{v / 1024:.0f}"),
}


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Files as a static host sends them: text gzip-compressed (once, kept in memory), with cache headers."""

    _gzipped: typing.ClassVar[dict[Path, tuple[float, bytes]]] = {}
    # Connections kept open between requests, as a static host does (GitHub Pages speaks HTTP/2, which a
    # local server would need TLS for); HTTP/1.0 opened a connection per file, which Lighthouse's simulation
    # charges a round trip each.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or path.suffix not in COMPRESSED or not wants_gzip:
            return super().send_head()
        stat = path.stat()
        cached = self._gzipped.get(path)
        if not cached or cached[0] != stat.st_mtime:
            cached = (stat.st_mtime, gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
            self._gzipped[path] = cached
        body = cached[1]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, n: int = -1) -> bytes:
        out, self.data = (self.data, b"") if n < 0 else (self.data[:n], self.data[n:])
        return out

    def close(self) -> None:
        pass


def chapter_pages() -> list[str]:
    from helpers import toc

    return [f"{doc}.html" for doc in toc.documents(ROOT / "_toc.yml") if doc.startswith("chapters/")]


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("Lighthouse needs Node.js and npm (apt-get install nodejs npm)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True)


def lighthouse(url: str, report: Path, desktop: bool) -> dict:
    """One Lighthouse run of ``url`` (performance only); its JSON report is written to ``report``."""
    report.parent.mkdir(parents=True, exist_ok=True)
    argv = [
        str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
        f"--output-path={report}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]  # fmt: skip
    if desktop:
        argv.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode or not report.exists():
        sys.exit(f"Lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    found = json.loads(report.read_text())
    if found.get("runtimeError"):
        sys.exit(f"Lighthouse could not measure {url}: {found['runtimeError']}")
    return found


def numbers(report: dict) -> dict[str, float]:
    out = {"perf": report["categories"]["performance"]["score"] * 100}
    for name, (audit, _) in METRICS.items():
        out[name] = report["audits"][audit]["numericValue"]
    return out


def show(name: str, value: float) -> str:
    return f"{value:.0f}" if name == "perf" else METRICS[name][1](value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=ROOT / "_build" / "html", help="the built site (default _build/html)"
    )
    parser.add_argument("--vs", type=Path, help="another built site to measure side by side (e.g. the old main's)")
    parser.add_argument("--pages", nargs="+", help="pages to measure (default: every chapter page in _toc.yml)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page and site; the median is shown")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset instead of mobile")
    parser.add_argument("--out", type=Path, default=Path("/tmp/lighthouse"), help="where the JSON reports go")
    args = parser.parse_args(argv)
    sites = {"this": args.site.resolve()} | ({"other": args.vs.resolve()} if args.vs else {})
    for site in sites.values():
        if not (site / "index.html").exists():
            sys.exit(f"{site} is not a built site (no index.html)")
    pages = args.pages or chapter_pages()
    ensure_lighthouse()
    found: dict[tuple[str, str], list[dict[str, float]]] = {}
    with (
        serve(sites["this"], StaticHost) as this_url,
        serve(sites["other"], StaticHost) if args.vs else _none() as other_url,
    ):
        urls = {"this": this_url, "other": other_url}
        for run in range(args.runs):
            for page in pages:
                for who in sites:
                    report = args.out / who / f"{page.replace('/', '_')}.{run}.json"
                    found.setdefault((page, who), []).append(
                        numbers(lighthouse(f"{urls[who]}/{page}", report, args.desktop))
                    )
                    print(f"  {who:5} {page}: done (run {run + 1} of {args.runs})", file=sys.stderr)

    columns = ["perf", *METRICS]
    width = max(len(p) for p in pages) + 2
    print(f"Lighthouse {'desktop' if args.desktop else 'mobile (simulated throttling)'}, gzip static host; "
          f"median of {args.runs} run(s)")  # fmt: skip
    if args.vs:
        print(f"before: {sites['other']}\nafter:  {sites['this']}")
        print(f"{'page':{width}}" + "".join(f"{c:>18}" for c in columns))
        for page in pages:
            cells = []
            for c in columns:
                before = statistics.median(r[c] for r in found[(page, "other")])
                after = statistics.median(r[c] for r in found[(page, "this")])
                cells.append(f"{show(c, before)} -> {show(c, after)}")
            print(f"{page:{width}}" + "".join(f"{cell:>18}" for cell in cells))
    else:
        print(f"site: {sites['this']}")
        print(f"{'page':{width}}" + "".join(f"{c:>8}" for c in columns))
        for page in pages:
            cells = [show(c, statistics.median(r[c] for r in found[(page, "this")])) for c in columns]
            print(f"{page:{width}}" + "".join(f"{cell:>8}" for cell in cells))
    print(f"(reports in {args.out})")


@contextmanager
def _none() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    main()
