"""Every notebook in the table of contents runs top to bottom, alone: with its own parameters (read from
the executed notebooks of the suite's one build of the book, where each runs in a kernel of its own),
and under papermill once per other parameter path: a narrower window derived from its own, a reversed
window that must stop with a clear message, every case, fewer cases. The book's build settings make a
failing cell fail the build. Nothing is executed twice for the same answer."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from conftest import ROOT, jupyter_book, toc_notebooks
from helpers import kernel_client

pytestmark = pytest.mark.notebooks
NOTEBOOKS = toc_notebooks()


# No cell of the book takes more than a few seconds (15 s on a busy machine). A cell's reply could sit unread in
# the client's socket, kernel and client both idle (a lost wake-up: helpers.kernel_client, installed here as in
# the build, looks again every second). Should a run stall for another reason, it stops at this timeout and is
# run once more, in a fresh kernel, and says so. A notebook that fails or stalls again fails the test.
CELL_TIMEOUT = 90
kernel_client.install()


def run_notebook(nb: Path, out_dir: Path, parameters: dict | None = None, tag: str = "default") -> str | None:
    """Run ``nb`` in a fresh kernel from its own folder; None on success, else what failed."""
    out = out_dir / f"{nb.stem}-{tag}.ipynb"
    for attempt in (1, 2):
        try:
            pm.execute_notebook(str(nb), str(out), parameters=parameters or {}, cwd=str(nb.parent),
                                kernel_name="python3", progress_bar=False, request_save_on_cell_execute=False,
                                execution_timeout=CELL_TIMEOUT)  # fmt: skip
        except pm.PapermillExecutionError as exc:
            return (
                f"{nb.name} ({tag}): cell {exc.cell_index} (exec #{exc.exec_count}) failed: {exc.ename}: {exc.evalue}"
            )
        except TimeoutError as exc:  # nbclient's CellTimeoutError: a stalled kernel, or a cell that never ends
            if attempt == 2:
                return f"{nb.name} ({tag}): stalled twice ({CELL_TIMEOUT} s without a reply): {exc}"
            warnings.warn(f"{nb.name} ({tag}): no reply in {CELL_TIMEOUT} s; run again in a fresh kernel", stacklevel=1)
        except Exception as exc:  # kernel died, bad parameters, ...
            return f"{nb.name} ({tag}): {type(exc).__name__}: {exc}"
        else:
            return None


def defaults(nb: Path) -> dict:
    """The notebook's own parameter defaults, as papermill reads them from its `parameters` cell."""
    return {name: eval(p["default"]) for name, p in pm.inspect_notebook(str(nb)).items()}


def narrowed(params: dict) -> dict | None:
    """The middle half of the notebook's window (as months), with ``as_of`` moved inside it if it fell out."""
    if not (isinstance(params.get("start"), str) and isinstance(params.get("end"), str)):
        return None
    first, last = pd.Timestamp(params["start"]), pd.Timestamp(params["end"]) + pd.offsets.MonthEnd(0)
    quarter = (last - first) / 4
    lo, hi = (first + quarter).strftime("%Y-%m"), (last - quarter).strftime("%Y-%m")
    out = {"start": lo, "end": hi}
    if isinstance(params.get("as_of"), str):
        as_of = pd.Timestamp(params["as_of"])
        inside = pd.Timestamp(lo) <= as_of <= pd.Timestamp(hi) + pd.offsets.MonthEnd(0)
        out["as_of"] = (
            params["as_of"]
            if inside
            else (pd.Timestamp(lo) + (pd.Timestamp(hi) - pd.Timestamp(lo)) / 2).strftime("%Y-%m-%d")
        )
    return out


@pytest.mark.build
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_alone_with_its_own_parameters(book_build, nb):
    """The build executed every notebook in a kernel of its own, from its own folder, with its defaults:
    its executed copy has every code cell run and no error output."""
    executed = book_build / "jupyter_execute" / nb.relative_to(ROOT)
    assert executed.is_file(), f"the build wrote no executed copy of {nb.name} at {executed}"
    ran = nbformat.read(executed, as_version=4)
    code = [c for c in ran.cells if c.cell_type == "code"]
    assert code and all(c.get("execution_count") for c in code), f"{nb.name}: cells the build did not run"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{nb.name}: {[(e['ename'], e['evalue']) for e in errors]}"


def test_the_chapter_template_runs(tmp_path):
    """templates/case-chapter.ipynb, the skeleton every case chapter copies, runs as it stands."""
    assert run_notebook(ROOT / "templates" / "case-chapter.ipynb", tmp_path) is None


