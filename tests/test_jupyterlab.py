"""A student's Binder session: JupyterLab (with what requirements.txt installs) opens every chapter in
Chromium, runs all cells, and the page reads well: no error output, every chart drawn, no raw MyST
markup, no broken widget, no request to another host; an explorer answers its keyboard."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, toc_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.jupyterlab]
NOTEBOOKS = toc_notebooks()
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# MyST that jupyterlab-myst renders: none of it may reach the reader as raw text.
RAW_MYST = re.compile(r"\{(cite|cite:t|cite:p|term|numref|download|doc|ref)\}`|^```\{|^:class:", re.M)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the book (so that nothing it saves touches the repository)."""
    home = tmp_path_factory.mktemp("lab")
    book = home / "book"
    for name in ("chapters", "data", "templates"):
        shutil.copytree(ROOT / name, book / name)
    for name in ("references.bib", "references.md", "glossary.md"):
        shutil.copy(ROOT / name, book / name)
    port = free_port()
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')  # no news pop-up, no request
    notebook = home / "settings" / "@jupyterlab" / "notebook-extension"
    notebook.mkdir(parents=True)
    (notebook / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')  # every cell in the page
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings")}  # fmt: skip
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", "--allow-root",
           f"--ServerApp.root_dir={book}", f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]  # fmt: skip
    with open(home / "lab.log", "w") as log:  # the child process keeps its own handle
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"JupyterLab did not start:\n{(home / 'lab.log').read_text()[-3000:]}")
    assert proc.poll() is None, f"JupyterLab exited:\n{(home / 'lab.log').read_text()[-3000:]}"
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def open_and_run(browser, lab: str, nb: Path, shots: Path | None = None) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []

    def route(route, request):
        if request.url.startswith(("data:", "blob:")) or urlparse(request.url).hostname in LOCAL_HOSTS:
            return route.continue_()
        outside.append(request.url)
        return route.abort()

    page.route("**/*", route)
    # A workspace of its own, reset: only this notebook is open (Lab would otherwise restore earlier tabs).
    page.goto(
        f"{lab}/lab/workspaces/{nb.stem}-{os.getpid()}/tree/chapters/{nb.name}?reset", wait_until="domcontentloaded"
    )
    page.wait_for_selector(".jp-Notebook .jp-MarkdownCell", timeout=60_000)
    page.wait_for_function("() => /\\| Idle/.test(document.querySelector('#jp-main-statusbar').innerText)",
                           timeout=120_000)  # fmt: skip
    if shots:
        page.screenshot(path=str(shots / f"{nb.stem}-top.png"))
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    code_cells = sum(c["cell_type"] == "code" for c in json.loads(nb.read_text())["cells"])
    # Done when every code cell has run, or when a cell failed (Run All stops there) and the kernel is idle.
    page.wait_for_function(
        """n => { const p = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]
                 .map(e => e.textContent.trim());
                 const idle = /\\| Idle/.test(document.querySelector('#jp-main-statusbar').innerText);
                 const failed = document.querySelector(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
                 return (p.length === n && p.every(t => /^\\[\\d+\\]:$/.test(t))) || (failed && idle); }""",
        arg=code_cells,
        timeout=240_000,
    )
    charts = page.locator(".jp-RenderedVegaCommon5")  # JupyterLab's own Vega-Lite renderer
    if charts.count():
        page.wait_for_function(
            "n => document.querySelectorAll('.jp-RenderedVegaCommon5 svg.marks, .jp-RenderedVegaCommon5 canvas.marks').length >= n",
            arg=charts.count(),
            timeout=60_000,
        )
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    markdown = "\n".join(
        page.locator(".jp-MarkdownCell .jp-RenderedMarkdown, .jp-MarkdownCell .myst").all_inner_texts()
    )
    result = {
        "page": page, "context": context, "outside": outside,
        "errors": [e for e in errors if "Traceback" in e or "Error" in e],
        "charts": charts.count(),
        "drawn": page.locator(".jp-RenderedVegaCommon5 svg.marks, .jp-RenderedVegaCommon5 canvas.marks").count(),
        "raw_myst": sorted({m.group(0) for m in RAW_MYST.finditer(markdown)}),
        "markdown_chars": len(markdown),
        # In outputs only: the chapters' own prose names the message, to say how to bring an explorer back.
        "widget_errors": page.locator(".jp-OutputArea-output", has_text="Error displaying widget").count(),
    }  # fmt: skip
    return result


@pytest.fixture(scope="module")
def runs(lab, browser):
    shots = ROOT / "tests" / "_artifacts"
    shots.mkdir(parents=True, exist_ok=True)
    results = {}
    for nb in NOTEBOOKS:
        try:
            r = open_and_run(browser, lab, nb, shots)
        except Exception as exc:  # name the notebook in the failure
            raise AssertionError(f"{nb.name} in JupyterLab: {exc}") from exc
        r["context"].close()
        results[nb.name] = {k: v for k, v in r.items() if k not in ("page", "context")}
    return results


def test_every_chapter_runs_in_jupyterlab_without_error_output(runs):
    bad = {name: r["errors"] for name, r in runs.items() if r["errors"]}
    assert not bad, f"error output in JupyterLab: {bad}"


def test_every_chart_draws_in_jupyterlab(runs):
    assert sum(r["charts"] for r in runs.values()) > 0
    bad = {name: f"{r['drawn']} of {r['charts']}" for name, r in runs.items() if r["drawn"] < r["charts"]}
    assert not bad, f"charts not drawn in JupyterLab: {bad}"


def test_no_raw_myst_markup_in_jupyterlab(runs):
    assert all(r["markdown_chars"] > 0 for r in runs.values()), "markdown cells were rendered"
    bad = {name: r["raw_myst"] for name, r in runs.items() if r["raw_myst"]}
    assert not bad, f"MyST roles or directives shown raw (is jupyterlab-myst installed and compatible?): {bad}"


def test_no_broken_widget_and_no_outside_request(runs):
    assert not {name: r["widget_errors"] for name, r in runs.items() if r["widget_errors"]}
    assert not {name: r["outside"] for name, r in runs.items() if r["outside"]}


def test_an_explorer_answers_its_keyboard(lab, browser):
    """The Rwanda explorer's date slider moves with the arrow keys and the view redraws."""
    r = open_and_run(browser, lab, ROOT / "chapters" / "rwanda.ipynb")
    page = r["page"]
    try:
        slider = page.locator(".widget-slider, .jupyter-widget-slider").first
        slider.scroll_into_view_if_needed()
        handle = slider.locator(".noUi-handle").first
        view = slider.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
        before = view.inner_text()
        handle.focus()
        for _ in range(10):
            page.keyboard.press("ArrowLeft")
        page.wait_for_function("([el, t]) => el.innerText !== t", arg=[view.element_handle(), before], timeout=30_000)
        assert view.inner_text() != before
    finally:
        r["context"].close()
