"""Every notebook in the table of contents runs top to bottom, alone, under papermill."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from conftest import toc_notebooks

NOTEBOOKS = toc_notebooks()


def run_notebook(nb: Path, out_dir: Path, parameters: dict | None = None, tag: str = "default") -> str | None:
    """Run ``nb`` in a fresh kernel from its own folder; None on success, else what failed."""
    out = out_dir / f"{nb.stem}-{tag}.ipynb"
    try:
        pm.execute_notebook(str(nb), str(out), parameters=parameters or {}, cwd=str(nb.parent),
                            kernel_name="python3", progress_bar=False, request_save_on_cell_execute=False,
                            execution_timeout=600)
    except pm.PapermillExecutionError as exc:
        return f"{nb.name} ({tag}): cell {exc.cell_index} (exec #{exc.exec_count}) failed: {exc.ename}: {exc.evalue}"
    except Exception as exc:  # kernel died, bad parameters, ...
        return f"{nb.name} ({tag}): {type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run all notebooks once, two at a time (the machine has two cores)."""
    out_dir = tmp_path_factory.mktemp("papermill")
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        results = dict(zip(NOTEBOOKS, pool.map(lambda nb: run_notebook(nb, out_dir), NOTEBOOKS)))
    return out_dir, results


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_alone_under_papermill(executed, nb):
    out_dir, results = executed
    assert results[nb] is None, results[nb]
    ran = nbformat.read(out_dir / f"{nb.stem}-default.ipynb", as_version=4)
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


def test_failing_notebook_is_reported_with_its_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('boom')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    message = run_notebook(path, tmp_path)
    assert message is not None and "broken.ipynb" in message and "cell 1" in message and "boom" in message


PARAMETERISED = [nb for nb in NOTEBOOKS
                 if any("parameters" in c.get("metadata", {}).get("tags", []) for c in nbformat.read(nb, as_version=4).cells)]
NARROW = {"start": "1994-04", "end": "1994-06", "as_of": "1994-05-17"}


@pytest.mark.parametrize("nb", PARAMETERISED, ids=lambda p: p.name)
def test_notebook_runs_with_other_parameters(nb, tmp_path):
    """An instructor's window (April to June 1994) runs too."""
    assert run_notebook(nb, tmp_path, NARROW, "narrow") is None


@pytest.mark.parametrize("nb", PARAMETERISED, ids=lambda p: p.name)
def test_bad_parameter_stops_with_a_clear_message(nb, tmp_path):
    message = run_notebook(nb, tmp_path, {"start": "1994-07", "end": "1994-04"}, "bad")
    assert message is not None and "ends (1994-04) before it starts (1994-07)" in message, message


def test_a_failing_cell_fails_the_build(tmp_path):
    """The book's build settings turn an error in any cell into a failed build, naming the notebook."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "references.bib", book)
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/broken\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "chapters" / "broken.ipynb")
    run = subprocess.run([sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(book)],
                         capture_output=True, text=True, timeout=600)
    log = run.stdout + run.stderr
    assert run.returncode != 0, "a notebook whose cell raises must fail the build"
    assert "broken.ipynb" in log and "ZeroDivisionError" in log


def test_latex_build_carries_static_chart_images(tmp_path):
    """For PDF readers: the LaTeX builder gets each chart as the PNG that vl-convert made."""
    import re
    import subprocess
    import sys

    from conftest import ROOT

    run = subprocess.run([sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(ROOT),
                          "--builder", "latex", "--path-output", str(tmp_path)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    tex = (tmp_path / "_build" / "latex" / "book.tex").read_text()
    images = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}\.png\}", tex)
    assert len(images) >= 8, f"expected a PNG per chart, found {len(images)}"
    for name in images:
        assert (tmp_path / "_build" / "latex" / f"{name}.png").is_file()
