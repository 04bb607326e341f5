"""The chapters as JupyterLab shows them (helpers.lab, run by Binder's postBuild): citations, figure
references and glossary terms written out as the site shows them, each figure followed by its caption."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT, toc_notebooks
from helpers import lab

BIB = ROOT / "references.bib"
ROLES = re.compile(r"\{(cite|cite:[a-z]+|numref|term|ref)\}`")


@pytest.mark.parametrize(
    ("myst", "text"),
    [
        ("as {cite}`maddox2015` (n. 11) says", "as [Maddox 2015] (n. 11) says"),
        ("{cite}`maddox2015,power2002`", "[Maddox 2015; Power 2002]"),
        ("{cite:p}`dieng-welsh-2016`", "[Dieng and Welsh 2016]"),
        ("{cite:t}`maddox2015` argues", "Maddox [2015] argues"),
        ("{cite}`unsc-s-1994-470`", "[S/1994/470]"),  # a UN document by its symbol, as the site cites it
        ("{numref}`fig-a` and {numref}`fig-b`", "Figure 3.1 and Figure 3.2"),
        ("{numref}`Fig. %s <fig-b>`", "Fig. 3.2"),
        (
            "a {term}`commission of inquiry <Commission\nof inquiry>` and {term}`MISCA`",
            "a commission of inquiry and MISCA",
        ),
    ],
)
def test_roles_are_written_as_the_site_shows_them(myst, text):
    assert lab.lab_text(myst, BIB, {"fig-a": "3.1", "fig-b": "3.2"}) == text


def test_a_section_reference_reads_as_its_heading_or_its_own_text():
    sections = {"rw-warnings": "The warnings"}
    assert lab.lab_text("see {ref}`rw-warnings`", BIB, {}, "x", sections) == "see “The warnings”"
    assert lab.lab_text("the {ref}`cable <rw-warnings>`", BIB, {}, "x", sections) == "the cable"
    with pytest.raises(lab.LabTextError, match=r"no section labelled 'rw-word' here \(labels: rw-warnings\)"):
        lab.lab_text("{ref}`rw-word`", BIB, {}, "x", sections)


def test_a_missing_key_or_figure_is_named_with_its_place():
    with pytest.raises(
        lab.LabTextError, match=r"rwanda.ipynb, cell 4: \{cite\}`maddox2051`: 'maddox2051' is not a key"
    ):
        lab.lab_text("{cite}`maddox2051`", BIB, {}, "rwanda.ipynb, cell 4")
    with pytest.raises(lab.LabTextError, match=r"no figure named 'fig-x' here \(figures: fig-a\)"):
        lab.lab_text("{numref}`fig-x`", BIB, {"fig-a": "1"})


def test_chapter_numbers_follow_the_numbered_parts_of_the_toc():
    numbers = lab.chapter_numbers(ROOT / "_toc.yml")
    from helpers import toc

    numbered = [d for p in toc.read(ROOT / "_toc.yml")["parts"] if p.get("numbered") for d in toc.part(ROOT / "_toc.yml", p["caption"])]  # fmt: skip
    assert numbered and list(numbers) == numbered
    assert list(numbers.values()) == [str(i) for i in range(1, len(numbered) + 1)]
    assert "chapters/about" not in numbers and "chapters/data-appendix" not in numbers


@pytest.mark.parametrize("nb", toc_notebooks(), ids=lambda p: p.stem)
def test_every_chapter_reads_without_roles_and_with_its_captions(nb):
    original = nbformat.read(nb, as_version=4)
    tagged = [c for c in original.cells if lab.CAPTION_TAG in c.get("metadata", {}).get("tags", [])]
    assert not tagged, "the repository holds Binder's copy (python -m helpers.lab's output): restore the roles"
    before = nbformat.writes(original)
    rewritten = lab.rewrite(original, BIB, "9", nb.name)
    assert nbformat.writes(original) == before, "the repository's notebook is left as it was"
    markdown = "\n".join(c.source for c in rewritten.cells if c.cell_type == "markdown")
    assert not ROLES.findall(markdown), "no citation, figure or term role is left for jupyterlab-myst"
    for i, cell in enumerate(rewritten.cells):
        caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
        if cell.cell_type == "code" and caption:
            following = rewritten.cells[i + 1]
            assert lab.CAPTION_TAG in following.metadata["tags"] and following.source.startswith("**Figure 9.")
    again = lab.rewrite(rewritten, BIB, "9", nb.name)
    assert [c.source for c in again.cells] == [c.source for c in rewritten.cells], "a second run changes nothing"


def test_postbuild_rewrites_binders_copy_of_the_book(tmp_path):
    """What Binder runs when it builds the image: `postBuild` (executable) in a copy of the repository."""
    assert os.stat(ROOT / "postBuild").st_mode & stat.S_IXUSR, "repo2docker runs postBuild only if it is executable"
    for name in ("chapters", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("_toc.yml", "references.bib", "postBuild"):
        shutil.copy(ROOT / name, tmp_path / name)
    env = {**os.environ, "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ["PATH"]])}
    run = subprocess.run(["bash", "postBuild"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    rwanda = (tmp_path / "chapters" / "rwanda.ipynb").read_text()
    assert "{cite}" not in rwanda and "[Maddox 2015]" in rwanda and "**Figure 3.1.**" in rwanda
    assert "{cite}" in (ROOT / "chapters" / "rwanda.ipynb").read_text(), "the repository keeps its roles"

    bad = tmp_path / "chapters" / "about.ipynb"
    nb = nbformat.read(bad, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("See {numref}`fig-nowhere`."))
    nbformat.write(nb, bad)
    run = subprocess.run(["bash", "postBuild"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 1 and "chapters/about.ipynb, cell" in run.stderr and "'fig-nowhere'" in run.stderr


def test_figure_numbers_are_the_sites(site):
    """JupyterLab's "Figure 3.1" is the figure the site numbers 3.1."""
    numbers = lab.chapter_numbers(ROOT / "_toc.yml")
    checked = 0
    for nb in toc_notebooks():
        doc = nb.relative_to(ROOT).with_suffix("").as_posix()
        html = (site / f"{doc}.html").read_text()
        for name, number in lab.figures(nbformat.read(nb, as_version=4), numbers.get(doc)).values():
            shown = re.search(rf'<figure[^>]*id="{re.escape(name)}".*?caption-number">([^<]*)<', html, re.S)
            assert shown and shown.group(1).strip() == f"Figure {number}", f"{doc}: {name}"
            checked += 1
    assert checked > 10
