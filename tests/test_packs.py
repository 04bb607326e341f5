"""Chapter packs: one zip per chapter that runs on its own from an empty folder.

A pack is checked for what it holds, for requirements the book's environment already satisfies (so
nothing new is installed), and by running its notebook under papermill from the unzipped folder with
a clean environment: HOME and the working folder in the temporary folder, PYTHONPATH only the pack's
``src``. The built site is checked for a pack per chapter, linked from the chapter and the teaching index.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from test_notebooks import CELL_TIMEOUT

from conftest import ROOT
from helpers import packs
from helpers.course.__main__ import main


def case_slugs() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == "The cases")
    return [Path(c["file"]).name for c in part["chapters"]]


def unzip(pack: Path, into: Path) -> Path:
    with zipfile.ZipFile(pack) as zf:
        tops = {name.split("/")[0] for name in zf.namelist()}
        assert tops == {pack.stem}, f"a pack unzips into one folder named like the zip, not {tops}"
        zf.extractall(into)
    return into / pack.stem


@pytest.mark.parametrize("slug", case_slugs())
def test_a_pack_holds_the_notebook_toolkit_data_bibliography_requirements_and_readme(slug, tmp_path):
    folder = unzip(packs.make_pack(ROOT, slug, tmp_path / "zip"), tmp_path / "out")
    for name in (f"chapters/{slug}.ipynb", "README.md", "requirements.txt", "pyproject.toml", "references.bib"):
        assert (folder / name).is_file(), f"the {slug} pack has no {name}"
    assert (folder / "LICENSE").is_file() and (folder / "LICENSE-CONTENT").is_file()
    package = json.loads((folder / "data" / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert (folder / "data" / resource["path"]).is_file(), f"the {slug} pack lacks data/{resource['path']}"
    modules = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "helpers").rglob("*.py")}
    packed = {p.relative_to(folder / "src").as_posix() for p in (folder / "src" / "helpers").rglob("*.py")}
    assert modules <= packed, f"toolkit modules missing: {sorted(modules - packed)}"
    assert not list(folder.rglob("__pycache__"))
    readme = (folder / "README.md").read_text()
    for needed in ("pip install -r requirements.txt", f"chapters/{slug}.ipynb", "CC BY 4.0", "MIT", "doi:"):
        assert needed in readme, f"the {slug} pack's README does not say {needed!r}"


def test_a_packs_requirements_are_the_books_and_already_installed(tmp_path):
    folder = unzip(packs.make_pack(ROOT, "rwanda", tmp_path), tmp_path / "out")
    lines = (folder / "requirements.txt").read_text().splitlines()
    assert lines == (ROOT / "requirements.txt").read_text().splitlines()
    pins = [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]
    for pin in pins:
        if pin == "-e .":  # the pack's own toolkit: pyproject.toml finds it in src/
            project = (folder / "pyproject.toml").read_text()
            assert 'where = ["src"]' in project and (folder / "src" / "helpers" / "__init__.py").exists()
            readme = re.search(r'^readme = "([^"]+)"', project, re.M)
            assert readme is None or (folder / readme.group(1)).exists(), "pyproject names a readme the pack lacks"
            continue
        name, version = pin.split("==")
        assert metadata.version(name) == version, f"{pin}: the test environment has {metadata.version(name)}"


def test_the_pack_command_writes_a_pack_and_names_a_misspelled_chapter(tmp_path, capsys):
    assert main(["pack", "rwanda", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "never-again-rwanda.zip").is_file()
    assert main(["pack", "rwnda", "--out", str(tmp_path / "bad")]) == 1
    assert "did you mean 'rwanda'" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()


def clean_env(home: Path, folder: Path) -> dict[str, str]:
    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        "HOME": str(home),
        "PYTHONPATH": str(folder / "src"),
        "LANG": "C.UTF-8",
    }


@pytest.mark.notebooks
def test_a_pack_runs_its_notebook_from_an_empty_folder(tmp_path):
    pack = packs.make_pack(ROOT, "rwanda", tmp_path / "zip")
    home = tmp_path / "home"
    home.mkdir()
    folder = unzip(pack, tmp_path / "class")
    env = clean_env(home, folder)
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import helpers; from helpers import datapackage as p; "
            "print(helpers.__file__); print(p.find_data_dir()); "
            "print(p.bibliography_path(p.find_data_dir(), p.read_datapackage(p.find_data_dir()))); "
            "from helpers import sources; print(sources.book_bibliography()); "
            "print(sources.citation('maddox2015', 'n. 81'))",
        ],
        cwd=folder / "chapters",
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.returncode == 0, where.stderr
    *paths, cited = where.stdout.splitlines()
    assert cited == "Maddox 2015, n. 81", "charts in a pack cite from the pack's references.bib"
    for path in paths:
        assert Path(path).resolve().is_relative_to(folder.resolve()), f"the pack reads {path}, outside its folder"
    command = [sys.executable, "-m", "papermill", "chapters/rwanda.ipynb", str(tmp_path / "out.ipynb"),
               "--cwd", "chapters", "--execution-timeout", str(CELL_TIMEOUT),
               "--no-request-save-on-cell-execute"]  # saved once, at the end, not after each cell  # fmt: skip
    for _attempt in (1, 2):  # once more after a stalled kernel (see test_notebooks.CELL_TIMEOUT)
        run = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        if "timed out" not in run.stderr:
            break
    assert run.returncode == 0, f"the pack's notebook failed:\n{run.stderr[-4000:]}"
    cells = json.loads((tmp_path / "out.ipynb").read_text())["cells"]
    errors = [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors and any(c.get("outputs") for c in cells)


def test_the_site_has_a_pack_per_chapter_linked_from_its_page_and_the_teaching_index(site):
    teaching = (site / "teaching" / "index.html").read_text()
    for slug in case_slugs():
        zipped = site / "_static" / "packs" / f"{packs.pack_name(slug)}.zip"
        assert zipped.is_file(), f"no pack for {slug} in the site"
        with zipfile.ZipFile(zipped) as zf:
            assert f"{packs.pack_name(slug)}/chapters/{slug}.ipynb" in zf.namelist()
        page = (site / "chapters" / f"{slug}.html").read_text()
        href = f"../_static/packs/{packs.pack_name(slug)}.zip"
        assert f'href="{href}"' in page, f"the {slug} page does not link its pack"
        assert f'href="{href}"' in teaching, f"the teaching index does not link the {slug} pack"
        assert "Download this chapter as a pack" in page
        menu = re.search(rf'<a href="{re.escape(href)}"[^>]*btn-download-pack-button', page)
        assert menu, f"the {slug} page's download menu has no pack entry"
