"""The execution cache is emptied when the toolkit or the data change, so no chapter shows stale output."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from conftest import ROOT, jupyter_book
from helpers import freshness


@pytest.fixture
def folders(tmp_path):
    toolkit = tmp_path / "helpers"
    (toolkit / "charts").mkdir(parents=True)
    (toolkit / "__init__.py").write_text("X = 1\n")
    (toolkit / "charts" / "timeline.py").write_text("def timeline(): ...\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "events.csv").write_text("id,date\nrw-1,1994-04-06\n")
    return toolkit, data


def test_the_fingerprint_is_stable(folders):
    assert freshness.fingerprint(*folders) == freshness.fingerprint(*folders)


@pytest.mark.parametrize(
    "change",
    [
        lambda t, d: (d / "events.csv").write_text("id,date\nrw-1,1994-04-07\n"),  # a row edited
        lambda t, d: (d / "sources.csv").write_text("id\n"),  # a table added
        lambda t, d: (t / "charts" / "timeline.py").write_text("def timeline(): return 1\n"),  # the toolkit
        lambda t, d: (t / "charts" / "timeline.py").rename(t / "charts" / "lanes.py"),  # a module renamed
    ],
    ids=["data-row", "data-table", "toolkit-code", "toolkit-rename"],
)
def test_the_fingerprint_follows_the_toolkit_and_the_data(folders, change):
    before = freshness.fingerprint(*folders)
    change(*folders)
    assert freshness.fingerprint(*folders) != before


def test_bytecode_and_checkpoints_do_not_count(folders):
    toolkit, data = folders
    before = freshness.fingerprint(toolkit, data)
    (toolkit / "__pycache__").mkdir()
    (toolkit / "__pycache__" / "x.py").write_text("stale = True\n")
    (data / ".ipynb_checkpoints").mkdir()
    (data / ".ipynb_checkpoints" / "events-checkpoint.csv").write_text("old\n")
    assert freshness.fingerprint(toolkit, data) == before


def test_a_cache_filled_under_another_fingerprint_is_emptied(tmp_path):
    cache = tmp_path / ".jupyter_cache"
    assert freshness.refresh(cache, "one") is False, "a new cache is not stale"
    (cache / "global.db").write_text("outputs")
    assert freshness.refresh(cache, "one") is False
    assert (cache / "global.db").exists(), "a cache under the same fingerprint is kept"
    assert freshness.refresh(cache, "two") is True
    assert not (cache / "global.db").exists(), "a cache under another fingerprint is emptied"
    assert (cache / freshness.STAMP).read_text().strip() == "two"


def test_a_cache_without_a_stamp_counts_as_stale(tmp_path):
    cache = tmp_path / ".jupyter_cache"
    cache.mkdir()
    (cache / "global.db").write_text("outputs of unknown provenance")
    assert freshness.refresh(cache, "one") is True
    assert not (cache / "global.db").exists()


@pytest.mark.build
@pytest.mark.slow
def test_a_book_rebuilt_after_a_data_change_shows_the_new_data(tmp_path):
    """A real build, twice, with the book's own settings (execution cached): the second build, after a
    data row changed and the notebook did not, shows the new value, not the cached one."""
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    (book / "data").mkdir()
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "references.bib", book)
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/reader\n")
    (book / "data" / "value.txt").write_text("first-value\n")
    code = "from pathlib import Path\nprint('VALUE=' + Path('../data/value.txt').read_text().strip())"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Reader"), nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "chapters" / "reader.ipynb")

    def build() -> str:
        run = jupyter_book("build", str(book), timeout=600)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        return (book / "_build" / "html" / "chapters" / "reader.html").read_text()

    assert "VALUE=first-value" in build()
    assert (book / "_build" / ".jupyter_cache" / freshness.STAMP).exists(), "the build stamped its cache"
    (book / "data" / "value.txt").write_text("second-value\n")
    page = build()
    assert "VALUE=second-value" in page, "the rebuilt page still shows output cached before the data changed"
    assert "VALUE=first-value" not in page
