"""Shared fixtures: the repository, the built site, a local server and a browser."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Test this checkout's toolkit, here and in every build and kernel the tests start,
# whichever copy `pip install -e` last pointed at.
sys.path.insert(0, str(ROOT / "src"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google's hosts at start-up (the PDF command uses the same).
from helpers.pdf import CHROMIUM_ARGS  # noqa: E402


def toc_files() -> list[str]:
    """Every document in _toc.yml, in order (paths without suffix)."""
    from helpers import toc

    return toc.documents(ROOT / "_toc.yml")


def toc_notebooks() -> list[Path]:
    return [ROOT / f"{f}.ipynb" for f in toc_files() if (ROOT / f"{f}.ipynb").exists()]


def case_chapters() -> list[Path]:
    """The notebooks in _toc.yml that tell one of the book's cases (their name is the case's slug)."""
    from helpers import cases

    return [nb for nb in toc_notebooks() if nb.stem in cases.cases(ROOT / "data")]


def once_per_process(make):
    """``make(*args)`` made once per process for each ``args``, kept as strict JSON: each call gets a fresh
    copy. Drawing is most of the chart tests' time; test modules that read the same drawings share them
    (in one xdist group, so that one process makes each)."""
    kept = functools.cache(lambda *args: json.dumps(make(*args), allow_nan=False))
    return functools.wraps(make)(lambda *args: json.loads(kept(*args)))


JUPYTER_BOOK = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


def jupyter_book(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([*JUPYTER_BOOK, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


REFRESH = re.compile(r'<meta\s+http-equiv="refresh"\s+content="\d+;\s*url=([^"]+)"', re.I)


def visit(page, url: str) -> None:
    """Open `url` and wait until the page the reader ends on has loaded.

    The site's root index.html is a redirect (a meta refresh to the first chapter). Opening it and
    evaluating script at once races the redirect ("execution context was destroyed"), so when the
    page is such a redirect we wait for the browser to arrive where it points.
    """
    from urllib.parse import urljoin
    from urllib.request import urlopen

    with urlopen(url) as response:  # the local test server; the browser's own copy may be gone by now
        target = REFRESH.search(response.read().decode("utf-8", "replace"))
    page.goto(url, wait_until="load")
    if target:
        page.wait_for_url(urljoin(url, target.group(1)), wait_until="load", timeout=15_000)


# Modules whose module-scoped fixtures do heavy work once for all their tests (course editions, printed PDFs,
# a JupyterLab server): under xdist (`--dist loadgroup`) each module's tests run on one worker.
# test_narrow's module fixtures draw every builder's example in both forms (about 20 s): one worker draws them,
# for the tests elsewhere that read the same drawings too (test_charts.example_spec); test_maps draws a map per
# case in a module fixture that xdist would otherwise make again on each worker, for each run of its tests.
HEAVY_MODULES = {"test_course", "test_print", "test_jupyterlab", "test_freshness", "test_narrow", "test_maps"}
GROUP_OF = {"test_maps": "test_narrow"}  # test_narrow reads test_maps' maps (test_maps.map_spec)
# Their fixtures build course editions, print the PDF edition or drive JupyterLab: the `slow` tier.
SLOW_FIXTURES = {"editions", "pdfs", "lab", "runs"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (--dist loadgroup) and -m selects the tiers
def pytest_collection_modifyitems(items):
    """Tiers and xdist groups, from what each test uses.

    - Tests that need the built site are marked `build`: the fast loop leaves them out.
    - A test that needs no build, browser, kernel or slow client is marked `fast` (the fast loop: `-m fast`).
    - Every test reading the browser pass (`seen`) shares one xdist group, so that each pass happens once;
      so do the tests of each heavy module. The tests of a module that open pages of their own in the browser
      share a group of their own, which goes to whichever worker is free (each worker starts its own
      Chromium): the passes alone are half a worker's work.
    """
    tiers = {"build", "browser", "notebooks", "jupyterlab", "slow"}
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & {"site", "book_build", "seen", "server"}:
            item.add_marker(pytest.mark.build)
        if used & {"seen", "browser"}:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if not tiers & {m.name for m in item.iter_markers()}:
            item.add_marker(pytest.mark.fast)
        module = item.module.__name__ if getattr(item, "module", None) else ""
        if module in HEAVY_MODULES:
            item.add_marker(pytest.mark.xdist_group(GROUP_OF.get(module, module)))
        elif "seen" in used:
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif "browser" in used:  # its module's fixtures (a phone page, the load metrics) made once
            item.add_marker(pytest.mark.xdist_group(f"browser-{module}"))


@pytest.fixture(scope="session")
def readings():
    """The validated readings table (every case)."""
    from helpers import data

    return data.load("readings", ROOT / "data")


@pytest.fixture(scope="session")
def events():
    """The validated events table (every case)."""
    from helpers import data

    return data.load("events", ROOT / "data")


def build_book(out: Path) -> Path:
    """Build the book into ``out`` with warnings as errors (as tests/run.sh does); its log is ``out/build.log``."""
    run = jupyter_book("build", str(ROOT), "--path-output", str(out), "--warningiserror", "--keep-going")
    log = run.stdout + run.stderr
    (out / "build.log").write_text(log)
    assert run.returncode == 0, f"the book did not build cleanly (warnings are errors):\n{log[-6000:]}"
    assert (out / "_build" / "html" / "index.html").exists(), (
        f"the build reported success but wrote no site:\n{log[-3000:]}"
    )
    return out / "_build"


@pytest.fixture(scope="session")
def book_build(tmp_path_factory, worker_id) -> Path:
    """The one build of the book per test run: a fresh folder, every notebook executed once,
    warnings as errors. Its execution cache is reused by the LaTeX and remixed builds, and its executed
    notebooks are read by test_notebooks. Under xdist the first worker to need it builds it and the
    others wait for it (the folder is shared); `tests/run.sh` builds it first and passes BOOK_PREBUILT."""
    if os.environ.get("BOOK_PREBUILT"):  # a build folder made already, e.g. by the README's first command
        prebuilt = Path(os.environ["BOOK_PREBUILT"]).resolve()  # the tests run commands from other folders
        assert (prebuilt / "html" / "index.html").exists(), f"BOOK_PREBUILT={prebuilt} has no html/index.html"
        return prebuilt
    if worker_id == "master":
        return build_book(tmp_path_factory.mktemp("book"))
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent / "book"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the builder; the others wait here, then reuse its site
        if not (shared / "_build" / "html" / "index.html").exists():
            build_book(shared)
    return shared / "_build"


@pytest.fixture(scope="session")
def site(book_build: Path) -> Path:
    """The built static site."""
    return book_build / "html"


@pytest.fixture(scope="session")
def server(site: Path):
    """The built site on a local port (the PDF command's own server)."""
    from helpers.pdf import serve

    with serve(site) as url:
        yield url


def site_pages(site: Path) -> list[str]:
    """Every page of the book (from the table of contents) plus the front door, search and index pages."""
    found = [f"{f}.html" for f in toc_files()]
    missing = [p for p in found if not (site / p).exists()]
    assert not missing, f"pages missing from the built site: {missing}"
    return ["index.html", *found, "search.html", "genindex.html"]


# What dark mode changes that a test reads: the charts (drawn in the dark theme, their text's contrast) and the
# explorers' static views. Pages with neither look as the light pass saw them but for the theme's own colours.
DARK_MARKS = ('class="vega-chart"', 'class="live-view"')


def pass_pages(site: Path, mode: str) -> list[str]:
    """The pages of the browser pass in ``mode``: every page in light mode; in dark, those with a chart or an
    explorer's view (the dark pass over the 30 others took half its time and checked nothing of theirs)."""
    pages = site_pages(site)
    if mode == "dark":
        pages = [p for p in pages if any(mark in (site / p).read_text(encoding="utf-8") for mark in DARK_MARKS)]
    return pages


@pytest.fixture(scope="session")
def seen(site, server, browser):
    """The browser pass: ``seen(width, mode)`` opens every page once at that setting (the first call; in dark
    mode, the pages with charts or explorers) and gives each page's record (tests/browse.py says what is
    recorded)."""
    import browse

    memo: dict[tuple[int, str], dict[str, dict]] = {}

    def get(width: int = 1280, mode: str = "light") -> dict[str, dict]:
        if (width, mode) not in memo:
            found = {}
            for name in pass_pages(site, mode):
                try:
                    found[name] = browse.record(browser, server, name, width, mode)
                except Exception as exc:  # name the page and the setting in the failure
                    raise AssertionError(f"{name} at {width} px, {mode}: {exc}") from exc
            memo[(width, mode)] = found
        return memo[(width, mode)]

    return get


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run the tests with `bash tests/run.sh`, which installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
