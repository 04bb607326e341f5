"""The book's layout rules: table of contents, clean notebooks, pinned tools, the README contract."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, toc_files, toc_notebooks

CDN = re.compile(r"cdn\.jsdelivr|cdnjs\.|unpkg\.com|googleapis\.com/|fonts\.gstatic|code\.jquery")


def test_every_chapter_is_in_the_toc_and_every_toc_entry_exists():
    in_folder = {f"chapters/{p.stem}" for p in (ROOT / "chapters").glob("*.ipynb")}
    listed = set(toc_files())
    assert not in_folder - listed, f"notebooks in chapters/ missing from _toc.yml: {sorted(in_folder - listed)}"
    missing = [f for f in listed if not any((ROOT / f"{f}{s}").exists() for s in (".ipynb", ".md"))]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


@pytest.mark.parametrize("nb", toc_notebooks(), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(nb):
    cells = json.loads(nb.read_text())["cells"]
    dirty = [
        i for i, c in enumerate(cells) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert not dirty, f"{nb.name}: cells {dirty} have outputs or execution counts (clear them before committing)"


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = re.search(r"^#+\s*Quick start\s*$(.*?)(?=^#+\s)", readme, re.M | re.S | re.I)
    assert section, "README.md has no 'Quick start' section"
    blocks = re.findall(r"```[a-z]*\n(.*?)```", section.group(1), re.S)
    assert len(blocks) == 1, "the Quick start must hold exactly one fenced block"
    return [line for line in blocks[0].splitlines() if line.strip() and not line.strip().startswith("#")]


def test_readme_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    commands = quick_start_commands()
    assert len(commands) == 2, f"expected two commands (build; test), found {commands}"
    build, test = commands
    assert "requirements.txt" in build and "jupyter-book build" in build
    assert test.strip() == "bash tests/run.sh", test
    script = (ROOT / "tests" / "run.sh").read_text()
    # The test command does all its own set-up: chromium when missing, the test requirements, then pytest.
    assert "apt-get install" in script and "chromium" in script
    assert "pip install -q -r requirements-test.txt" in script and "python3 -m pytest" in script
    ci = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert test.strip() in ci, ".ci/run must run the README's test command"


def test_code_is_formatted_and_linted():
    """ruff (configured in pyproject.toml): the toolkit, the tests and the notebooks' code cells."""
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, f"run `ruff format .`:\n{fmt.stdout}{fmt.stderr}"
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, f"run `ruff check .`:\n{lint.stdout}{lint.stderr}"


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-test.txt", "requirements-pdf.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith(("-e ", "-r ")):
                continue
            assert "==" in line, f"{name}: {line!r} is not pinned with =="
    reqs = (ROOT / "requirements.txt").read_text()
    assert "jupyter-book==1.0.4.post1" in reqs
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"


def test_nothing_the_book_ships_names_a_cdn():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    offenders = []
    for name in tracked:
        if name.startswith("tests/") or name.endswith((".md", ".txt")):
            continue
        path = ROOT / name
        if path.is_file() and CDN.search(path.read_text(errors="ignore")):
            offenders.append(name)
    assert not offenders, f"these files name a CDN host: {offenders}"


def test_licences_are_present_and_stated():
    assert "MIT" in (ROOT / "LICENSE").read_text()
    assert "Attribution 4.0" in (ROOT / "LICENSE-CONTENT").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "CC BY 4.0" in readme and "MIT" in readme
    assert "CC BY 4.0" in (ROOT / "_config.yml").read_text()


def test_internal_links_name_their_file_so_they_work_in_jupyterlab_too():
    """`[Data appendix](data-appendix)` works on the site but is a 404 in JupyterLab; `data-appendix.ipynb` works in both."""
    bad = []
    for nb in toc_notebooks():
        cells = json.loads(nb.read_text())["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if not re.match(r"(https?:|mailto:|#)", target) and not re.search(r"\.(ipynb|md)(#.*)?$", target):
                bad.append(f"{nb.name}: ({target})")
    assert not bad, f"internal links without a file extension: {bad}"
