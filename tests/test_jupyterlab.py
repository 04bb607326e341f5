"""A student's Binder session: JupyterLab (with what requirements.txt installs, after postBuild) opens every
chapter in Chromium and scrolls through it, and the page reads well: no page error and no lab extension
built for other JupyterLab modules (the console's "Unsatisfied version" warnings), no error output, every
chart drawn by JupyterLab's own Vega-Lite, no raw MyST markup, no citation key or label id where a reader
expects a citation or a figure, no request to another host. One chapter (Rwanda) is run with Run All in
the page, so its live explorers are drawn by JupyterLab's widget manager (no broken widget) and one
answers its keyboard; the others are opened as the book's build executed them (their cells ran in a
kernel of their own there and under papermill: running them again here would give the same answer)."""

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

import pytest

from browse import offline
from conftest import ROOT, toc_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.jupyterlab, pytest.mark.slow]
NOTEBOOKS = toc_notebooks()
# MyST that jupyterlab-myst renders: none of it may reach the reader as raw text.
RAW_MYST = re.compile(r"\{(cite|cite:t|cite:p|term|numref|download|doc|ref)\}`|^```\{|^:class:", re.M)
# JupyterLab and what puts a lab extension in it: the session tries requirements.txt's pins of them.
LAB_PACKAGES = ("jupyterlab", "jupyterlab-myst", "jupyterlab_widgets", "jupyterlab_pygments", "ipywidgets")
# Webpack's module federation says so when an extension was built against newer versions of JupyterLab's
# packages than the running JupyterLab has: the extension then runs on modules it was not built for.
VERSION_WARNING = re.compile(r"Unsatisfied version|No satisfying version")
# What jupyterlab-myst draws, behind a warning icon, for a citation or reference it cannot resolve.
UNRESOLVED = "[title='Citation Not Found'], [title='Cross Reference Not Found']"


def bib_keys() -> set[str]:
    from helpers import sources

    return sources.keys(ROOT / "references.bib")


def label_ids(nb: Path) -> set[str]:
    """The targets a notebook names: its figures' names (cell metadata) and its `(label)=` targets."""
    labels = set()
    for cell in json.loads(nb.read_text())["cells"]:
        name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
        if name:
            labels.add(name)
        if cell["cell_type"] == "markdown":
            labels |= set(re.findall(r"^\(([^)\s]+)\)=\s*$", "".join(cell["source"]), re.M))
    return labels