def test_failing_notebook_is_reported_with_its_cell(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('boom')")]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    message = run_notebook(path, tmp_path)
    assert message is not None and "broken.ipynb" in message and "cell 1" in message and "boom" in message


WINDOWED = [nb for nb in NOTEBOOKS if narrowed(defaults(nb))]


def test_the_chapters_with_a_window_are_found():
    assert any(nb.stem == "rwanda" for nb in WINDOWED), "the Rwanda chapter has start/end parameters"


def test_narrowing_keeps_as_of_inside_the_window():
    assert narrowed({"start": "1993-08", "end": "1994-07", "as_of": "1993-09-01"}) == {
        "start": "1993-10", "end": "1994-05", "as_of": "1994-01-15"}  # fmt: skip
    assert (
        narrowed({"start": "1993-08", "end": "1994-07", "as_of": "1994-04-21"})["as_of"] == "1994-04-21"
    )  # already inside
    assert narrowed({"case": "rwanda"}) is None


@pytest.mark.parametrize("nb", WINDOWED, ids=lambda p: p.name)
def test_notebook_runs_with_a_narrower_window(nb, tmp_path):
    """An instructor's window: the middle half of the chapter's own."""
    params = narrowed(defaults(nb))
    assert run_notebook(nb, tmp_path, params, "narrow") is None


def test_reversed_window_stops_with_a_clear_message(tmp_path):
    """One chapter end to end (the preamble's every message is tested in test_toolkit without a kernel)."""
    nb = ROOT / "chapters" / "rwanda.ipynb"
    params = defaults(nb)
    message = run_notebook(nb, tmp_path, {"start": params["end"], "end": params["start"]}, "bad")
    assert message is not None and f"ends ({params['start']}) before it starts ({params['end']})" in message, message


CASE_PARAMETER = [nb for nb in NOTEBOOKS if "case" in defaults(nb)]


@pytest.mark.parametrize("case", ["convention", "cambodia", "darfur", "car"])
@pytest.mark.parametrize("nb", CASE_PARAMETER, ids=lambda p: p.name)
def test_notebook_with_a_case_parameter_runs_for_every_case(nb, case, tmp_path):
    """A page that takes a case works for every case the data hold, saying so where data are missing."""
    assert run_notebook(nb, tmp_path, {"case": case, "start": None, "end": None}, case) is None


def test_a_failing_cell_fails_the_build(tmp_path):
    """The book's build settings turn an error in any cell into a failed build, naming the notebook."""
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "references.bib", book)
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/broken\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "chapters" / "broken.ipynb")
    run = jupyter_book("build", str(book), timeout=600)
    log = run.stdout + run.stderr
    assert run.returncode != 0, "a notebook whose cell raises must fail the build"
    assert "broken.ipynb" in log and "ZeroDivisionError" in log


@pytest.mark.slow
def test_latex_build_carries_static_chart_images(book_build, tmp_path):
    """For PDF readers: the LaTeX builder gets each chart as a PNG that vl-convert draws from its spec
    (from a copy of the session build's execution cache and doctrees: a build into the session's own output
    would rewrite the executed notebooks other tests are reading; with the doctrees, nothing is read again)."""
    import re
    import shutil

    for name in (".jupyter_cache", ".doctrees"):  # copies keep their times: Sphinx compares them with the sources
        shutil.copytree(book_build / name, tmp_path / "_build" / name)
    run = jupyter_book("build", str(ROOT), "--builder", "latex", "--path-output", str(tmp_path))
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert "Executing notebook" not in run.stdout, "the LaTeX build ran a chapter again instead of reading the cache"
    assert "0 added, 0 changed, 0 removed" in run.stdout, "the LaTeX build read pages the book's build had read"
    tex = (tmp_path / "_build" / "latex" / "book.tex").read_text()
    images = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}\.png\}", tex)
    charts_in_site = sum(p.read_text().count('class="vega-chart"') for p in (book_build / "html").rglob("*.html"))
    assert len(images) >= charts_in_site - sum(
        p.read_text().count('class="live-view"') for p in (book_build / "html").rglob("*.html")
    ), (len(images), charts_in_site)
    for name in images:
        assert (tmp_path / "_build" / "latex" / f"{name}.png").is_file()


CASES_PARAMETER = [nb for nb in NOTEBOOKS if isinstance(defaults(nb).get("cases"), str)]


def test_the_chapters_comparing_cases_are_found():
    assert any(nb.stem == "conclusion" for nb in CASES_PARAMETER), "the conclusion compares cases"


@pytest.mark.parametrize("nb", CASES_PARAMETER, ids=lambda p: p.name)
def test_comparison_runs_with_fewer_cases_in_another_order(nb, tmp_path):
    """An instructor's selection: the last two of the chapter's cases, reversed."""
    chosen = defaults(nb)["cases"].split(",")[-2:][::-1]
    assert run_notebook(nb, tmp_path, {"cases": ",".join(chosen)}, "fewer") is None


@pytest.mark.parametrize("nb", CASES_PARAMETER, ids=lambda p: p.name)
def test_unknown_case_in_a_comparison_stops_with_a_clear_message(nb, tmp_path):
    message = run_notebook(nb, tmp_path, {"cases": "rwanda,bosnia"}, "bad")
    assert (
        message is not None and "unknown value(s) 'bosnia'" in message and "expected a comma-separated list" in message
    )
