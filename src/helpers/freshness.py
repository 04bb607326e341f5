"""Keep the build's execution cache honest about what the notebooks ran with.

The book executes its notebooks at build time and caches their outputs (jupyter-cache), keyed on each
notebook's code alone. But a chapter's charts and tables are made by this toolkit from the book's
``data/`` tables: after a change to either, a cached chapter would keep showing what the old code drew
from the old rows, and nothing would say so.

So the build stamps its cache with a fingerprint of what the outputs depend on besides the notebook:

* the source of the ``helpers`` package the kernels import (every ``.py`` file under it);
* every file under the book's ``data/`` folder;
* the versions of the libraries that draw (Altair, vl-convert, pandas, ipywidgets).

When the fingerprint differs from the stamp, the cache is emptied before any notebook is read and every
notebook is marked for reading again (Sphinx would otherwise re-read only changed files), so every
chapter runs again and the new stamp is written. Nothing to remember,
no ``jupyter-book clean`` needed.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

STAMP = "helpers-fingerprint.txt"
LIBRARIES = ("altair", "vl-convert-python", "pandas", "ipywidgets")


def _files(folder: Path, pattern: str) -> list[Path]:
    skip = {"__pycache__", ".ipynb_checkpoints"}
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and not skip & set(p.relative_to(folder).parts))


def fingerprint(toolkit: Path, data: Path | None) -> str:
    """A digest of the toolkit's source, the data files and the drawing libraries' versions."""
    digest = hashlib.sha256()
    for label, folder, pattern in (("toolkit", toolkit, "*.py"), ("data", data, "*")):
        if folder is None or not folder.is_dir():
            digest.update(f"{label}: none\n".encode())
            continue
        for path in _files(folder, pattern):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def refresh(cache: Path, stamp: str) -> bool:
    """Empty ``cache`` if it was filled under another fingerprint; stamp it. True if it was emptied.

    A cache with no stamp at all (made before this check existed, or by hand) counts as stale.
    """
    cache = Path(cache)
    marker = cache / STAMP
    stale = cache.exists() and (not marker.exists() or marker.read_text().strip() != stamp)
    if stale:
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    marker.write_text(stamp + "\n")
    return stale


def toolkit_folder() -> Path:
    """The ``helpers`` package that this process (and the build's kernels) import."""
    import helpers

    return Path(helpers.__file__).resolve().parent


def cache_folder(app: Any) -> Path:
    """Where MyST-NB keeps this build's execution cache (its own rule: the setting, else beside the output)."""
    configured = app.config["nb_execution_cache_path"]
    return Path(configured).resolve() if configured else Path(app.outdir).parent.joinpath(".jupyter_cache").resolve()


def check_cache(app: Any) -> None:
    """Sphinx ``builder-inited`` handler, run before MyST-NB opens the cache."""
    if app.config["nb_execution_mode"] != "cache":
        return
    from sphinx.util import logging

    stamp = fingerprint(toolkit_folder(), Path(app.srcdir) / "data")
    cache = cache_folder(app)
    app._helpers_cache_emptied = refresh(cache, stamp)
    if app._helpers_cache_emptied:
        logging.getLogger(__name__).info(
            f"helpers: the toolkit, data or drawing libraries changed since {cache} was filled; "
            "emptied it, so every notebook runs again"
        )


def outdated_notebooks(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Sphinx ``env-get-outdated`` handler: after the cache was emptied, every notebook is read again.

    Sphinx re-reads only documents whose file changed; a notebook whose toolkit or data changed would
    keep its old page even with a fresh cache.
    """
    if not getattr(app, "_helpers_cache_emptied", False):
        return []
    return sorted(
        doc for doc in env.found_docs if Path(env.doc2path(doc)).suffix == ".ipynb" and doc not in added | changed
    )