def shown_ids(text: str, ids: set[str]) -> list[str]:
    """Every key or label id that stands as a word of `text` (as jupyterlab-myst shows an unresolved one)."""
    if not ids:
        return []
    pattern = re.compile(
        r"(?<![\w/.-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])"
    )
    return pattern.findall(text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LIVE = {"rwanda.ipynb"}  # run in the page; the others are opened as the build executed them


@pytest.fixture(scope="module")
def lab(tmp_path_factory, book_build):
    """JupyterLab serving a copy of the book as Binder makes it (so that nothing it saves touches the
    repository), its chapters as the build executed them but for those run live."""
    began = time.monotonic()
    home = tmp_path_factory.mktemp("lab")
    book = home / "book"
    for name in ("chapters", "data", "templates"):
        shutil.copytree(ROOT / name, book / name)
    for nb in NOTEBOOKS:
        if nb.name not in LIVE:
            shutil.copy(book_build / "jupyter_execute" / nb.relative_to(ROOT), book / nb.relative_to(ROOT))
    for name in ("references.bib", "references.md", "glossary.md", "_toc.yml", "postBuild"):
        shutil.copy(ROOT / name, book / name)
    # What Binder does when it builds the image: run postBuild (python -m helpers.lab) in the repository.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    post = subprocess.run(
        ["bash", "postBuild"], cwd=book, capture_output=True, text=True, env={**os.environ, "PATH": path}
    )
    assert post.returncode == 0, f"postBuild failed:\n{post.stdout}{post.stderr}"
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
           f"--ServerApp.root_dir={book}", f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.expose_app_in_browser=True"]  # window.jupyterapp: the test opens chapters as the file browser does  # fmt: skip
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
    print(f"JupyterLab ready (with postBuild) in {time.monotonic() - began:.1f} s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def shut_down_kernel(lab: str, nb: Path) -> None:
    """End the kernel of a notebook done with (nine chapters' kernels at once would crowd a small machine)."""
    with urllib.request.urlopen(f"{lab}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        if session["path"].endswith(f"chapters/{nb.name}"):
            request = urllib.request.Request(f"{lab}/api/sessions/{session['id']}", method="DELETE")
            urllib.request.urlopen(request, timeout=30).close()


def scroll_through(page) -> None:
    """Scroll the notebook from top to bottom a screen at a time, as a reader does."""
    page.evaluate(
        """async () => { const s = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')
                                || document.querySelector('.jp-NotebookPanel .jp-Notebook');
                         s.scrollTop = 0;
                         for (let i = 0; i < 400 && s.scrollTop + s.clientHeight < s.scrollHeight - 2; i++) {
                             s.scrollTop += s.clientHeight * 0.9;
                             await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); } }"""
    )
    page.wait_for_timeout(200)


def open_lab(context, lab: str):
    """One JupyterLab page, as a student's Binder tab: a workspace of its own, reset (no earlier tabs)."""
    page = context.new_page()
    seen = {"outside": [], "page_errors": [], "console": []}
    page.on("pageerror", lambda exc: seen["page_errors"].append(str(exc)))
    page.on(
        "console",
        lambda msg: seen["console"].append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
    )
    offline(page, seen["outside"])  # only this machine; every request elsewhere noted and refused
    page.goto(f"{lab}/lab/workspaces/book-{os.getpid()}?reset", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
    return page, seen


def open_and_run(page, seen: dict, nb: Path, shots: Path | None = None, run: bool = True) -> dict:
    """Open ``nb`` in the JupyterLab ``page`` (as a double click in the file browser does), run all its cells
    (``run``) or keep the outputs it has, scroll through it and record what the reader sees (``seen``: what the
    page logged since the last notebook, or since JupyterLab started for the first)."""
    page.evaluate(
        """async path => { const panel = await window.jupyterapp.commands.execute('docmanager:open', {path});
                           await panel.context.ready; await panel.sessionContext.ready; }""",
        f"chapters/{nb.name}",
    )
    outside, page_errors, console = seen["outside"], seen["page_errors"], seen["console"]
    page.wait_for_selector(".jp-Notebook .jp-MarkdownCell", timeout=60_000)
    page.wait_for_function("() => /\\| Idle/.test(document.querySelector('#jp-main-statusbar').innerText)",
                           timeout=120_000)  # fmt: skip
    if shots:
        page.screenshot(path=str(shots / f"{nb.stem}-top.png"))
    if run:
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
    scroll_through(page)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    rendered = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown, .jp-MarkdownCell .myst")
    markdown = "\n".join(rendered.all_inner_texts())
    result = {
        "page": page, "outside": list(outside),
        "errors": [e for e in errors if "Traceback" in e or "Error" in e],
        "charts": charts.count(),
        "drawn": page.locator(".jp-RenderedVegaCommon5 svg.marks, .jp-RenderedVegaCommon5 canvas.marks").count(),
        "raw_myst": sorted({m.group(0) for m in RAW_MYST.finditer(markdown)}),
        "markdown_chars": len(markdown),
        "page_errors": list(page_errors),
        "console": list(console),
        "version_warnings": [m for m in console if VERSION_WARNING.search(m)],
        # A citation's key or a figure's label id where the reader expects the citation or the figure.
        "keys_shown": shown_ids(markdown, bib_keys()),
        "labels_shown": shown_ids(markdown, label_ids(nb)),
        "unresolved": page.locator(f".jp-MarkdownCell :is({UNRESOLVED})").all_inner_texts(),
        # In outputs only: the chapters' own prose names the message, to say how to bring an explorer back.
        # A saved notebook's explorers need their kernel: only a chapter run here can show them.
        "widget_errors": page.locator(".jp-OutputArea-output", has_text="Error displaying widget").count() if run else 0,
        "widgets": page.locator(".jp-OutputArea-output .widget-vbox, .jp-OutputArea-output .jupyter-widgets").count(),
        "live": run,
    }  # fmt: skip
    for found in seen.values():
        found.clear()
    return result


KEYBOARD_CHAPTER = "rwanda.ipynb"  # its explorer's keyboard is tried on the fixture's own run of it


@pytest.fixture(scope="module")
def runs(lab, browser):
    """Every chapter opened and scrolled once in one JupyterLab page, as a student opens them one after another
    from the file browser (those in LIVE run in the page, last; each other chapter is closed and its kernel
    shut down when done). Opening each in a page of its own started JupyterLab again for every chapter (its
    5-8 s a chapter were mostly that). The Rwanda chapter stays open for the keyboard test."""
    shots = ROOT / "tests" / "_artifacts"
    shots.mkdir(parents=True, exist_ok=True)
    results = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        began = time.monotonic()
        page, seen = open_lab(context, lab)
        print(f"JupyterLab drawn in the page in {time.monotonic() - began:.1f} s")  # shown with pytest -s
        for nb in sorted(NOTEBOOKS, key=lambda nb: nb.name in LIVE):  # the live ones last, left open
            started = time.monotonic()
            try:
                r = open_and_run(page, seen, nb, shots, run=nb.name in LIVE)
            except Exception as exc:  # name the notebook in the failure
                raise AssertionError(f"{nb.name} in JupyterLab: {exc}") from exc
            if nb.name != KEYBOARD_CHAPTER:
                page.evaluate("() => window.jupyterapp.shell.currentWidget.dispose()")  # unchanged: nothing to save
                shut_down_kernel(lab, nb)
            results[nb.name] = r
            print(f"{nb.name} in JupyterLab: {time.monotonic() - started:.1f} s")
        assert list(LIVE) == [KEYBOARD_CHAPTER], "the keyboard test needs its chapter open, last"
        # What the console said, for whoever reads a failure (or a report).
        (shots / "jupyterlab-console.json").write_text(
            json.dumps({name: {k: v for k, v in r.items() if k != "page"} for name, r in results.items()}, indent=1)
        )
        yield results
    finally:
        context.close()


def test_jupyterlab_and_its_extensions_are_the_pinned_versions():
    """This session tries what Binder installs: the installed JupyterLab and lab extensions are requirements.txt's."""
    from importlib.metadata import version

    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.M))
    wrong = {name: f"{version(name)} installed, {pins.get(name)} pinned" for name in LAB_PACKAGES if version(name) != pins.get(name)}  # fmt: skip
    assert not wrong, f"run `pip install -r requirements.txt`: {wrong}"


def test_no_page_error_and_every_extension_on_jupyterlabs_own_modules(runs):
    """No uncaught error in the page, and no "Unsatisfied version" warning: a lab extension built for other
    versions of JupyterLab's packages than requirements.txt pins runs on modules it was not built for (issue 32)."""
    assert all(r["markdown_chars"] > 0 for r in runs.values()), "the chapters were opened"
    errors = {name: r["page_errors"] for name, r in runs.items() if r["page_errors"]}
    assert not errors, f"page errors in JupyterLab: {errors}"
    warnings = {name: sorted(set(r["version_warnings"])) for name, r in runs.items() if r["version_warnings"]}
    assert not warnings, f"lab extensions built for another JupyterLab (check requirements.txt's pins): {warnings}"


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


def test_no_citation_key_or_label_id_in_jupyterlab(runs):
    """Citations read as citations and figure references as words, not as "⚠ maddox2015" or "⚠ fig-car-timeline"."""
    bad = {
        name: {"keys": sorted(set(r["keys_shown"])), "labels": sorted(set(r["labels_shown"])),
               "unresolved": sorted(set(r["unresolved"]))}
        for name, r in runs.items() if r["keys_shown"] or r["labels_shown"] or r["unresolved"]
    }  # fmt: skip
    assert not bad, f"citation keys or label ids shown in rendered markdown: {bad}"


def test_no_broken_widget_and_no_outside_request(runs):
    live = {name: r for name, r in runs.items() if r["live"]}
    assert live and all(r["widgets"] > 0 for r in live.values()), "a chapter run in the page draws its explorers"
    assert not {name: r["widget_errors"] for name, r in runs.items() if r["widget_errors"]}
    assert not {name: r["outside"] for name, r in runs.items() if r["outside"]}


def test_an_explorer_answers_its_keyboard(runs):
    """The Rwanda explorer's date slider moves with the arrow keys and the view redraws (on the fixture's run)."""
    page = runs[KEYBOARD_CHAPTER]["page"]
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
